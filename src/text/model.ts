import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FraudType } from '../domain/fraud-type.js';
import { normalizeText } from './normalize-text.js';

/**
 * The fraud-text model: a linear model over hashed character n-grams of the normalised text, plus lexicon-group
 * features, with two heads — a logistic fraud score and a softmax over fraud types.
 *
 * Features. For every position of the normalised text (normalize-text.ts), the character n-grams of length
 * `ngramMin..ngramMax` that do not cross a space are hashed (FNV-1a steps, then a murmur finaliser). Lexicon terms
 * (curated fraud phrases, up to `LEX_MAX` characters, stored in the model file) are found with the same rolling
 * hash; each match also fires its group's feature ("G:<group>"), which pools rare phrases of one scam step. A
 * feature counts once per text (binary), and every feature's value is 1/sqrt(number of distinct features), so a
 * long text does not score higher just for being long.
 *
 * File (`assets/text-model.bin.gz`, gzip): "FZTM", u32 LE header length, the JSON header (TextModelHeader), zero
 * padding to a multiple of 4, then the int8 fraud weights (2^fraudBits buckets) and the int8 type weights
 * (2^typeBits buckets × types, bucket-major). A weight is q × scale.
 */
export interface TextModelHeader {
  format: 'fanzha-text-model';
  version: 1;
  ngramMin: number;
  ngramMax: number;
  fraudBits: number;
  typeBits: number;
  fraudScale: number;
  fraudBias: number;
  typeScale: number;
  types: FraudType[];
  typeBias: number[];
  /** Decision threshold on the fraud probability, tuned on validation data. */
  threshold: number;
  /** Curated phrases and the group each belongs to. */
  lexicon: Array<[term: string, group: string]>;
  /** Free-form training facts (seed, corpus counts, validation figures); never read by the scorer. */
  training?: Record<string, unknown>;
}

export interface TextModel {
  header: TextModelHeader;
  fraudW: Int8Array;
  typeW: Int8Array;
  lexicon: Lexicon;
}

/** The longest lexicon term the rolling hash looks for. */
export const LEX_MAX = 6;
const FNV_SEED = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The feature hash of a string as the scanner computes it for an n-gram of the same characters. */
export function ngramHash(s: string): number {
  let h = FNV_SEED;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return fmix(h ^ s.length);
}

/** The feature hash of a lexicon group. */
export function groupHash(group: string): number {
  return fmix(ngramHash(`G:${group}`) ^ 0x5bd1e995);
}

export interface Lexicon {
  groups: string[];
  groupHashes: Int32Array;
  /** 1 at (termHash & 0xffff) for every term: most n-grams are rejected by one array read. */
  bloom: Uint8Array;
  /** term hash -> group indexes */
  terms: Map<number, number[]>;
}

export function buildLexicon(entries: Array<[string, string]>): Lexicon {
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const terms = new Map<number, number[]>();
  const bloom = new Uint8Array(0x10000);
  for (const [rawTerm, group] of entries) {
    const term = normalizeText(rawTerm);
    if (term.length < 2 || term.length > LEX_MAX || term.includes(' ')) continue;
    let g = groupIndex.get(group);
    if (g === undefined) {
      g = groups.length;
      groups.push(group);
      groupIndex.set(group, g);
    }
    const h = ngramHash(term);
    const list = terms.get(h) ?? [];
    if (!list.includes(g)) list.push(g);
    terms.set(h, list);
    bloom[h & 0xffff] = 1;
  }
  const groupHashes = new Int32Array(groups.length);
  for (let g = 0; g < groups.length; g++) groupHashes[g] = groupHash(groups[g]);
  return { groups, groupHashes, bloom, terms };
}

/**
 * Distinct features of one normalised text. Reused across calls (scoring is synchronous); read it before the next
 * call to extractFeatures.
 */
export class Features {
  count = 0;
  hashes = new Int32Array(1024);
  starts = new Int32Array(1024);
  /** Span length of each feature's first occurrence; 0x80 | term length for a lexicon group's feature. */
  lens = new Uint8Array(1024);
  /** Open-addressing set of this text's hashes (slot holds the hash; stamp says whether the slot is current). */
  private slots = new Int32Array(4096);
  private stamps = new Uint32Array(4096);
  private generation = 0;

