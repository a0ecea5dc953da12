/** A WHERE clause built from optional filters, with its parameters in order. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `condition` (with `?` for `value`) when the filter is set (neither undefined, null, '' nor false). */
  when(value: unknown, condition: string, param: unknown = value): this {
    if (value === undefined || value === null || value === '' || value === false) return this;
    this.conditions.push(condition);
    if (condition.includes('?')) this.params.push(param);
    return this;
  }

  /** `WHERE a AND b`, or nothing. */
  toString(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
