import type { AppAction, ContactFlag } from '../domain/event.js';

/*
 * Events are built as JSON text straight away (no object per event, no JSON.stringify of whole events): the
 * simulator writes millions of them. Each event is its type, its time, an id prefix (the sending partner) and the
 * JSON members after `ts`. Ids are given when the day is sorted, in output order.
 */

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** China Standard Time, UTC+8, no daylight saving. */
export const LOCAL_OFFSET = 8 * HOUR;

export type WireType = 'call' | 'sms' | 'web' | 'app' | 'transfer' | 'account_open' | 'sim_open';

/** An event the scenario planned ahead (fraud steps, laundering, supply); its id is set when it is written. */
export interface Planned {
  ts: number;
  type: WireType;
  prefix: string;
  body: string;
  id: string;
}

/**
 * A JSON string of text the simulator wrote itself. Its catalogs and templates hold no quote, backslash or
 * control character (assertJsonSafe checks them at load, and the tests parse every line), so nothing needs
 * escaping, and a scan per string was a twentieth of the simulator's time.
 */
const str = (s: string): string => `"${s}"`;

/** Throws when a catalog string would need JSON escaping (and str above would write broken JSON). */
export function assertJsonSafe(strings: Iterable<string>, where: string): void {
  for (const s of strings) if (/["\\\u0000-\u001f\u2028\u2029]/.test(s)) throw new Error(`${where}: ${JSON.stringify(s)} needs JSON escaping`);
}

export function callBody(from: string, to: string, durationSec: number): string {
  return `"from":"${from}","to":"${to}","durationSec":${durationSec}`;
}
export function smsBody(from: string, to: string, text: string): string {
  return `"from":"${from}","to":"${to}","text":${str(text)}`;
}
export function webBody(subscriber: string, url: string): string {
  return `"subscriber":"${subscriber}","url":${str(url)}`;
}
export function appBody(subscriber: string, app: string, action: AppAction): string {
  return `"subscriber":"${subscriber}","app":${str(app)},"action":"${action}"`;
}
/** An IM platform's new contact: `contact` is `<platform>:<id>`; flags are left out when there are none. */
export function contactAddBody(subscriber: string, app: string, contact: string, flags: readonly ContactFlag[]): string {
  const s = `"subscriber":"${subscriber}","app":${str(app)},"action":"contact_add","contact":"${contact}"`;
  return flags.length ? `${s},"flags":["${flags.join('","')}"]` : s;
}
export function transferBody(from: string, to: string, amountFen: number, channel: string, payerPhone: string | null, bank: string | null): string {
  let s = `"fromAccount":"${from}","toAccount":"${to}","amountFen":${amountFen},"channel":"${channel}"`;
  if (payerPhone !== null) s += `,"payerPhone":"${payerPhone}"`;
  if (bank !== null) s += `,"bank":${str(bank)}`;
  return s;
}
export function accountOpenBody(bank: string, branch: string, holderId: string, holderPhone: string, account: string): string {
  return `"bank":${str(bank)},"branch":${str(branch)},"holderId":"${holderId}","holderPhone":"${holderPhone}","account":"${account}"`;
}
export function simOpenBody(operator: string, outlet: string, holderId: string, msisdn: string): string {
  return `"operator":${str(operator)},"outlet":${str(outlet)},"holderId":"${holderId}","msisdn":"${msisdn}"`;
}

/**
 * The events of one local day. Each is written as its NDJSON line into a byte arena as soon as it is made (ids are
 * numbered per sender in the order events are made, not in time order, as partners' ids are), and the day is
 * written out by copying the lines in time order: no string per event outlives its creation, which keeps the
 * garbage collector out of the way.
 */
export class DayBuffer {
  private used = 0;
  private offsets: number[] = [];
  private times: number[] = [];
  private readonly counters = new Map<string, number>();
  private readonly tag: string;

  constructor(
    readonly start: number,
    private readonly clock: IsoClock,
    private readonly memory: DayMemory,
  ) {
    this.tag = localDate(start);
  }

  get size(): number {
    return this.times.length;
  }

  /** A background event; times spilling over the day's edges are kept inside it, so days never interleave. */
  add(ts: number, type: WireType, prefix: string, body: string): void {
    const t = ts < this.start ? this.start : ts >= this.start + DAY ? this.start + DAY - 1000 : ts;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    this.write(`{"id":"${prefix}-${this.tag}-${n}","type":"${type}","ts":"${this.clock.format(t)}",${body}}\n`, t);
  }

  /** A planned event of this day; its id is set. */
  addPlanned(p: Planned): void {
    const n = (this.counters.get(p.prefix) ?? 0) + 1;
    this.counters.set(p.prefix, n);
    p.id = `${p.prefix}-${this.tag}-${n}`;
    this.write(`{"id":"${p.id}","type":"${p.type}","ts":"${this.clock.format(p.ts)}",${p.body}}\n`, p.ts);
  }

  private write(line: string, t: number): void {
    const mem = this.memory;
    if (this.used + line.length * 3 > mem.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(mem.arena.length * 2, this.used + line.length * 3));
      mem.arena.copy(bigger, 0, 0, this.used);
      mem.arena = bigger;
    }
    this.offsets.push(this.used);
    this.times.push(t);
    this.used += (mem.arena as unknown as Utf8Writable).utf8Write(line, this.used);
  }

  /**
   * The day's lines in time order (events of the same second in the order they were added), in chunks of up to
   * CHUNK_BYTES. A chunk's bytes are reused for the next one: use (write, decode, copy) them before asking for it.
   */
  *output(): Generator<{ bytes: Buffer; events: number }> {
    const n = this.times.length;
    if (n >= 1 << 24) throw new Error('more than 16M events in one day');
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = Math.floor((this.times[i] - this.start) / 1000) * 16777216 + i;
    keys.sort();
    this.offsets.push(this.used);
    const arena = this.memory.arena;
    const out = this.memory.out;
    let pos = 0;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = keys[k] % 16777216;
      const from = this.offsets[i];
      const to = this.offsets[i + 1];
      if (pos + (to - from) > out.length) {
        yield { bytes: out.subarray(0, pos), events: count };
        pos = 0;
        count = 0;
      }
      out.set(arena.subarray(from, to), pos);
      pos += to - from;
      count++;
    }
    if (count) yield { bytes: out.subarray(0, pos), events: count };
  }
}

