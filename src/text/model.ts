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
 * hash; each match also fires its group's feature ("G:<group>"), which pools rare phrases of one scam step, and
 * (header.groupPairs) every pair of groups a text fires is a feature too (loan + fee, game + fee …). A feature
 * counts once per text (binary). An n-gram's value is 1/sqrt(number of distinct n-grams), so a long text does not
 * score higher just for being long; a specific group's or pair's value is header.groupValue, shrinking like the
 * n-grams' beyond header.groupFlat n-grams; a generic group (`*_w`) is valued like an n-gram. Texts longer than
 * 2 × header.windowChars also get the largest logit of their windows (scoreText). Type rules (header.typeRules)
 * name the types that have no training data. Files without these optional header fields score as before.
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
  /**
   * Value of a lexicon-group feature and of a group-pair feature. Absent: groups are scaled like n-grams
   * (1/sqrt(count)) and no pairs are formed (first model version). Present: a group (and, with `groupPairs`, every
   * pair of groups the text fires, such as loan + fee) counts `groupValue` whatever the text's length, so a scam
   * phrase weighs the same in a ten-character SMS and in a long article.
   */
  groupValue?: number;
  groupPairs?: boolean;
  /**
   * With groupValue: texts with more than this many n-gram features (about a paragraph) see their group value
   * shrink as sqrt(groupFlat / n-grams), like the n-grams' own 1/sqrt(n): a long chat that touches many generic
   * groups does not add them up at full value.
   */
  groupFlat?: number;
  /**
   * Type rules for fraud types without labelled data (fake_credit, game_trade): when the text fires every group
   * in `all`, the type becomes `type` with probability `probability`, overriding the type head. The first rule
   * that fires wins. Documented in classifier.ts.
   */
  typeRules?: TypeRule[];
  /**
   * Long texts: a normalised text longer than 2 × windowChars is also scored in windows of about windowChars
   * characters (whole sentences), and its fraud logit is the largest of the whole text's and the windows' — the
   * model is trained on windows of that size, and one scam passage in a long chat must not be diluted by the
   * rest. The type comes from the whole text, the reasons from the deciding window.
   */
  windowChars?: number;
  /** Free-form training facts (seed, corpus counts, validation figures); never read by the scorer. */
  training?: Record<string, unknown>;
}

export interface TypeRule {
  all: string[];
  type: FraudType;
  probability: number;
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
  /** 1 for a generic group (name ending in `_w`): scored like an n-gram, and no pair of two of them. */
  weak: Uint8Array;
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
  const weak = Uint8Array.from(groups, (g) => (g.endsWith('_w') ? 1 : 0));
  return { groups, groupHashes, bloom, terms, weak };
}

/**
 * Distinct features of one normalised text. Reused across calls (scoring is synchronous); read it before the next
 * call to extractFeatures.
 */
export class Features {
  count = 0;
  hashes = new Int32Array(1024);
  starts = new Int32Array(1024);
  /**
   * Span length of each feature's first occurrence; 0x80 | term length for a lexicon group's feature (0x80 alone,
   * start -1, for a group pair); a generic (`_w`) group's feature has its term length only, like an n-gram.
   */
  lens = new Uint8Array(1024);
  /** Lexicon groups fired, by index, in order of first occurrence. */
  groupCount = 0;
  groups = new Int32Array(64);
  /** Open-addressing set of this text's hashes (slot holds the hash; stamp says whether the slot is current). */
  private slots = new Int32Array(4096);
  private stamps = new Uint32Array(4096);
  private generation = 0;

