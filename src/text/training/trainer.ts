import type { FraudType } from '../../domain/fraud-type.js';
import {
  buildLexicon,
  extractFeatures,
  Features,
  scoreText,
  type Lexicon,
  type TextModel,
  type TextModelHeader,
} from '../model.js';
import { normalizeText } from '../normalize-text.js';
import { rng, shuffle, type Doc } from './corpora.js';
import { lexiconEntries } from './lexicon.js';

/**
 * Trainer of the fraud-text model: FTRL-proximal logistic regression for the fraud head and softmax regression for
 * the type head, over the hashed features of model.ts, on training chunks of the documents; int8 quantisation;
 * threshold tuned on validation documents only. Deterministic for a seed.
 */
export interface TrainOptions {
  seed: number;
  ngramMin: number;
  ngramMax: number;
  fraudBits: number;
  typeBits: number;
  epochs: number;
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  /** Longest training chunk, in characters. */
  chunkChars: number;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  ngramMin: 1,
  ngramMax: 4,
  fraudBits: 18,
  typeBits: 14,
  epochs: 4,
  alpha: 0.1,
  beta: 1,
  l1: 0.5,
  l2: 1,
  chunkChars: 300,
};

/** Fraud types the type head predicts, in model order (types the corpora have examples of). */
export const TYPE_HEAD: FraudType[] = [
  'task_rebate',
  'fake_investment',
  'fake_loan',
  'fake_customer_service',
  'impersonate_authority',
  'impersonate_acquaintance',
  'romance',
  'fake_shopping',
  'other',
];

export interface Chunk {
  text: string;
  fraud: boolean;
  type: FraudType | null;
  /** Balancing bucket: class and kind of text. */
  bucket: string;
  weight: number;
}

const SENTENCE_END = /(?<=[。！？!?\n])/;

/**
 * The texts a document contributes to training. Long documents are cut so that length is not a tell: windows of
 * dialogue turns (for a scam dialogue, only windows where the scammer speaks), the head of a news article, and for
 * scam texts also a short snippet of one or two sentences, as real messages are often that short.
 */
export function trainingChunks(doc: Doc, maxChars: number, seed: number): Chunk[] {
  const r = rng(seed);
  const bucket = `${doc.fraud ? 'fraud' : 'normal'}:${doc.kind}`;
  const out: Chunk[] = [];
  const push = (text: string, weight = 1): void => {
    const t = text.trim();
    if (t.length >= 2) out.push({ text: t, fraud: doc.fraud, type: doc.type, bucket, weight });
  };
  switch (doc.kind) {
    case 'fraud_news': {
      const title = doc.title ?? '';
      const body = doc.text.slice(title.length + 1);
      push(`${title}\n${body.slice(0, maxChars)}`);
      if (body.length > maxChars + 100) push(body.slice(maxChars, maxChars * 2));
      break;
    }
    case 'fraud_dialog':
    case 'dialogue': {
      const windows = turnWindows(doc.turns ?? [{ text: doc.text, fraud: doc.fraud }], maxChars);
      const usable = doc.fraud ? windows.filter((w) => w.fraud) : windows;
      const picked = usable.length <= 3 ? usable : [usable[0], ...shuffle(usable.slice(1), seed).slice(0, 2)];
      for (const w of picked) push(w.text);
      break;
    }
    default:
      push(doc.text.slice(0, maxChars + 100));
  }
  if (doc.fraud) {
    const source = doc.kind === 'fraud_dialog' ? (doc.turns ?? []).filter((t) => t.fraud).map((t) => t.text).join('\n') :
      doc.text.slice(doc.kind === 'fraud_news' ? (doc.title ?? '').length + 1 : 0);
    const sentences = source.split(SENTENCE_END).map((s) => s.trim()).filter((s) => s.length >= 6);
    if (sentences.length >= 2) {
      const i = Math.floor(r() * (sentences.length - 1));
      const snippet = sentences[i] + sentences[i + 1];
      if (snippet.length >= 20 && snippet.length <= 160) push(snippet, 0.5);
    }
  }
  return out;
}

