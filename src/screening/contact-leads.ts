/**
 * Numbers and sites that people were in touch with shortly before they paid a mule account (one seen passing
 * money on, or a flagged one): the gang's callers, senders and shop or trading sites, learned from the stream
 * itself before anyone reports them. A lead counts for others only: a person's own contacts never warn them.
 * Keys are 30-bit hashes (phones and web hosts share the space, as in the person state); the table is bounded and
 * forgets the leads entered longest ago.
 */
export class ContactLeads {
  private readonly leads = new Map<number, Lead>();

  constructor(private readonly maxLeads = 200_000) {}

  /** Records that `victim` (a person hash) was in touch with `contact` before paying a mule, learned at `ts`. */
  add(contact: number, victim: number, ts: number): void {
    let lead = this.leads.get(contact);
    if (!lead) {
      if (this.leads.size >= this.maxLeads) this.forgetOldest();
      lead = { since: ts, victims: [] };
      this.leads.set(contact, lead);
    }
    if (!lead.victims.includes(victim) && lead.victims.length < MAX_VICTIMS) lead.victims.push(victim);
  }

  /** The people (hashes) who paid a mule after touching `contact`, as known at `ts`; null when none. */
  victims(contact: number, ts: number): readonly number[] | null {
    const lead = this.leads.get(contact);
    return lead && lead.since <= ts ? lead.victims : null;
  }

  get size(): number {
    return this.leads.size;
  }

  private forgetOldest(): void {
    let n = Math.ceil(this.maxLeads / 10);
    for (const key of this.leads.keys()) {
      if (n-- <= 0) break;
      this.leads.delete(key);
    }
  }

  toJSON(): [number, number, number[]][] {
    return Array.from(this.leads, ([contact, l]) => [contact, l.since, l.victims]);
  }

  restore(entries: readonly [number, number, number[]][]): void {
    for (const [contact, since, victims] of entries) this.leads.set(contact, { since, victims });
  }
}

interface Lead {
  since: number;
  victims: number[];
}

const MAX_VICTIMS = 4;