  /** Clears the set; `expected` bounds the number of features the text can produce. */
  reset(expected = 0): void {
    this.count = 0;
    this.groupCount = 0;
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
  pairs = false,
): void {
  const n = norm.length;
  const scanMax = Math.max(ngramMax, LEX_MAX);
  out.reset(n * (ngramMax - ngramMin + 2) + 16 + (pairs ? 256 : 0));
  const { bloom, terms, groupHashes, weak } = lexicon;
  const fired = out.groups;
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
        if (gs !== undefined) {
          for (const g of gs) {
            const before = out.count;
            // A generic group is an n-gram-like feature when groups have a fixed value (pairs on).
            out.add(groupHashes[g], i, pairs && weak[g] === 1 ? len : 0x80 | len);
            if (out.count > before && out.groupCount < fired.length) fired[out.groupCount++] = g;
          }
        }
      }
    }
  }
  if (pairs && out.groupCount > 1) {
    const m = out.groupCount;
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const ga = fired[a] < fired[b] ? fired[a] : fired[b];
        const gb = fired[a] < fired[b] ? fired[b] : fired[a];
        if (weak[ga] === 1 && weak[gb] === 1) continue;
        // No span: a pair is not a phrase of the text (start -1 keeps it out of the reasons).
        out.add(pairHash(groupHashes[ga], groupHashes[gb]), -1, 0x80);
      }
    }
  }
}

/** The feature hash of a pair of lexicon groups (by their hashes, lower group index first). */
export function pairHash(a: number, b: number): number {
  return fmix(Math.imul(a ^ 0x27d4eb2f, FNV_PRIME) ^ ((b << 13) | (b >>> 19)));
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
  /** Index of the type head's best type in header.types. */
  typeIndex: number;
  /** The type: the type head's best, or a type rule's (which may be outside header.types). */
  type: FraudType | null;
  typeProbability: number;
  /** Positive contributions to the fraud logit (filled only when asked for; valid until the next call). */
  contributions: Contributions;
  normalized: string;
}

const scratch = new Features();
const contributions = new Contributions();
let typeLogits = new Float64Array(16);
let typeSums = new Int32Array(16);

/**
 * Scores one text with a model. A long text is also scored in windows; when a window scores higher than the whole
 * text, its logit is the text's, and so are its contributions (offset into the whole normalised text): the reasons
 * name the passage that decided, not phrases diluted across the text. Type stays the whole text's.
 */
export function scoreText(model: TextModel, text: string, withContributions: boolean): Score {
  const norm = normalizeText(text);
  const wc = model.header.windowChars;
  if (wc === undefined || norm.length <= 2 * wc) return scoreNormalized(model, norm, withContributions);
  // Windows first (they reuse the scratch buffers), then the whole text.
  let maxWindow = -Infinity;
  let bestStart = 0;
  let bestEnd = 0;
  let start = 0;
  while (start < norm.length) {
    let end = Math.min(norm.length, start + wc);
    if (end < norm.length) {
      const sp = norm.lastIndexOf(' ', end);
      if (sp > start + wc / 2) end = sp;
    }
    const l = scoreNormalized(model, norm.slice(start, end), false).logit;
    if (l > maxWindow) {
      maxWindow = l;
      bestStart = start;
      bestEnd = end;
    }
    start = end + 1;
  }
  const s = scoreNormalized(model, norm, withContributions);
  if (maxWindow <= s.logit) return s;
  if (withContributions) {
    // Refills the shared contributions (s.contributions) from the window, with starts in the whole text.
    const c = scoreNormalized(model, norm.slice(bestStart, bestEnd), true).contributions;
    for (let i = 0; i < c.count; i++) if (c.starts[i] >= 0) c.starts[i] += bestStart;
  }
  s.logit = maxWindow;
  s.probability = 1 / (1 + Math.exp(-maxWindow));
  return s;
}

