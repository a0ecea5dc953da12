import { fnv1a32 } from '../lib/fnv.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { Warning, WarningEvidence } from '../domain/warning.js';

/** Counterparts and payees remembered per person: enough to tell "new" from "known" at bounded cost. */
const RING = 16;
const TRANSFERS = 8;
const SMS_LINKS = 8;

/** A link host seen in an SMS: [host hash, event time, the SMS's fraud type, its fraud probability]. */
export type SmsLink = [host: number, ts: number, type: FraudType, score: number];

/** A typology's progress for one person: the steps matched so far, in order, within its window. */
export interface Episode {
  typology: string;
  startTs: number;
  /** Index of the last step matched; steps only count in order. */
  lastStep: number;
  lastTs: number;
  score: number;
  /** Steps matched by a signal of this typology's own fraud type (a typed site, text or number): breaks ties. */
  specific: number;
  evidence: WarningEvidence[];
}

/**
 * The rings hold 30-bit hashes, not strings: small integers that V8 keeps unboxed in a plain array, far cheaper
 * per person than a typed array (an ArrayBuffer each) or the strings themselves.
 */
export function hash32(s: string): number {
  return fnv1a32(s) >>> 2;
}

/** Rolling memory of the last RING distinct values (as hashes); grows to RING, then overwrites the oldest. */
class Ring {
  private values: number[] = [];
  private next = 0;

  has(h: number): boolean {
    return this.values.includes(h);
  }

  add(h: number): void {
    if (this.values.includes(h)) return;
    if (this.values.length < RING) this.values.push(h);
    else {
      this.values[this.next] = h;
      this.next = (this.next + 1) % RING;
    }
  }

  toJSON(): number[] {
    return this.values;
  }

  static from(values: number[]): Ring {
    const ring = new Ring();
    for (const v of values) ring.add(v);
    return ring;
  }
}

// Shared empty lists: most people never transfer, get a link or start an episode, so theirs are allocated on
// first use. Frozen, so a push onto a shared one fails loudly instead of leaking into everyone's state.
const NO_TIMES: number[] = Object.freeze([]) as unknown as number[];
const NO_LINKS: SmsLink[] = Object.freeze([]) as unknown as SmsLink[];
const NO_EPISODES: Episode[] = Object.freeze([]) as unknown as Episode[];

/** Everything screening keeps about one person at risk. */
export class PersonState {
  lastTs = 0;
  private contacts: Ring | null = null;
  private payees: Ring | null = null;
  largestTransferFen = 0;
  /** Times of the latest transfers, oldest first. */
  transfers = NO_TIMES;
  /** End of the latest risky call (spoofed, overseas, virtual or flagged caller). */
  riskyCallEnd = Number.NEGATIVE_INFINITY;
  /** End of the latest long call with a number not in touch before (and nothing riskier about it). */
  strangerCallEnd = Number.NEGATIVE_INFINITY;
  /** Hosts of the links in the latest SMS, newest last. */
  smsLinks = NO_LINKS;
  /** The latest SMS the text model read as fraud: [time, its model type, its score]. */
  fraudSms: [number, FraudType, number] | null = null;
  /** The latest SMS under the threshold but of a confident type (sms_suspect_text): [time, type, score]. */
  suspectSms: [number, FraudType, number] | null = null;
  /** The latest visit that raised a web signal: [time, the fraud types it spoke for]. */
  riskyWeb: [number, readonly FraudType[]] | null = null;
  private keyHash = -1;
  /** The person's latest entry in the engine's recent contacts (RecentContacts), -1 for none. */
  lastContact = -1;
  /** At most one per typology; replaced as a whole when pruned. */
  episodes = NO_EPISODES;
  /** The open warning, upgraded while the person's episodes progress. */
  warning: Warning | null = null;

  constructor(readonly key: string) {}

  knowsContact(h: number): boolean {
    return this.contacts !== null && this.contacts.has(h);
  }

  addContact(h: number): void {
    (this.contacts ??= new Ring()).add(h);
  }

  knowsPayee(h: number): boolean {
    return this.payees !== null && this.payees.has(h);
  }

  addEpisode(ep: Episode): void {
    if (this.episodes === NO_EPISODES) this.episodes = [];
    this.episodes.push(ep);
  }

  recordTransfer(ts: number, amountFen: number, payee: number): void {
    if (this.transfers === NO_TIMES) this.transfers = [];
    this.transfers.push(ts);
    if (this.transfers.length > TRANSFERS) this.transfers.shift();
    if (amountFen > this.largestTransferFen) this.largestTransferFen = amountFen;
    (this.payees ??= new Ring()).add(payee);
  }

  /** The key as a 30-bit hash, computed once. */
  get hash(): number {
    if (this.keyHash < 0) this.keyHash = hash32(this.key);
    return this.keyHash;
  }

  recordSmsLink(link: SmsLink): void {
    if (this.smsLinks === NO_LINKS) this.smsLinks = [];
    this.smsLinks.push(link);
    if (this.smsLinks.length > SMS_LINKS) this.smsLinks.shift();
  }

