/**
 * How often each web host has been visited in this engine's stream, so that a visit to a little-known site can be
 * told from one to a site half the city uses. Hosts are 32-bit hashes; the table is bounded: when full, the hosts
 * seen only once are forgotten (a scam site's handful of victims and the long tail look alike there anyway).
 */
export class HostVisits {
  private readonly counts = new Map<number, number>();

  constructor(private readonly maxHosts = 1_000_000) {}

  /** Counts a visit; returns how many visits the host had before this one. */
  visit(host: number): number {
    const before = this.counts.get(host) ?? 0;
    if (before === 0 && this.counts.size >= this.maxHosts) this.forgetRare();
    this.counts.set(host, before + 1);
    return before;
  }

  /** Visits counted so far, without counting one. */
  count(host: number): number {
    return this.counts.get(host) ?? 0;
  }

  toJSON(): [number, number][] {
    return [...this.counts];
  }

  restore(entries: readonly [number, number][]): void {
    for (const [host, n] of entries) this.counts.set(host, n);
  }

  private forgetRare(): void {
    for (const [host, n] of this.counts) if (n <= 1) this.counts.delete(host);
    if (this.counts.size >= this.maxHosts) this.counts.clear();
  }
}