  /** Clears the set; `expected` bounds the number of features the text can produce. */
  reset(expected = 0): void {
    this.count = 0;
    if (expected * 2 > this.slots.length) {
      let size = this.slots.length;
      while (size < expected * 2) size *= 2;
      this.slots = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.generation = 0;
    }
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** Adds a feature unless the text already has it (binary features); a small table stays in the CPU cache. */
  add(h: number, start: number, len: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (;;) {
      if (this.stamps[s] !== this.generation) break;
      if (this.slots[s] === h) return;
      s = (s + 1) & mask;
    }
    this.stamps[s] = this.generation;
    this.slots[s] = h;
    if (this.count === this.hashes.length) this.grow();
    this.hashes[this.count] = h;
    this.starts[this.count] = start;
    this.lens[this.count] = len;
    this.count++;
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    const h = new Int32Array(cap);
    h.set(this.hashes);
    const s = new Int32Array(cap);
    s.set(this.starts);
    const l = new Uint8Array(cap);
    l.set(this.lens);
    this.hashes = h;
    this.starts = s;
    this.lens = l;
  }
}

/** Fills `out` with the distinct features of a normalised text. */
export function extractFeatures(
  norm: string,
  ngramMin: number,
  ngramMax: number,
  lexicon: Lexicon,
  out: Features,
): void {
  const n = norm.length;
  const scanMax = Math.max(ngramMax, LEX_MAX);
  out.reset(n * (ngramMax - ngramMin + 2) + 16);
  const { bloom, terms, groupHashes } = lexicon;
  for (let i = 0; i < n; i++) {
    const c0 = norm.charCodeAt(i);
    if (c0 === 0x20) continue;
    let h = FNV_SEED;
    for (let len = 1; len <= scanMax && i + len <= n; len++) {
      const c = norm.charCodeAt(i + len - 1);
      if (c === 0x20) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      const f = fmix(h ^ len);
      if (len >= ngramMin && len <= ngramMax && !(len === 1 && c === 0x23)) out.add(f, i, len);
      if (len >= 2 && bloom[f & 0xffff] === 1) {
        const gs = terms.get(f);
        if (gs !== undefined) for (const g of gs) out.add(groupHashes[g], i, 0x80 | len);
      }
    }
  }
}

/**
 * Positive contributions to the fraud logit, one per feature: where the feature's first occurrence is in the
 * normalised text, its span length (0x80 | length for a lexicon group) and its weight. Reused across calls.
 */
export class Contributions {
  count = 0;
  starts = new Int32Array(1024);
  lens = new Uint8Array(1024);
  weights = new Float64Array(1024);