function turnWindows(turns: Array<{ text: string; fraud: boolean }>, maxChars: number): Array<{ text: string; fraud: boolean }> {
  const out: Array<{ text: string; fraud: boolean }> = [];
  let cur: string[] = [];
  let len = 0;
  let fraud = false;
  for (const t of turns) {
    const text = t.text.length > maxChars ? t.text.slice(0, maxChars) : t.text;
    if (len + text.length > maxChars && cur.length > 0) {
      out.push({ text: cur.join('\n'), fraud });
      cur = [];
      len = 0;
      fraud = false;
    }
    cur.push(text);
    len += text.length + 1;
    fraud ||= t.fraud;
  }
  if (cur.length > 0) out.push({ text: cur.join('\n'), fraud });
  return out;
}

/** Per-chunk weights: each bucket weighs in proportion to the square root of its size, each class half. */
export function balanceWeights(chunks: Chunk[]): void {
  const size = new Map<string, number>();
  for (const c of chunks) size.set(c.bucket, (size.get(c.bucket) ?? 0) + c.weight);
  const classTotal = { fraud: 0, normal: 0 };
  for (const [b, n] of size) classTotal[b.startsWith('fraud') ? 'fraud' : 'normal'] += Math.sqrt(n);
  const total = chunks.length;
  for (const c of chunks) {
    const n = size.get(c.bucket)!;
    const cls = c.fraud ? classTotal.fraud : classTotal.normal;
    // bucket share of its class: sqrt(n)/cls; class share: 1/2; spread over the bucket's n.
    c.weight *= (total / 2) * (Math.sqrt(n) / cls) / n;
  }
}

interface FeatureMatrix {
  offsets: Int32Array;
  hashes: Int32Array;
  values: Float32Array;
}

function featurize(texts: string[], header: Pick<TextModelHeader, 'ngramMin' | 'ngramMax'>, lexicon: Lexicon): FeatureMatrix {
  const scratch = new Features();
  const offsets = new Int32Array(texts.length + 1);
  let hashes = new Int32Array(1 << 20);
  const values = new Float32Array(texts.length);
  let p = 0;
  for (let i = 0; i < texts.length; i++) {
    extractFeatures(normalizeText(texts[i]), header.ngramMin, header.ngramMax, lexicon, scratch);
    if (p + scratch.count > hashes.length) {
      const grown = new Int32Array(Math.max(hashes.length * 2, p + scratch.count));
      grown.set(hashes.subarray(0, p));
      hashes = grown;
    }
    hashes.set(scratch.hashes.subarray(0, scratch.count), p);
    p += scratch.count;
    offsets[i + 1] = p;
    values[i] = scratch.count > 0 ? 1 / Math.sqrt(scratch.count) : 0;
  }
  return { offsets, hashes: hashes.slice(0, p), values };
}

/** FTRL-proximal weight from its accumulators. */
function ftrlWeight(z: number, n: number, o: TrainOptions): number {
  if (Math.abs(z) <= o.l1) return 0;
  return -(z - Math.sign(z) * o.l1) / ((o.beta + Math.sqrt(n)) / o.alpha + o.l2);
}

function trainFraudHead(m: FeatureMatrix, y: Uint8Array, w: Float32Array, o: TrainOptions): { weights: Float32Array; bias: number } {
  const size = 1 << o.fraudBits;
  const mask = size - 1;
  const z = new Float64Array(size);
  const nAcc = new Float64Array(size);
  let zb = 0;
  let nb = 0;
  const order = Array.from({ length: y.length }, (_, i) => i);
  let cur = new Float64Array(4096);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const perm = shuffle(order, o.seed * 1000 + epoch);
    for (const i of perm) {
      const a = m.offsets[i];
      const b = m.offsets[i + 1];
      const x = m.values[i];
      if (b - a > cur.length) cur = new Float64Array((b - a) * 2);
      const biasW = -zb / ((o.beta + Math.sqrt(nb)) / o.alpha);
      let s = biasW;
      for (let k = a; k < b; k++) {
        const j = m.hashes[k] & mask;
        const wj = ftrlWeight(z[j], nAcc[j], o);
        cur[k - a] = wj;
        s += wj * x;
      }
      const p = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, s))));
      const g = (p - y[i]) * w[i];
      for (let k = a; k < b; k++) {
        const j = m.hashes[k] & mask;
        const gi = g * x;
        const sigma = (Math.sqrt(nAcc[j] + gi * gi) - Math.sqrt(nAcc[j])) / o.alpha;
        z[j] += gi - sigma * cur[k - a];
        nAcc[j] += gi * gi;
      }
      const sigmaB = (Math.sqrt(nb + g * g) - Math.sqrt(nb)) / o.alpha;
      zb += g - sigmaB * biasW;
      nb += g * g;
    }
  }
  const weights = new Float32Array(size);
  for (let j = 0; j < size; j++) weights[j] = ftrlWeight(z[j], nAcc[j], o);
  return { weights, bias: -zb / ((o.beta + Math.sqrt(nb)) / o.alpha) };
}

