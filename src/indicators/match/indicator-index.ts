import { FRAUD_TYPE_CODES, type FraudType } from '../../domain/fraud-type.js';
import { INDICATOR_KINDS, INDICATOR_STATUSES, type IndicatorKind, type IndicatorStatus } from '../../domain/indicator.js';
import { CidrIndex } from './cidr-index.js';
import { hashHi, hashLo, hashPair, hashRaw, hashSeeded, hashString } from './hash.js';
import { KeyTable } from './key-table.js';
import { urlHostname } from './url-host.js';

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

// Plain objects and a bit mask rather than Map / Set: these are read on every look-up.
const KIND_CODE = Object.fromEntries(INDICATOR_KINDS.map((k, i) => [k, i + 1])) as Record<IndicatorKind, number>;
const URL_SEED = KIND_CODE.url;
const DOMAIN_SEED = KIND_CODE.domain;
const PATH_SCRATCH = new Uint32Array(32);
const STATUS_CODE = new Map(INDICATOR_STATUSES.map((s, i) => [s, i]));
const TYPE_BIT = new Map(FRAUD_TYPE_CODES.map((t, i) => [t as string, 1 << i]));
/** Namespace of "this host has URL indicators", so most URL look-ups skip the path expressions. */
const URL_HOST_SEED = 101;
const ACTIVE_MASK = (['reported', 'verified', 'blocked'] as const).reduce((m, s) => m | (1 << STATUS_CODE.get(s)!), 0);

// One row is four 32-bit words side by side, so a hit reads one cache line:
// [meta, expiry in seconds since the epoch (0 = none), sightings, id]; meta packs
// kind (bits 0-3), status (4-6), score 0..100 (7-13) and the fraud-type bit mask (14-24).
const ROW = 4;
const KIND_BITS = 0xf;
const STATUS_SHIFT = 4;
const SCORE_SHIFT = 7;
const TYPES_SHIFT = 14;

/**
 * Every indicator in memory, as packed rows in one typed array plus the key table (about 40 bytes an
 * indicator in all), so a look-up never waits on the database. Rows are never removed: a revoked or expired
 * indicator keeps its row with an inactive status, and `upsert` of the same kind and value reuses it.
 * Ids must fit in 32 bits.
 */
export class IndicatorIndex {
  private readonly keys: KeyTable;
  private readonly urlHosts: KeyTable;
  private readonly ip = new CidrIndex<number>();
  private rows: Uint32Array;
  private count = 0;

  constructor(expected = 1024) {
    this.keys = new KeyTable(expected);
    this.urlHosts = new KeyTable(1024);
    this.rows = new Uint32Array(Math.max(16, expected) * ROW);
  }

  /** Number of indicators held (all statuses). */
  get size(): number {
    return this.count;
  }

  /** Bytes of typed-array memory the index holds. */
  get bytes(): number {
    return this.rows.byteLength + this.keys.bytes + this.urlHosts.bytes;
  }

  /** Adds the indicator or refreshes the row it already has. */
  upsert(input: IndexInput): void {
    const kind = KIND_CODE[input.kind];
    hashKey(input.kind, input.value, kind);
    let row = this.keys.getHashed();
    if (row < 0) {
      row = this.count++;
      if ((row + 1) * ROW > this.rows.length) this.growRows();
      this.keys.setHashed(row);
      if (input.kind === 'ip') this.ip.add(input.value, row);
      if (input.kind === 'url') this.urlHosts.set(urlHostname(input.value), URL_HOST_SEED, 0);
    }
    const score = Math.max(0, Math.min(100, Math.round(input.score)));
    const at = row * ROW;
    this.rows[at] = kind | (STATUS_CODE.get(input.status)! << STATUS_SHIFT) | (score << SCORE_SHIFT) | (typeMask(input.fraudTypes) << TYPES_SHIFT);
    this.rows[at + 1] = input.expiresAt === null ? 0 : Math.ceil(input.expiresAt / 1000);
    this.rows[at + 2] = input.sightings;
    this.rows[at + 3] = input.id;
  }

  /** The active indicator stored under exactly this canonical value, or -1. */
  findActive(kind: IndicatorKind, canonical: string, now: number): number {
    hashKey(kind, canonical, KIND_CODE[kind]);
    const row = this.keys.getHashed();
    return row >= 0 && this.isActive(row, now) ? row : -1;
  }