  push(start: number, len: number, weight: number): void {
    if (this.count === this.starts.length) {
      const cap = this.count * 2;
      const s = new Int32Array(cap);
      s.set(this.starts);
      const l = new Uint8Array(cap);
      l.set(this.lens);
      const w = new Float64Array(cap);
      w.set(this.weights);
      this.starts = s;
      this.lens = l;
      this.weights = w;
    }
    this.starts[this.count] = start;
    this.lens[this.count] = len;
    this.weights[this.count] = weight;
    this.count++;
  }
}

export interface Score {
  /** Logit of the fraud head. */
  logit: number;
  probability: number;
  typeIndex: number;
  typeProbability: number;
  /** Positive contributions to the fraud logit (filled only when asked for; valid until the next call). */
  contributions: Contributions;
  normalized: string;
}

const scratch = new Features();
const contributions = new Contributions();
let typeLogits = new Float64Array(16);
let typeSums = new Int32Array(16);

/** Scores one text with a model. */
export function scoreText(model: TextModel, text: string, withContributions: boolean): Score {
  const norm = normalizeText(text);
  return scoreNormalized(model, norm, withContributions);
}

export function scoreNormalized(model: TextModel, norm: string, withContributions: boolean): Score {
  const hd = model.header;
  extractFeatures(norm, hd.ngramMin, hd.ngramMax, model.lexicon, scratch);
  const count = scratch.count;
  const x = count > 0 ? 1 / Math.sqrt(count) : 0;
  const fw = model.fraudW;
  const fMask = fw.length - 1;
  const tw = model.typeW;
  const K = hd.types.length;
  const tShift = 32 - hd.typeBits;
  if (typeLogits.length < K) {
    typeLogits = new Float64Array(K);
    typeSums = new Int32Array(K);
  }
  // Integer sums of int8 weights: exact, and cheaper than floating point in the inner loop.
  const sums = typeSums;
  sums.fill(0);
  let fsum = 0;
  const hashes = scratch.hashes;
  contributions.count = 0;
  const fScale = hd.fraudScale * x;
  for (let j = 0; j < count; j++) {
    const h = hashes[j];
    const q = fw[h & fMask];
    fsum += q;
    if (withContributions && q > 0) {
      contributions.push(scratch.starts[j], scratch.lens[j], q * fScale);
    }
    const base = (h >>> tShift) * K;
    for (let k = 0; k < K; k++) sums[k] += tw[base + k];
  }
  const logit = hd.fraudBias + fsum * fScale;
  let best = 0;
  let max = -Infinity;
  const tScale = hd.typeScale * x;
  for (let k = 0; k < K; k++) {
    const v = hd.typeBias[k] + sums[k] * tScale;
    typeLogits[k] = v;
    if (v > max) {
      max = v;
      best = k;
    }
  }
  let z = 0;
  for (let k = 0; k < K; k++) z += Math.exp(typeLogits[k] - max);
  return {
    logit,
    probability: 1 / (1 + Math.exp(-logit)),
    typeIndex: best,
    typeProbability: 1 / z,
    contributions,
    normalized: norm,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// File format

const MAGIC = 0x4d545a46; // "FZTM" little-endian

export function encodeModel(model: TextModel): Buffer {
  const header = Buffer.from(JSON.stringify(model.header), 'utf8');
  const headerPadded = (header.length + 3) & ~3;
  const total = 8 + headerPadded + model.fraudW.length + model.typeW.length;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  let p = 8 + headerPadded;
  Buffer.from(model.fraudW.buffer, model.fraudW.byteOffset, model.fraudW.length).copy(out, p);
  p += model.fraudW.length;
  Buffer.from(model.typeW.buffer, model.typeW.byteOffset, model.typeW.length).copy(out, p);
  return gzipSync(out, { level: 9 });
}

export function decodeModel(file: Uint8Array): TextModel {
  const raw = gunzipSync(file);
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new Error('not a fanzha text model file');
  const headerLength = raw.readUInt32LE(4);
  const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString('utf8')) as TextModelHeader;
  if (header.format !== 'fanzha-text-model' || header.version !== 1) {
    throw new Error(`unsupported text model format ${String(header.format)} v${String(header.version)}`);
  }
  let p = 8 + ((headerLength + 3) & ~3);
  const fraudLength = 1 << header.fraudBits;
  const typeLength = (1 << header.typeBits) * header.types.length;
  if (raw.length !== p + fraudLength + typeLength) throw new Error('text model file is truncated or corrupt');
  const fraudW = new Int8Array(fraudLength);
  fraudW.set(new Int8Array(raw.buffer, raw.byteOffset + p, fraudLength));
  p += fraudLength;
  const typeW = new Int8Array(typeLength);
  typeW.set(new Int8Array(raw.buffer, raw.byteOffset + p, typeLength));
  return { header, fraudW, typeW, lexicon: buildLexicon(header.lexicon) };
}

/** Where the shipped model lives: `<repo>/assets/` (this file compiles to `<repo>/dist/src/text/model.js`). */
export const DEFAULT_MODEL_URL = new URL('../../../assets/text-model.bin.gz', import.meta.url);

export function loadModelFile(path: string | URL = DEFAULT_MODEL_URL): TextModel {
  return decodeModel(readFileSync(path));
}

let shipped: TextModel | null = null;
let shippedLoadMs = 0;

/** The shipped model, loaded on first use. */
export function defaultModel(): TextModel {
  if (shipped === null) {
    const t0 = performance.now();
    shipped = loadModelFile();
    shippedLoadMs = performance.now() - t0;
  }
  return shipped;
}

/** Milliseconds the shipped model took to load (0 before it is loaded). */
export function defaultModelLoadMs(): number {
  return shippedLoadMs;
}