  /** The latest SMS link to `host` at or after `since`, if any. */
  smsLinkTo(host: number, since: number): SmsLink | undefined {
    for (let i = this.smsLinks.length - 1; i >= 0; i--) {
      const link = this.smsLinks[i];
      if (link[0] === host && link[1] >= since) return link;
    }
    return undefined;
  }

  /** Transfers at or after `since`. */
  transfersSince(since: number): number {
    let n = 0;
    for (const t of this.transfers) if (t >= since) n++;
    return n;
  }

  toJSON(): object {
    return {
      key: this.key,
      lastTs: this.lastTs,
      contacts: this.contacts?.toJSON() ?? [],
      payees: this.payees?.toJSON() ?? [],
      largestTransferFen: this.largestTransferFen,
      transfers: this.transfers,
      riskyCallEnd: Number.isFinite(this.riskyCallEnd) ? this.riskyCallEnd : null,
      strangerCallEnd: Number.isFinite(this.strangerCallEnd) ? this.strangerCallEnd : null,
      smsLinks: this.smsLinks,
      fraudSms: this.fraudSms,
      riskyWeb: this.riskyWeb,
      lastContact: this.lastContact,
      suspectSms: this.suspectSms,
      episodes: this.episodes,
      warning: this.warning,
    };
  }

  static fromJSON(o: ReturnType<PersonState['toJSON']> & Record<string, unknown>): PersonState {
    const s = new PersonState(o.key as string);
    s.lastTs = o.lastTs as number;
    const contacts = o.contacts as number[];
    const payees = o.payees as number[];
    if (contacts.length) s.contacts = Ring.from(contacts);
    if (payees.length) s.payees = Ring.from(payees);
    s.largestTransferFen = o.largestTransferFen as number;
    const transfers = o.transfers as number[];
    if (transfers.length) s.transfers = transfers;
    s.riskyCallEnd = (o.riskyCallEnd as number | null) ?? Number.NEGATIVE_INFINITY;
    s.strangerCallEnd = (o.strangerCallEnd as number | null | undefined) ?? Number.NEGATIVE_INFINITY;
    const links = (o.smsLinks as SmsLink[] | undefined) ?? [];
    if (links.length) s.smsLinks = links;
    s.fraudSms = (o.fraudSms as PersonState['fraudSms'] | undefined) ?? null;
    s.riskyWeb = (o.riskyWeb as PersonState['riskyWeb'] | undefined) ?? null;
    s.lastContact = (o.lastContact as number | undefined) ?? -1;
    s.suspectSms = (o.suspectSms as PersonState['suspectSms'] | undefined) ?? null;
    const episodes = o.episodes as Episode[];
    if (episodes.length) s.episodes = episodes;
    s.warning = o.warning as Warning | null;
    return s;
  }
}

/**
 * People by key. Bounded: when `maxPeople` is reached, the least recently active twentieth is forgotten in one
 * sweep, and `expire` drops everyone idle for longer than the rules' horizon. Touching a person does not reorder
 * the map: re-inserting on every event is what an exact LRU would cost, and it dominated screening.
 */
export class PersonTable {
  private readonly people = new Map<string, PersonState>();

  constructor(private readonly maxPeople: number) {}

  get size(): number {
    return this.people.size;
  }

  /** The person's state, created on first sight. */
  touch(key: string, ts: number): PersonState {
    let state = this.people.get(key);
    if (!state) {
      if (this.people.size >= this.maxPeople) this.evictIdlest();
      state = new PersonState(key);
      this.people.set(key, state);
    }
    if (ts > state.lastTs) state.lastTs = ts;
    return state;
  }

  peek(key: string): PersonState | undefined {
    return this.people.get(key);
  }

  /** Forgets people whose last event is before `before`; returns how many. */
  expire(before: number): number {
    let n = 0;
    for (const [key, state] of this.people) {
      if (state.lastTs < before) {
        this.people.delete(key);
        n++;
      }
    }
    return n;
  }

  /** Forgets about the least recently active 5%, by a cut-off read from a sample of last-activity times. */
  private evictIdlest(): void {
    const sample: number[] = [];
    const step = Math.max(1, Math.floor(this.people.size / 2000));
    let i = 0;
    for (const state of this.people.values()) if (i++ % step === 0) sample.push(state.lastTs);
    sample.sort((a, b) => a - b);
    const cutoff = sample[Math.floor(sample.length / 20)];
    let dropped = this.expire(cutoff + 1);
    // Everyone equally idle: drop the oldest entries instead, so the table never outgrows its bound.
    for (const key of this.people.keys()) {
      if (dropped > 0 && this.people.size < this.maxPeople) break;
      this.people.delete(key);
      dropped++;
    }
  }

  values(): IterableIterator<PersonState> {
    return this.people.values();
  }

  restore(state: PersonState): void {
    this.people.set(state.key, state);
  }
}
