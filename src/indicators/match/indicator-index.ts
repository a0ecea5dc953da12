import { FRAUD_TYPE_CODES, type FraudType } from '../../domain/fraud-type.js';
import { INDICATOR_KINDS, INDICATOR_STATUSES, type IndicatorKind, type IndicatorStatus } from '../../domain/indicator.js';
import { CidrIndex } from './cidr-index.js';
import { KeyTable } from './key-table.js';

/** How a look-up expression reached an indicator. */
export type MatchVia = 'exact' | 'domain_suffix' | 'path_prefix' | 'cidr';

/** What the index keeps of one indicator: enough for a verdict without the database. */
export interface IndexEntry {
  id: number;
  kind: IndicatorKind;
  status: IndicatorStatus;
  fraudTypes: FraudType[];
  score: number;
  sightings: number;
  expiresAt: number | null;
}

export interface IndexMatch {
  entry: IndexEntry;
  via: MatchVia;
  /** The stored canonical value that matched (a host suffix, a URL prefix expression, a CIDR range, …). */
  expression: string;
}

/** The fields of an indicator row the index is fed with. */
export interface IndexInput {
  id: number;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  fraudTypes: string | readonly string[];
  score: number;
  sightings: number;
  expiresAt: number | null;
}

const KIND_CODE = new Map(INDICATOR_KINDS.map((k, i) => [k, i + 1]));
const STATUS_CODE = new Map(INDICATOR_STATUSES.map((s, i) => [s, i]));
const TYPE_BIT = new Map(FRAUD_TYPE_CODES.map((t, i) => [t as string, 1 << i]));
/** Namespace of "this host has URL indicators with a path", so most URL look-ups skip path expressions. */
const URL_HOST_SEED = 101;
const ACTIVE = new Set<number>(['reported', 'verified', 'blocked'].map((s) => STATUS_CODE.get(s as IndicatorStatus)!));

/**
 * Every indicator in memory, in columns of typed arrays (about 40 bytes each with the key table), so a
 * look-up never waits on the database. Rows are never removed: a revoked or expired indicator keeps its
 * row with an inactive status, and `upsert` of the same kind and value reuses it.
 */
export class IndicatorIndex {
  private readonly keys: KeyTable;
  private readonly urlHosts: KeyTable;
  private readonly ip = new CidrIndex<number>();
  private ids: Float64Array;
  private kinds: Uint8Array;
  private statuses: Uint8Array;
  private types: Uint16Array;
  private scores: Uint8Array;
  private sightingCounts: Uint32Array;
  /** Seconds since the epoch; 0 = no expiry. */
  private expiries: Uint32Array;
  private count = 0;

  constructor(expected = 1024) {
    this.keys = new KeyTable(expected);
    this.urlHosts = new KeyTable(1024);
    const n = Math.max(16, expected);
    this.ids = new Float64Array(n);
    this.kinds = new Uint8Array(n);
    this.statuses = new Uint8Array(n);
    this.types = new Uint16Array(n);
    this.scores = new Uint8Array(n);
    this.sightingCounts = new Uint32Array(n);
    this.expiries = new Uint32Array(n);
  }

  /** Number of indicators held (all statuses). */
  get size(): number {
    return this.count;
  }

  /** Bytes of typed-array memory the index holds. */
  get bytes(): number {
    const columns = this.ids.byteLength + this.kinds.byteLength + this.statuses.byteLength + this.types.byteLength;
    return columns + this.scores.byteLength + this.sightingCounts.byteLength + this.expiries.byteLength + this.keys.bytes + this.urlHosts.bytes;
  }

  /** Adds the indicator or refreshes the row it already has. */
  upsert(input: IndexInput): void {
    const seed = KIND_CODE.get(input.kind)!;
    let row = this.keys.get(input.value, seed);
    if (row < 0) {
      row = this.count++;
      if (row >= this.ids.length) this.growColumns();
      this.keys.set(input.value, seed, row);
      if (input.kind === 'ip') this.ip.add(input.value, row);
      if (input.kind === 'url') {
        const host = urlHost(input.value);
        if (host !== null && !input.value.endsWith(`${host}/`)) this.urlHosts.set(host, URL_HOST_SEED, 0);
      }
    }
    this.ids[row] = input.id;
    this.kinds[row] = seed;
    this.statuses[row] = STATUS_CODE.get(input.status)!;
    this.types[row] = typeMask(input.fraudTypes);
    this.scores[row] = Math.max(0, Math.min(100, Math.round(input.score)));
    this.sightingCounts[row] = input.sightings;
    this.expiries[row] = input.expiresAt === null ? 0 : Math.ceil(input.expiresAt / 1000);
  }

  /** The active indicator stored under exactly this canonical value, or -1. */
  findActive(kind: IndicatorKind, canonical: string, now: number): number {
    const row = this.keys.get(canonical, KIND_CODE.get(kind)!);
    return row >= 0 && this.isActive(row, now) ? row : -1;
  }

  /** Whether any URL indicator has a path below `/` on this host. */
  hostHasUrlPaths(host: string): boolean {
    return this.urlHosts.get(host, URL_HOST_SEED) >= 0;
  }

  /** Active IP indicators (single addresses and CIDR ranges) containing `address`, most specific first. */
  matchIp(address: string, now: number): IndexMatch[] {
    const out: IndexMatch[] = [];
    for (const { range, value } of this.ip.match(address)) {
      if (this.isActive(value, now)) out.push({ entry: this.entry(value), via: 'cidr', expression: range });
    }
    return out;
  }

  isActive(row: number, now: number): boolean {
    if (!ACTIVE.has(this.statuses[row])) return false;
    const expiry = this.expiries[row];
    return expiry === 0 || expiry * 1000 > now;
  }

  entry(row: number): IndexEntry {
    const mask = this.types[row];
    const fraudTypes: FraudType[] = [];
    for (let i = 0; i < FRAUD_TYPE_CODES.length; i++) if (mask & (1 << i)) fraudTypes.push(FRAUD_TYPE_CODES[i]);
    const expiry = this.expiries[row];
    return {
      id: this.ids[row],
      kind: INDICATOR_KINDS[this.kinds[row] - 1],
      status: INDICATOR_STATUSES[this.statuses[row]],
      fraudTypes,
      score: this.scores[row],
      sightings: this.sightingCounts[row],
      expiresAt: expiry === 0 ? null : expiry * 1000,
    };
  }

  private growColumns(): void {
    const n = Math.ceil(this.ids.length * 1.5);
    const grow = <A extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a as never);
      return b;
    };
    this.ids = grow(this.ids, (k) => new Float64Array(k));
    this.kinds = grow(this.kinds, (k) => new Uint8Array(k));
    this.statuses = grow(this.statuses, (k) => new Uint8Array(k));
    this.types = grow(this.types, (k) => new Uint16Array(k));
    this.scores = grow(this.scores, (k) => new Uint8Array(k));
    this.sightingCounts = grow(this.sightingCounts, (k) => new Uint32Array(k));
    this.expiries = grow(this.expiries, (k) => new Uint32Array(k));
  }
}

function typeMask(types: string | readonly string[]): number {
  const list = typeof types === 'string' ? (types ? types.split(',') : []) : types;
  let mask = 0;
  for (const t of list) mask |= TYPE_BIT.get(t) ?? 0;
  return mask;
}

/** The host of a canonical URL value (`host[:port]/path…`). */
function urlHost(canonical: string): string | null {
  const slash = canonical.indexOf('/');
  return slash > 0 ? canonical.slice(0, slash) : null;
}