const CHUNK_BYTES = 4 << 20;

/**
 * The byte buffers days are written into and copied out of, kept from one day to the next: a fresh 100 MB buffer
 * a day would be external memory the garbage collector counts, and runs full collections for.
 */
export class DayMemory {
  arena = Buffer.allocUnsafe(1 << 24);
  // No line is longer than a chunk: SMS texts are at most a few hundred characters.
  readonly out = Buffer.allocUnsafe(CHUNK_BYTES);
}

/**
 * Buffer#utf8Write: the method Buffer#write dispatches to, without the argument normalisation that costs more
 * than the encoding of a 200-byte line (and without the view TextEncoder#encodeInto needs). In Node since 0.x.
 */
interface Utf8Writable {
  utf8Write(text: string, offset: number): number;
}

/** ISO-8601 UTC with whole seconds ('2026-03-01T09:30:00Z'), the text up to the minute cached. */
export class IsoClock {
  private readonly minutes = new Map<number, string>();

  format(ts: number): string {
    const minute = Math.floor(ts / MINUTE);
    let prefix = this.minutes.get(minute);
    if (prefix === undefined) {
      prefix = new Date(minute * MINUTE).toISOString().slice(0, 17);
      // A week is about 10,000 minutes; a long run forgets the old ones.
      if (this.minutes.size > 100_000) this.minutes.clear();
      this.minutes.set(minute, prefix);
    }
    const sec = Math.floor((ts - minute * MINUTE) / 1000);
    return `${prefix}${sec < 10 ? '0' : ''}${sec}Z`;
  }
}

/** Local (UTC+8) hour of day, fractional. */
export function localHour(ts: number): number {
  return (((ts + LOCAL_OFFSET) % DAY) + DAY) % DAY / HOUR;
}

/** Local calendar date 'yyyymmdd' of an instant. */
export function localDate(ts: number): string {
  return new Date(ts + LOCAL_OFFSET).toISOString().slice(0, 10).replace(/-/g, '');
}
