import { fnv1a32 } from '../lib/fnv.js';
import type { Warning, WarningEvidence } from '../domain/warning.js';

/** Counterparts and payees remembered per person: enough to tell "new" from "known" at bounded cost. */
const RING = 16;
const TRANSFERS = 8;

/** A typology's progress for one person: the steps matched so far, in order, within its window. */
export interface Episode {
  typology: string;
  startTs: number;
  /** Index of the last step matched; steps only count in order. */
  lastStep: number;
  lastTs: number;
  score: number;
  evidence: WarningEvidence[];
}

/** The rings hold hashes, not strings. */
export const hash32 = fnv1a32;

/** Rolling memory of the last RING distinct values (as hashes). */
class Ring {
  private readonly values = new Uint32Array(RING);
  private next = 0;
  private size = 0;

  has(h: number): boolean {
    for (let i = 0; i < this.size; i++) if (this.values[i] === h) return true;
    return false;
  }

  add(h: number): void {
    if (this.has(h)) return;
    this.values[this.next] = h;
    this.next = (this.next + 1) % RING;
    if (this.size < RING) this.size++;
  }

  toJSON(): number[] {
    return Array.from(this.values.subarray(0, this.size));
  }

  static from(values: number[]): Ring {
    const ring = new Ring();
    for (const v of values) ring.add(v);
    return ring;
  }
}

/** Everything screening keeps about one person at risk. */
export class PersonState {
  lastTs = 0;
  contacts = new Ring();
  payees = new Ring();
  largestTransferFen = 0;
  /** Times of the latest transfers, oldest first. */
  transfers: number[] = [];
  /** End of the latest risky call (unknown, overseas, virtual, spoofed or flagged caller). */
  riskyCallEnd = Number.NEGATIVE_INFINITY;
  episodes: Episode[] = [];
  /** The open warning, upgraded while the person's episodes progress. */
  warning: Warning | null = null;

  constructor(readonly key: string) {}

  recordTransfer(ts: number, amountFen: number, payee: number): void {
    this.transfers.push(ts);
    if (this.transfers.length > TRANSFERS) this.transfers.shift();
    if (amountFen > this.largestTransferFen) this.largestTransferFen = amountFen;
    this.payees.add(payee);
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
      contacts: this.contacts.toJSON(),
      payees: this.payees.toJSON(),
      largestTransferFen: this.largestTransferFen,
      transfers: this.transfers,
      riskyCallEnd: Number.isFinite(this.riskyCallEnd) ? this.riskyCallEnd : null,
      episodes: this.episodes,
      warning: this.warning,
    };
  }

  static fromJSON(o: ReturnType<PersonState['toJSON']> & Record<string, unknown>): PersonState {
    const s = new PersonState(o.key as string);
    s.lastTs = o.lastTs as number;
    s.contacts = Ring.from(o.contacts as number[]);
    s.payees = Ring.from(o.payees as number[]);
    s.largestTransferFen = o.largestTransferFen as number;
    s.transfers = o.transfers as number[];
    s.riskyCallEnd = (o.riskyCallEnd as number | null) ?? Number.NEGATIVE_INFINITY;
    s.episodes = o.episodes as Episode[];
    s.warning = o.warning as Warning | null;
    return s;
  }
}

/**
 * People by key, least recently active first. Bounded: beyond `maxPeople` the least recently active person is
 * forgotten, and `expire` drops everyone idle for longer than the rules' horizon.
 */
export class PersonTable {
  private readonly people = new Map<string, PersonState>();

  constructor(private readonly maxPeople: number) {}

  get size(): number {
    return this.people.size;
  }

  /** The person's state, created on first sight and moved to the most-recent end. */
  touch(key: string, ts: number): PersonState {
    let state = this.people.get(key);
    if (state) {
      this.people.delete(key);
    } else {
      state = new PersonState(key);
      if (this.people.size >= this.maxPeople) this.people.delete(this.people.keys().next().value as string);
    }
    this.people.set(key, state);
    if (ts > state.lastTs) state.lastTs = ts;
    return state;
  }

  peek(key: string): PersonState | undefined {
    return this.people.get(key);
  }

  /**
   * Forgets people whose last event is before `before`, walking from the least recently touched and stopping at
   * the first recent one (touch order follows event time closely enough); returns how many.
   */
  expire(before: number): number {
    let n = 0;
    for (const [key, state] of this.people) {
      if (state.lastTs >= before) break;
      this.people.delete(key);
      n++;
    }
    return n;
  }

  values(): IterableIterator<PersonState> {
    return this.people.values();
  }

  restore(state: PersonState): void {
    this.people.set(state.key, state);
  }
}