export function scoreNormalized(model: TextModel, norm: string, withContributions: boolean): Score {
  const hd = model.header;
  const pairs = hd.groupPairs === true;
  extractFeatures(norm, hd.ngramMin, hd.ngramMax, model.lexicon, scratch, pairs);
  const count = scratch.count;
  const fixedGroups = hd.groupValue !== undefined;
  // n-grams: 1/sqrt(number of n-grams); groups and pairs: groupValue (or like n-grams in version-1 files).
  const nGroups = fixedGroups ? countGroupFeatures(scratch) : 0;
  const nNgrams = count - nGroups;
  const x = nNgrams > 0 ? 1 / Math.sqrt(fixedGroups ? nNgrams : count) : 0;
  const gx = fixedGroups ? groupFeatureValue(hd, nNgrams) : x;
  const fw = model.fraudW;
  const fMask = fw.length - 1;
  const tw = model.typeW;
  const K = hd.types.length;
  const tShift = 32 - hd.typeBits;
  if (typeLogits.length < K) {
    typeLogits = new Float64Array(K);
    typeSums = new Int32Array(K);
    typeGroupSums = new Int32Array(K);
  }
  // Integer sums of int8 weights: exact, and cheaper than floating point in the inner loop.
  const sums = typeSums;
  const gsums = typeGroupSums;
  sums.fill(0);
  gsums.fill(0);
  let fsum = 0;
  let gsum = 0;
  const hashes = scratch.hashes;
  const lens = scratch.lens;
  contributions.count = 0;
  const fScaleN = hd.fraudScale * x;
  const fScaleG = hd.fraudScale * gx;
  for (let j = 0; j < count; j++) {
    const h = hashes[j];
    const q = fw[h & fMask];
    const base = (h >>> tShift) * K;
    if ((lens[j] & 0x80) !== 0 && fixedGroups) {
      gsum += q;
      if (withContributions && q > 0) contributions.push(scratch.starts[j], lens[j], q * fScaleG);
      for (let k = 0; k < K; k++) gsums[k] += tw[base + k];
    } else {
      fsum += q;
      if (withContributions && q > 0) contributions.push(scratch.starts[j], lens[j], q * fScaleN);
      for (let k = 0; k < K; k++) sums[k] += tw[base + k];
    }
  }
  const logit = hd.fraudBias + fsum * fScaleN + gsum * fScaleG;
  let best = 0;
  let max = -Infinity;
  const tScale = hd.typeScale * x;
  const tScaleG = hd.typeScale * gx;
  for (let k = 0; k < K; k++) {
    const v = hd.typeBias[k] + sums[k] * tScale + gsums[k] * tScaleG;
    typeLogits[k] = v;
    if (v > max) {
      max = v;
      best = k;
    }
  }
  let z = 0;
  for (let k = 0; k < K; k++) z += Math.exp(typeLogits[k] - max);
  let type: FraudType | null = hd.types[best] ?? null;
  let typeProbability = 1 / z;
  const rule = hd.typeRules === undefined ? undefined : firedRule(model, scratch);
  if (rule !== undefined) {
    type = rule.type;
    typeProbability = rule.probability;
  }
  return {
    logit,
    probability: 1 / (1 + Math.exp(-logit)),
    typeIndex: best,
    type,
    typeProbability,
    contributions,
    normalized: norm,
  };
}

let typeGroupSums = new Int32Array(16);

/** Value of a group / pair feature in a text with `nNgrams` n-gram features (header.groupValue must be set). */
export function groupFeatureValue(hd: Pick<TextModelHeader, 'groupValue' | 'groupFlat'>, nNgrams: number): number {
  const flat = hd.groupFlat ?? Infinity;
  return nNgrams <= flat ? hd.groupValue! : hd.groupValue! * Math.sqrt(flat / nNgrams);
}

function countGroupFeatures(f: Features): number {
  let c = 0;
  const lens = f.lens;
  for (let j = 0; j < f.count; j++) if ((lens[j] & 0x80) !== 0) c++;
  return c;
}

/** The first type rule all of whose groups the text fired. */
function firedRule(model: TextModel, f: Features): TypeRule | undefined {
  const rules = model.header.typeRules!;
  const names = model.lexicon.groups;
  for (const rule of rules) {
    let all = true;
    for (const g of rule.all) {
      let hit = false;
      for (let i = 0; i < f.groupCount; i++) {
        if (names[f.groups[i]] === g) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        all = false;
        break;
      }
    }
    if (all) return rule;
  }
  return undefined;
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
