/** A WHERE clause built from optional filters, with its parameters in order. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `condition` (each `?` in it standing for `value`) when the filter is set (neither undefined, null, '' nor false). */
  when(value: unknown, condition: string, param: unknown = value): this {
    if (value === undefined || value === null || value === '' || value === false) return this;
    this.conditions.push(condition);
    for (const _ of condition.matchAll(/\?/g)) this.params.push(param);
    return this;
  }

  /** `WHERE a AND b`, or nothing. */
  toString(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
