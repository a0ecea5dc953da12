import type { FraudType } from '../domain/fraud-type.js';

export interface LinkerOptions {
  /** An indicator shared by more cases than this links none of them (a popular value, not a gang's). */
  maxCases: number;
  /** True for a key (`kind|canonical`) that never links: service numbers, popular apps, public hosting. */
  excluded: (key: string) => boolean;
}

/** A case and how much it shares with the one asked about. */
export interface SimilarCase {
  caseId: number;
  score: number;
  sameType: boolean;
  /** The linking indicators both hold (`kind|canonical`), rarest first. */
  shared: string[];
}

/** Connected cases (串并案) and the indicators that link them. */
export interface Cluster {
  cases: number[];
  /** Linking indicators inside the cluster, with how many of its cases hold each; most shared first. */
  shared: Array<{ key: string; cases: number }>;
}

/**
 * What a shared fraud type multiplies a similarity score by: it orders cases that share as much, without lifting a
 * case that shares only common values above one that shares a rare one.
 */
const SAME_TYPE_FACTOR = 1.25;

/**
 * Case linking in memory: an inverted index indicator -> cases, and union-find over the cases for clusters.
 * Indicator keys are interned to dense ints; a key held by one case costs one slot in two typed arrays, and only
 * shared keys get a posting list. Adding a case's indicators unions it with the first holder of each linking key,
 * which keeps the components right incrementally. A key that passes the fan-out cap, or a removed indicator,
 * would need an "un-union": the components are then rebuilt from the index on the next read (tens of ms per
 * 100k cases, measured in bench/cases.bench.ts).
 */
export class CaseLinker {
  private readonly keyIds = new Map<string, number>();
  private keys: string[] = [];
  /** Per key: how many cases hold it, the first of them (internal index), and 1 when excluded. */
  private df = new Int32Array(1024);
  private first = new Int32Array(1024);
  private excludedKey = new Uint8Array(1024);
  /** Posting lists of keys held by two cases or more (internal case indexes). */
  private readonly lists = new Map<number, number[]>();

  private readonly caseIndex = new Map<number, number>();
  private caseIds: number[] = [];
  private caseKeys: Array<number[]> = [];
  private caseTypes: Array<FraudType | null> = [];
  private parent = new Int32Array(1024);
  private dirty = false;

  constructor(private readonly options: LinkerOptions) {}

  get caseCount(): number {
    return this.caseIds.length;
  }

  get keyCount(): number {
    return this.keys.length;
  }

  /** Sets a case's fraud type (similar cases rank the same type higher). */
  setType(caseId: number, fraudType: FraudType | null): void {
    this.caseTypes[this.indexOf(caseId)] = fraudType;
  }

  /** Adds indicators (`kind|canonical` keys) to a case; keys it already holds are skipped. */
  add(caseId: number, keys: Iterable<string>): void {
    const c = this.indexOf(caseId);
    const held = this.caseKeys[c];
    for (const key of keys) {
      const k = this.keyOf(key);
      const n = this.df[k];
      if (n === 0) {
        this.first[k] = c;
        this.df[k] = 1;
        held.push(k);
        continue;
      }
      let list = this.lists.get(k);
      if (list ? list.includes(c) : this.first[k] === c) continue;
      if (!list) this.lists.set(k, (list = [this.first[k]]));
      list.push(c);
      held.push(k);
      this.df[k] = n + 1;
      if (this.excludedKey[k]) continue;
      if (n + 1 <= this.options.maxCases) this.union(this.first[k], c);
      else if (n === this.options.maxCases) this.dirty = true;
    }
  }

  /** Replaces a case's indicators with exactly `keys`. */
  set(caseId: number, keys: Iterable<string>): void {
    const c = this.indexOf(caseId);
    const wanted = new Set(keys);
    const keep: number[] = [];
    for (const k of this.caseKeys[c]) {
      if (wanted.has(this.keys[k])) {
        keep.push(k);
        wanted.delete(this.keys[k]);
      } else {
        this.drop(k, c);
      }
    }
    this.caseKeys[c] = keep;
    this.add(caseId, wanted);
  }

  private drop(k: number, c: number): void {
    const list = this.lists.get(k);
    if (list) {
      list.splice(list.indexOf(c), 1);
      this.first[k] = list[0];
      if (list.length === 1) this.lists.delete(k);
    }
    this.df[k] -= 1;
    this.dirty = true;
  }