  /**
   * Active URL indicators among the expressions `hosts[i] + paths[j]` (see `urlExpressionParts`), most
   * specific host first. Each half is hashed once; only hits build their expression string.
   */
  matchUrlExpressions(hosts: readonly string[], paths: readonly string[], exact: string, now: number, out: IndexMatch[]): void {
    const pathHashes = paths.length * 2 <= PATH_SCRATCH.length ? PATH_SCRATCH : new Uint32Array(paths.length * 2);
    for (let j = 0; j < paths.length; j++) {
      hashRaw(paths[j]);
      pathHashes[2 * j] = hashHi;
      pathHashes[2 * j + 1] = hashLo;
    }
    for (let i = 0; i < hosts.length; i++) {
      hashRaw(hosts[i]);
      const hostHi = hashHi;
      const hostLo = hashLo;
      for (let j = 0; j < paths.length; j++) {
        hashPair(hostHi, hostLo, pathHashes[2 * j], pathHashes[2 * j + 1], URL_SEED);
        const row = this.keys.getHashed();
        if (row >= 0 && this.isActive(row, now)) {
          const expression = hosts[i] + paths[j];
          out.push({ entry: this.entry(row), via: expression === exact ? 'exact' : 'path_prefix', expression });
        }
      }
    }
  }

  /**
   * One pass over a host name for two questions: the active domain indicator stored under exactly this host
   * (returned, or -1), and whether any URL indicator lives on it (`lastHostHasUrls`).
   */
  probeHost(host: string, now: number): number {
    hashRaw(host);
    const rawHi = hashHi;
    const rawLo = hashLo;
    hashSeeded(rawHi, rawLo, URL_HOST_SEED);
    this.lastHostHasUrls = this.urlHosts.getHashed() >= 0;
    hashSeeded(rawHi, rawLo, DOMAIN_SEED);
    const row = this.keys.getHashed();
    return row >= 0 && this.isActive(row, now) ? row : -1;
  }

  /** Set by `probeHost`. */
  lastHostHasUrls = false;

  /** Active IP indicators (single addresses and CIDR ranges) containing `address`, most specific first. */
  matchIp(address: string, now: number): IndexMatch[] {
    const out: IndexMatch[] = [];
    for (const { range, value } of this.ip.match(address)) {
      if (this.isActive(value, now)) out.push({ entry: this.entry(value), via: 'cidr', expression: range });
    }
    return out;
  }

  isActive(row: number, now: number): boolean {
    const at = row * ROW;
    if (((ACTIVE_MASK >>> ((this.rows[at] >>> STATUS_SHIFT) & 0x7)) & 1) === 0) return false;
    const expiry = this.rows[at + 1];
    return expiry === 0 || expiry * 1000 > now;
  }

  entry(row: number): IndexEntry {
    const at = row * ROW;
    const meta = this.rows[at];
    const mask = meta >>> TYPES_SHIFT;
    const fraudTypes: FraudType[] = [];
    for (let i = 0; mask >>> i !== 0; i++) if (mask & (1 << i)) fraudTypes.push(FRAUD_TYPE_CODES[i]);
    const expiry = this.rows[at + 1];
    return {
      id: this.rows[at + 3],
      kind: INDICATOR_KINDS[(meta & KIND_BITS) - 1],
      status: INDICATOR_STATUSES[(meta >>> STATUS_SHIFT) & 0x7],
      fraudTypes,
      score: (meta >>> SCORE_SHIFT) & 0x7f,
      sightings: this.rows[at + 2],
      expiresAt: expiry === 0 ? null : expiry * 1000,
    };
  }

  private growRows(): void {
    const bigger = new Uint32Array(Math.ceil((this.rows.length / ROW) * 1.5) * ROW);
    bigger.set(this.rows);
    this.rows = bigger;
  }
}

/** Hashes a canonical value into `hashHi`/`hashLo`: URLs as a (host, path) pair, the rest whole. */
function hashKey(kind: IndicatorKind, value: string, seed: number): void {
  if (kind !== 'url') {
    hashString(value, seed);
    return;
  }
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const path = slash < 0 ? '/' : value.slice(slash);
  hashRaw(host);
  const hostHi = hashHi;
  const hostLo = hashLo;
  hashRaw(path);
  hashPair(hostHi, hostLo, hashHi, hashLo, seed);
}

function typeMask(types: string | readonly string[]): number {
  const list = typeof types === 'string' ? (types ? types.split(',') : []) : types;
  let mask = 0;
  for (const t of list) mask |= TYPE_BIT.get(t) ?? 0;
  return mask;
}
