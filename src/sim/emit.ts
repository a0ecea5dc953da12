import type { AppAction } from '../domain/event.js';

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

const str = (s: string): string => JSON.stringify(s);

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
  private arena = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offsets: number[] = [];
  private times: number[] = [];
  private readonly counters = new Map<string, number>();
  private readonly tag: string;

  constructor(
    readonly start: number,
    private readonly clock: IsoClock,
  ) {
    this.tag = localDate(start);
  }

  get size(): number {
    return this.times.length;
  }

  /** A background event; times spilling over the day's edges are kept inside it, so days never interleave. Returns its id. */
  add(ts: number, type: WireType, prefix: string, body: string): string {
    const t = ts < this.start ? this.start : ts >= this.start + DAY ? this.start + DAY - 1000 : ts;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const id = `${prefix}-${this.tag}-${n}`;
    const line = `{"id":"${id}","type":"${type}","ts":"${this.clock.format(t)}",${body}}\n`;
    if (this.used + line.length * 3 > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + line.length * 3));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    this.offsets.push(this.used);
    this.times.push(t);
    this.used += (this.arena as unknown as Utf8Writable).utf8Write(line, this.used);
    return id;
  }

  /** A planned event of this day; its id is set. */
  addPlanned(p: Planned): void {
    p.id = this.add(p.ts, p.type, p.prefix, p.body);
  }

  /** The day's lines in time order (events of the same second in the order they were added), in chunks of about `chunkBytes`. */
  *output(chunkBytes = 4 << 20): Generator<{ bytes: Buffer; events: number }> {
    const n = this.times.length;
    if (n >= 1 << 24) throw new Error('more than 16M events in one day');
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = Math.floor((this.times[i] - this.start) / 1000) * 16777216 + i;
    keys.sort();
    this.offsets.push(this.used);
    let out = Buffer.allocUnsafe(Math.min(chunkBytes, this.used) + 65536);
    let pos = 0;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = keys[k] % 16777216;
      const from = this.offsets[i];
      const to = this.offsets[i + 1];
      if (pos + (to - from) > out.length) {
        yield { bytes: out.subarray(0, pos), events: count };
        out = Buffer.allocUnsafe(Math.min(chunkBytes, this.used) + 65536);
        pos = 0;
        count = 0;
      }
      out.set(this.arena.subarray(from, to), pos);
      pos += to - from;
      count++;
    }
    if (count) yield { bytes: out.subarray(0, pos), events: count };
  }
}

/**
 * Buffer#utf8Write: the method Buffer#write dispatches to, without the argument normalisation that costs more
 * than the encoding of a 200-byte line (and without the view TextEncoder#encodeInto needs). In Node since 0.x.
 */
interface Utf8Writable {
  utf8Write(text: string, offset: number): number;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO-8601 UTC with whole seconds ('2026-03-01T09:30:00Z'), the date part cached (a local day spans two UTC days). */
export class IsoClock {
  private readonly prefixes = new Map<number, string>();

  format(ts: number): string {
    const day = Math.floor(ts / DAY);
    let prefix = this.prefixes.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY).toISOString().slice(0, 11);
      this.prefixes.set(day, prefix);
    }
    const secs = Math.floor((ts - day * DAY) / 1000);
    return `${prefix}${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}Z`;
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