  /** Cases that share a linking indicator with this one, best first (rarity-weighted, same type ahead). */
  similar(caseId: number, limit = 20): SimilarCase[] {
    const c = this.caseIndex.get(caseId);
    if (c === undefined) return [];
    const total = this.caseIds.length;
    const scores = new Map<number, { score: number; shared: number[] }>();
    for (const k of this.caseKeys[c]) {
      if (!this.links(k)) continue;
      const weight = Math.log(1 + total / this.df[k]);
      for (const d of this.lists.get(k)!) {
        if (d === c) continue;
        const s = scores.get(d);
        if (s) {
          s.score += weight;
          s.shared.push(k);
        } else {
          scores.set(d, { score: weight, shared: [k] });
        }
      }
    }
    const type = this.caseTypes[c];
    const out: SimilarCase[] = [];
    for (const [d, s] of scores) {
      const sameType = type != null && this.caseTypes[d] === type;
      s.shared.sort((a, b) => this.df[a] - this.df[b] || a - b);
      out.push({ caseId: this.caseIds[d], score: s.score * (sameType ? SAME_TYPE_FACTOR : 1), sameType, shared: s.shared.map((k) => this.keys[k]) });
    }
    out.sort((a, b) => b.score - a.score || b.shared.length - a.shared.length || a.caseId - b.caseId);
    return out.slice(0, limit);
  }

  /** Clusters of two cases or more, largest first. */
  clusters(limit = 100, sharedLimit = 50): Cluster[] {
    if (this.dirty) this.rebuild();
    const members = new Map<number, number[]>();
    for (let c = 0; c < this.caseIds.length; c++) {
      const root = this.find(c);
      const list = members.get(root);
      if (list) list.push(c);
      else members.set(root, [c]);
    }
    const groups = [...members.values()].filter((m) => m.length > 1);
    groups.sort((a, b) => b.length - a.length || this.caseIds[a[0]] - this.caseIds[b[0]]);
    const chosen = groups.slice(0, limit);
    const byRoot = new Map<number, Cluster>();
    for (const g of chosen) byRoot.set(this.find(g[0]), { cases: g.map((c) => this.caseIds[c]).sort((a, b) => a - b), shared: [] });
    for (const [k, list] of this.lists) {
      if (!this.links(k)) continue;
      byRoot.get(this.find(list[0]))?.shared.push({ key: this.keys[k], cases: list.length });
    }
    const out = [...byRoot.values()];
    for (const cl of out) {
      cl.shared.sort((a, b) => b.cases - a.cases || (a.key < b.key ? -1 : 1));
      cl.shared = cl.shared.slice(0, sharedLimit);
    }
    return out.sort((a, b) => b.cases.length - a.cases.length || a.cases[0] - b.cases[0]);
  }

  /** The cluster (case ids) a case is in; itself alone when it links to nothing. */
  clusterOf(caseId: number): number[] {
    const c = this.caseIndex.get(caseId);
    if (c === undefined) return [];
    if (this.dirty) this.rebuild();
    const root = this.find(c);
    const out: number[] = [];
    for (let d = 0; d < this.caseIds.length; d++) if (this.find(d) === root) out.push(this.caseIds[d]);
    return out;
  }

  /** How many cases hold a key (0 when none). */
  holders(key: string): number {
    const k = this.keyIds.get(key);
    return k === undefined ? 0 : this.df[k];
  }

  /** True when a key links the cases that hold it: not excluded, and held by 2..maxCases cases. */
  linking(key: string): boolean {
    const k = this.keyIds.get(key);
    return k !== undefined && this.links(k);
  }

  private links(k: number): boolean {
    const n = this.df[k];
    return n >= 2 && n <= this.options.maxCases && this.excludedKey[k] === 0;
  }

  private rebuild(): void {
    for (let c = 0; c < this.caseIds.length; c++) this.parent[c] = c;
    for (const [k, list] of this.lists) {
      if (!this.links(k)) continue;
      for (let i = 1; i < list.length; i++) this.union(list[0], list[i]);
    }
    this.dirty = false;
  }

  private indexOf(caseId: number): number {
    let c = this.caseIndex.get(caseId);
    if (c !== undefined) return c;
    c = this.caseIds.length;
    this.caseIndex.set(caseId, c);
    this.caseIds.push(caseId);
    this.caseKeys.push([]);
    this.caseTypes.push(null);
    if (c >= this.parent.length) this.parent = grow(this.parent, c);
    this.parent[c] = c;
    return c;
  }

  private keyOf(key: string): number {
    let k = this.keyIds.get(key);
    if (k !== undefined) return k;
    k = this.keys.length;
    this.keyIds.set(key, k);
    this.keys.push(key);
    if (k >= this.df.length) {
      this.df = grow(this.df, k);
      this.first = grow(this.first, k);
      this.excludedKey = grow(this.excludedKey, k);
    }
    this.excludedKey[k] = this.options.excluded(key) ? 1 : 0;
    return k;
  }

  private find(c: number): number {
    const p = this.parent;
    let root = c;
    while (p[root] !== root) root = p[root];
    while (p[c] !== root) {
      const next = p[c];
      p[c] = root;
      c = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller index as root keeps roots stable for the lifetime of the first case.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, needed: number): T {
  let size = a.length * 2;
  while (size <= needed) size *= 2;
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
