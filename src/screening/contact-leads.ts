/**
 * Numbers, sites, IM accounts and SMS templates that people were in touch with shortly before they paid a mule
 * account (one seen passing money on, or a flagged one): the gang's callers, senders, messages and shop or trading
 * sites, learned from the stream itself before anyone reports them. A lead counts for others only: a person's own
 * contacts never warn them. Keys are 30-bit hashes (phones, web hosts, IM accounts and templates share the space,
 * as in the person state); the table is bounded and forgets the leads entered longest ago.
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

/**
 * Who was in touch with whom new to them, lately, for the leads: (person, contact, time) in typed arrays, a ring in
 * arrival order that grows to `maxEntries` and then overwrites the oldest; each entry links to the same person's
 * previous one, so one person's contacts are read without a scan. Off the per-person state on purpose: most
 * people's new contacts are couriers and sales calls that will never be read, and typed arrays cost the garbage
 * collector nothing. Read only when someone pays a mule.
 */
export class RecentContacts {
  private person = new Int32Array(INITIAL);
  private contact = new Int32Array(INITIAL);
  private time = new Float64Array(INITIAL);
  private prev = new Int32Array(INITIAL);
  private next = 0;
  private filled = 0;

  constructor(private readonly maxEntries = 1 << 21) {}

  /** Records a contact; `last` is the person's previous entry (-1 for none). Returns this entry's index. */
  add(person: number, contact: number, ts: number, last: number): number {
    if (this.filled === this.person.length && this.person.length < this.maxEntries) this.grow();
    const i = this.next;
    this.person[i] = person;
    this.contact[i] = contact;
    this.time[i] = ts;
    this.prev[i] = last;
    this.next = (i + 1) % this.person.length;
    if (this.filled < this.person.length) this.filled++;
    return i;
  }

  /** The contacts `person` was new to between `since` and `until`, following their entries back from `last`. */
  of(person: number, last: number, since: number, until: number): number[] {
    const out: number[] = [];
    let later = Number.POSITIVE_INFINITY;
    for (let i = last, steps = 0; i >= 0 && i < this.filled && steps < MAX_CHAIN; steps++) {
      const t = this.time[i];
      // An entry overwritten by someone else's, or newer than the one after it, ends the chain.
      if (this.person[i] !== person || t > later || t < since) break;
      if (t <= until && !out.includes(this.contact[i])) out.push(this.contact[i]);
      later = t;
      i = this.prev[i];
    }
    return out;
  }

  /** Doubles the ring when it is full and has not wrapped yet (`next` is 0 then), so indices stay valid. */
  private grow(): void {
    const size = Math.min(this.maxEntries, this.person.length * 2);
    const person = new Int32Array(size);
    const contact = new Int32Array(size);
    const time = new Float64Array(size);
    const prev = new Int32Array(size);
    person.set(this.person);
    contact.set(this.contact);
    time.set(this.time);
    prev.set(this.prev);
    this.next = this.person.length;
    this.person = person;
    this.contact = contact;
    this.time = time;
    this.prev = prev;
  }

  toJSON(): { person: number[]; contact: number[]; time: number[]; prev: number[]; next: number; filled: number } {
    const n = this.filled;
    return {
      person: Array.from(this.person.subarray(0, n)),
      contact: Array.from(this.contact.subarray(0, n)),
      time: Array.from(this.time.subarray(0, n)),
      prev: Array.from(this.prev.subarray(0, n)),
      next: this.next,
      filled: n,
    };
  }

  restore(snapshot: ReturnType<RecentContacts['toJSON']> | undefined): void {
    if (!snapshot || snapshot.filled === 0) return;
    let size = INITIAL;
    while (size < snapshot.filled) size *= 2;
    this.person = Int32Array.from({ length: size }, (_, i) => snapshot.person[i] ?? 0);
    this.contact = Int32Array.from({ length: size }, (_, i) => snapshot.contact[i] ?? 0);
    this.time = Float64Array.from({ length: size }, (_, i) => snapshot.time[i] ?? 0);
    this.prev = Int32Array.from({ length: size }, (_, i) => snapshot.prev[i] ?? -1);
    this.filled = snapshot.filled;
    this.next = snapshot.filled < size ? snapshot.filled : snapshot.next;
  }
}

const INITIAL = 1 << 14;
/** A person's contacts are followed back this many entries at most. */
const MAX_CHAIN = 64;