function trainTypeHead(
  m: FeatureMatrix,
  y: Int32Array,
  w: Float32Array,
  K: number,
  o: TrainOptions,
): { weights: Float32Array; bias: Float64Array } {
  const size = (1 << o.typeBits) * K;
  const shift = 32 - o.typeBits;
  const z = new Float64Array(size);
  const nAcc = new Float64Array(size);
  const zb = new Float64Array(K);
  const nb = new Float64Array(K);
  const idx = Array.from({ length: y.length }, (_, i) => i).filter((i) => y[i] >= 0);
  const logits = new Float64Array(K);
  const probs = new Float64Array(K);
  const l2 = { ...o, l1: o.l1 * 0.2 };
  let cur = new Float64Array(4096 * K);
  for (let epoch = 0; epoch < o.epochs + 2; epoch++) {
    const perm = shuffle(idx, o.seed * 2000 + epoch);
    for (const i of perm) {
      const a = m.offsets[i];
      const b = m.offsets[i + 1];
      const x = m.values[i];
      if ((b - a) * K > cur.length) cur = new Float64Array((b - a) * K * 2);
      for (let k = 0; k < K; k++) logits[k] = -zb[k] / ((o.beta + Math.sqrt(nb[k])) / o.alpha);
      for (let f = a; f < b; f++) {
        const base = (m.hashes[f] >>> shift) * K;
        for (let k = 0; k < K; k++) {
          const wj = ftrlWeight(z[base + k], nAcc[base + k], l2);
          cur[(f - a) * K + k] = wj;
          logits[k] += wj * x;
        }
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (probs[k] = Math.exp(logits[k] - max));
      for (let k = 0; k < K; k++) {
        const g = (probs[k] / sum - (y[i] === k ? 1 : 0)) * w[i];
        const gi = g * x;
        for (let f = a; f < b; f++) {
          const j = (m.hashes[f] >>> shift) * K + k;
          const sigma = (Math.sqrt(nAcc[j] + gi * gi) - Math.sqrt(nAcc[j])) / o.alpha;
          z[j] += gi - sigma * cur[(f - a) * K + k];
          nAcc[j] += gi * gi;
        }
        const biasW = -zb[k] / ((o.beta + Math.sqrt(nb[k])) / o.alpha);
        const sigmaB = (Math.sqrt(nb[k] + g * g) - Math.sqrt(nb[k])) / o.alpha;
        zb[k] += g - sigmaB * biasW;
        nb[k] += g * g;
      }
    }
  }
  const weights = new Float32Array(size);
  for (let j = 0; j < size; j++) weights[j] = ftrlWeight(z[j], nAcc[j], l2);
  const bias = new Float64Array(K);
  for (let k = 0; k < K; k++) bias[k] = -zb[k] / ((o.beta + Math.sqrt(nb[k])) / o.alpha);
  return { weights, bias };
}

/** int8 with one scale: the largest weights (beyond the 99.995th percentile of non-zero magnitudes) are clipped. */
export function quantize(weights: Float32Array): { q: Int8Array; scale: number } {
  const mags: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) mags.push(Math.abs(weights[i]));
  mags.sort((a, b) => a - b);
  const clip = mags.length === 0 ? 1 : mags[Math.min(mags.length - 1, Math.floor(mags.length * 0.99995))];
  const scale = clip / 127 || 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const v = Math.round(weights[i] / scale);
    q[i] = v > 127 ? 127 : v < -127 ? -127 : v;
  }
  return { q, scale };
}

export interface TrainResult {
  model: TextModel;
  chunks: number;
  seconds: number;
}

/** Trains on `train` documents and tunes the threshold on `validation` documents. */
export function trainModel(train: Doc[], validation: Doc[], options: Partial<TrainOptions> = {}): TrainResult {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const chunks: Chunk[] = [];
  for (let i = 0; i < train.length; i++) chunks.push(...trainingChunks(train[i], o.chunkChars, o.seed * 7919 + i));
  balanceWeights(chunks);
  const entries = lexiconEntries();
  const lexicon = buildLexicon(entries);
  const m = featurize(chunks.map((c) => c.text), o, lexicon);
  log(`  ${chunks.length} chunks, ${m.hashes.length} feature occurrences (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const y = Uint8Array.from(chunks, (c) => (c.fraud ? 1 : 0));
  const w = Float32Array.from(chunks, (c) => c.weight);
  const fraud = trainFraudHead(m, y, w, o);
  log(`  fraud head trained (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const K = TYPE_HEAD.length;
  const ty = Int32Array.from(chunks, (c) => (c.fraud && c.type !== null ? TYPE_HEAD.indexOf(c.type) : -1));
  // The type head balances types: each type weighs the same in total.
  const typeCount = new Float64Array(K);
  for (let i = 0; i < ty.length; i++) if (ty[i] >= 0) typeCount[ty[i]] += 1;
  const typed = typeCount.reduce((a, b) => a + b, 0);
  const present = typeCount.filter((c) => c > 0).length;
  const tw = Float32Array.from(ty, (t) => (t >= 0 ? typed / present / typeCount[t] : 0));
  const types = trainTypeHead(m, ty, tw, K, o);
  log(`  type head trained (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const fq = quantize(fraud.weights);
  const tq = quantize(types.weights);
  const header: TextModelHeader = {
    format: 'fanzha-text-model',
    version: 1,
    ngramMin: o.ngramMin,
    ngramMax: o.ngramMax,
    fraudBits: o.fraudBits,
    typeBits: o.typeBits,
    fraudScale: fq.scale,
    fraudBias: fraud.bias,
    typeScale: tq.scale,
    types: TYPE_HEAD,
    typeBias: Array.from(types.bias),
    threshold: 0.5,
    lexicon: entries,
  };
  const model: TextModel = { header, fraudW: fq.q, typeW: tq.q, lexicon };
  header.threshold = tuneThreshold(model, validation);
  log(`  threshold ${header.threshold.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { model, chunks: chunks.length, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The threshold that maximises F1 on the validation documents among those that keep the false-positive rate on
 * every kind of normal text at or under 0.5% (the target is 1% on normal SMS: half of it is left as margin for
 * texts unlike the corpora). Falls back to the strictest such threshold.
 */
export function tuneThreshold(model: TextModel, validation: Doc[]): number {
  const scored = validation.map((d) => ({ d, p: scoreText(model, d.text, false).probability }));
  const candidates = [...new Set(scored.map((s) => Math.round(s.p * 1000) / 1000))].sort((a, b) => a - b);
  const kinds = [...new Set(validation.filter((d) => !d.fraud).map((d) => d.kind))];
  let best = 0.5;
  let bestF1 = -1;
  for (const t of candidates) {
    if (t < 0.05 || t > 0.98) continue;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let ok = true;
    for (const kind of kinds) {
      const normals = scored.filter((s) => !s.d.fraud && s.d.kind === kind);
      const fpr = normals.filter((s) => s.p >= t).length / normals.length;
      if (normals.length >= 50 && fpr > 0.005) ok = false;
    }
    if (!ok) continue;
    for (const s of scored) {
      if (s.d.fraud && s.p >= t) tp++;
      else if (s.d.fraud) fn++;
      else if (s.p >= t) fp++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}
