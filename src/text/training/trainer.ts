import type { FraudType } from '../../domain/fraud-type.js';
import {
  buildLexicon,
  extractFeatures,
  groupFeatureValue,
  pairHash,
  Features,
  scoreText,
  type Lexicon,
  type TextModel,
  type TextModelHeader,
} from '../model.js';
import { normalizeText } from '../normalize-text.js';
import { rng, shuffle, type Doc, type DocKind } from './corpora.js';
import { lexiconEntries, TYPE_RULES } from './lexicon.js';

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
  /** L1 / L2 of the n-gram weights. */
  l1: number;
  l2: number;
  /** L1 / L2 of the lexicon-group and group-pair weights: weaker, so the model leans on phrases that transfer. */
  groupL1: number;
  groupL2: number;
  /** Feature value of a group or pair (model header groupValue), and the length it starts to shrink at. */
  groupValue: number;
  groupFlat: number;
  /**
   * Prior weight of a specific scam-step group (the negative of it for `warning`, `code_notice` and `ad_notice`):
   * training learns the difference from it, so a curated phrase group keeps a positive weight for a scam type the training
   * sources have no example of (the expert knowledge the lexicon encodes), and data moves it where data exists.
   * Off (0) by default: 1.5 raised fold C's F1 (0.803 -> 0.817) but lowered B's (0.830 -> 0.797); with maxDf, 0.5
   * and 1 lowered fold A's validation F1 (0.87 -> 0.86 / 0.85) and left the others within 0.01.
   */
  groupPrior: number;
  /**
   * Negative prior weight of the three groups that say "not a scam" (`warning`, `code_notice`, `ad_notice`: an
   * opt-out such as 退订 / 回T, a brand's verification-code wording), on top of -groupPrior: advertising cues as
   * normal evidence even where a fold's training data has few ads. Off (0): on the validation parts (tune-text.ts),
   * 1 lowered the held-out F1 (0.951 -> 0.948) and fold D's projected F1 (0.908 -> 0.905), and moved the others by
   * under 0.005 — the ad templates of synthetic.ts already teach these cues.
   */
  noticePrior: number;
  /** n-grams seen in fewer training windows than this get no weight. */
  minCount: number;
  /**
   * Fraud head: n-grams seen in more than this share of the training windows get no weight. The commonest
   * n-grams (我们, 可以, 需要, 请您, 进行) say how a text is written, not what it asks for: a corpus of polite
   * machine-written scam scripts teaches them as fraud, and helpdesk chats then look like scams. On the validation
   * parts, 0.05 raised fold B's F1 from 0.81 to 0.88 and moved the others by under 0.01; the type head keeps them.
   */
  maxDf: number;
  /**
   * A balancing bucket's share of its class grows as (its size)^balancePower (balanceWeights). 0.5 (square root):
   * on the validation parts (tune-text.ts), 0.75 gave fold C's projected F1 0.928 -> 0.934 but fold A 0.925 -> 0.911
   * and its normal-SMS rate 0.79% -> 1.06%; 0.25 gave C 0.912 and B 0.937 -> 0.916.
   */
  balancePower: number;
  /**
   * Hard examples: after a first pass, the training windows the fraud head gets wrong (a normal window at logit >= 0,
   * a fraud window under 0) weigh this much more in a second pass (1: one pass). Off: on the validation parts, 2 for
   * both classes raised held-out (0.950 -> 0.954), A (0.925 -> 0.933) and D (0.908 -> 0.909 projected) but lowered
   * fold C (0.928 -> 0.921) with more unseen chats near the threshold (25 -> 37) and raised A's normal-SMS rate to
   * 1.06%; 3 for the normal windows only, C 0.899. A sharper fit to the training sources costs on the unseen ones.
   */
  hardNegativeBoost: number;
  hardPositiveBoost: number;
  /**
   * Long training texts (longMixes()), per 100 training windows; 0: none. Off: on the validation parts (seed 1), 3
   * with a fraud share of 0.2 raised fold C's projected F1 0.928 -> 0.936 (recall 0.887 -> 0.901) with held-out
   * 0.950 -> 0.949, A 0.925 -> 0.926 (normal SMS 0.79% -> 0.92%); 2 with 0.2, C 0.939 but A's SMS 1.19%; normal mixes
   * only (share 0), C 0.893. With seed 2 (another split), 3 / 0.2 took fold A's normal-SMS rate from 0.92% to 2.38%.
   */
  longMixes: number;
  /** Share of the long mixes that hold a fraud window. */
  longMixFraud: number;
  /** Longest training window, in characters. */
  chunkChars: number;
  /** Scoring window for long texts (model header windowChars); 0: whole text only. */
  windowChars: number;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  ngramMin: 2,
  ngramMax: 4,
  fraudBits: 18,
  typeBits: 14,
  // 6 epochs with a stronger L2 (4 and 1 before): on the validation parts, 6 epochs alone raised every fold's F1
  // but doubled the false alarms on unseen chats (fold C); L2 3 takes most of those back.
  epochs: 6,
  alpha: 0.1,
  beta: 1,
  l1: 0.5,
  l2: 3,
  groupL1: 0,
  groupL2: 0.5,
  groupValue: 0.3,
  groupFlat: 300,
  groupPrior: 0,
  noticePrior: 0,
  minCount: 3,
  maxDf: 0.05,
  chunkChars: 200,
  windowChars: 100,
  balancePower: 0.5,
  hardNegativeBoost: 1,
  hardPositiveBoost: 1,
  longMixes: 0,
  longMixFraud: 0.5,
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
  /** Balancing bucket: class, corpus and kind of text. */
  bucket: string;
  /** Kind of text the window is (warning / victim for the hard negatives cut from fraud documents). */
  kind: DocKind;
  weight: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Windows

const LEXICON = buildLexicon(lexiconEntries());
const GROUP_INDEX = new Map(LEXICON.groups.map((g, i) => [g, i]));
/** Groups that carry no scam step: the opposite signals and the generic context. */
const NOT_SCAM = new Set(
  ['warning', 'code_notice', 'ad_notice', 'platform_w', 'urgency_w'].map((g) => GROUP_INDEX.get(g) ?? -1),
);
const WARNING = GROUP_INDEX.get('warning') ?? -1;
/** Anti-fraud advice: a window holding one of these is what the police say about scams, not a scam. */
const ADVICE_RE = /提醒|谨防|切勿|警惕|防范|反诈|请勿|不要轻信|不要相信|以防|牢记|凡是/;
const groupScratch = new Features();

/**
 * The scam-step lexicon groups a text fires: specific ones (`strong`) and all (`scam`, generic `*_w` included),
 * and whether it fires `warning`.
 */
export function groupHits(text: string): { scam: number; strong: number; warning: boolean } {
  extractFeatures(normalizeText(text), 2, 2, LEXICON, groupScratch);
  let scam = 0;
  let strong = 0;
  let warning = false;
  for (let i = 0; i < groupScratch.groupCount; i++) {
    const g = groupScratch.groups[i];
    if (g === WARNING) warning = true;
    else if (!NOT_SCAM.has(g)) {
      scam++;
      if (!LEXICON.groups[g].endsWith('_w')) strong++;
    }
  }
  return { scam, strong, warning };
}

const SENTENCE_RE = /[^。！？!?；;\n]+[。！？!?；;\n]*/g;

/** Sentences of a text; one longer than `max` is cut at commas (or hard) into pieces of at most `max`. */
export function sentences(text: string, max: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE_RE)) {
    let s = m[0].trim();
    while (s.length > max) {
      const cut = Math.max(s.lastIndexOf('，', max), s.lastIndexOf(',', max));
      const at = cut >= max / 3 ? cut + 1 : max;
      out.push(s.slice(0, at));
      s = s.slice(at).trim();
    }
    if (s.length > 0) out.push(s);
  }
  return out;
}

/**
 * Windows of 1 to 3 consecutive sentences (or dialogue turns), 20 to `max` characters, not overlapping: each
 * window grows until it reaches a length drawn between 20 and `max` (so lengths spread from SMS to paragraph size)
 * or holds three sentences. A last window under 20 characters is kept only when it is the only one.
 */
export function sentenceWindows(parts: string[], max: number, r: () => number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const target = 20 + Math.floor(r() * r() * (max - 20));
    let text = parts[i];
    let k = i + 1;
    while (k < parts.length && k - i < 3 && text.length < target && text.length + parts[k].length <= max) {
      text += (/[。！？!?；;，,]$/.test(text) ? '' : '\n') + parts[k];
      k++;
    }
    if (text.length >= 20 || (out.length === 0 && k >= parts.length)) out.push(text);
    i = k;
  }
  return out;
}

/**
 * The windows a document contributes to training (and to the windowed evaluation). Both sides are cut into units
 * of comparable length, so that length and genre are not tells:
 * - scam call scripts (SMS to paragraph size already): the script, and up to two 1-3-sentence windows that fire
 *   a specific scam-step phrase group, at half weight (a greeting cut from a script is not a scam);
 * - scam dialogues: windows of the scammer's turns only, and only those firing a specific scam-step phrase group
 *   or two generic ones (up to four); the victim's turns are hard negatives (hardNegativeChunks);
 * - news reports: the narrative ("张女士近日…", "记者了解到…") is not fraud content, so only windows firing at least
 *   two scam-step groups, one of them specific, are used as fraud (up to four: where the report quotes or
 *   retells the scam); windows of anti-fraud advice are hard negatives (hardNegativeChunks); the rest is dropped;
 * - normal SMS and ads: the message; normal dialogues and meeting transcripts: up to three turn windows.
 */
export function trainingChunks(doc: Doc, maxChars: number, seed: number): Chunk[] {
  const r = rng(seed);
  const out: Chunk[] = [];
  const push = (text: string, weight: number, fraud = doc.fraud, kind: DocKind = doc.kind): void => {
    const t = text.trim();
    if (t.length < 2) return;
    const bucket = `${fraud ? 'fraud' : 'normal'}:${doc.corpus}:${kind}`;
    out.push({ text: t, fraud, type: fraud ? doc.type : null, bucket, kind, weight });
  };
  const pick = <T>(list: T[], n: number): T[] => (list.length <= n ? list : shuffle(list, seed).slice(0, n));
  switch (doc.kind) {
    case 'fraud_script': {
      push(doc.text.slice(0, maxChars + 100), 1);
      const ws = sentenceWindows(sentences(doc.text, maxChars), Math.min(maxChars, 120), r)
        .filter((w) => groupHits(w).strong >= 1);
      if (ws.length > 1) for (const w of pick(ws, 2)) push(w, 0.5);
      break;
    }
    case 'fraud_dialog': {
      const turns = doc.turns ?? [{ text: doc.text, fraud: true }];
      const scam = sentenceWindows(turns.filter((t) => t.fraud).flatMap((t) => sentences(t.text, maxChars)), maxChars, r);
      const hit = scam.filter((w) => {
        const h = groupHits(w);
        return h.strong >= 1 || h.scam >= 2;
      });
      for (const w of pick(hit, 4)) push(w, 1);
      break;
    }
    case 'fraud_news': {
      const title = doc.title ?? '';
      const body = doc.text.slice(title.length).trim();
      const ws = sentenceWindows(sentences(body, maxChars), maxChars, r);
      const fraud = ws.filter((w) => {
        const h = groupHits(w);
        return !isAdvice(w) && h.strong >= 1 && h.scam >= 2 && !h.warning;
      });
      for (const w of pick(fraud, 4)) push(w, 1);
      break;
    }
    case 'dialogue':
    case 'meeting': {
      const parts = (doc.turns ?? [{ text: doc.text, fraud: false }]).flatMap((t) => sentences(t.text, maxChars));
      for (const w of pick(sentenceWindows(parts, maxChars, r), 3)) push(w, 1);
      break;
    }
    default:
      push(doc.text.slice(0, maxChars + 100), 1);
  }
  return out;
}

function isAdvice(w: string): boolean {
  return ADVICE_RE.test(w) && !/[“”"「」]/.test(w);
}

/**
 * Hard negatives cut from a fraud document: windows that are not fraud although the document is. From a scam
 * dialogue, the victim's turns when they fire no specific scam-step group (generic words such as 退款, 转账, 客服
 * are allowed: customers use them), up to two windows ("victim"); from a news report, windows of anti-fraud advice
 * (提醒, 谨防, 切勿 … and not a quote), up to two ("warning"), so that talking about fraud does not fire.
 */
export function hardNegativeChunks(doc: Doc, maxChars: number, seed: number): Chunk[] {
  if (!doc.fraud) return [];
  const r = rng(seed ^ 0x5f3759df);
  const out: Chunk[] = [];
  const push = (text: string, kind: DocKind): void => {
    const t = text.trim();
    if (t.length >= 2) out.push({ text: t, fraud: false, type: null, bucket: `normal:${doc.corpus}:${kind}`, kind, weight: 1 });
  };
  const pick = <T>(list: T[], n: number): T[] => (list.length <= n ? list : shuffle(list, seed).slice(0, n));
  if (doc.kind === 'fraud_dialog') {
    const turns = (doc.turns ?? []).filter((t) => !t.fraud).flatMap((t) => sentences(t.text, maxChars));
    const victim = sentenceWindows(turns, maxChars, r).filter((w) => groupHits(w).strong === 0);
    for (const w of pick(victim, 2)) push(w, 'victim');
  } else if (doc.kind === 'fraud_news') {
    const body = doc.text.slice((doc.title ?? '').length).trim();
    const advice = sentenceWindows(sentences(body, maxChars), maxChars, r).filter(isAdvice);
    for (const w of pick(advice, 2)) push(w, 'warning');
  }
  return out;
}

/**
 * Long training texts, as long as the chats and articles the model scores whole: 3 to 8 normal windows of
 * different documents one after the other (normal), and the same with one fraud window among them (fraud, its type):
 * what a long text says is not fraud for being long, and one scam passage makes it fraud.
 */
export function longMixes(chunks: Chunk[], n: number, seed: number, fraudShare = 0.5): Chunk[] {
  const r = rng(seed * 31337 + 7);
  const normal = chunks.filter((c) => !c.fraud);
  const fraud = chunks.filter((c) => c.fraud);
  const out: Chunk[] = [];
  if (normal.length === 0 || fraud.length === 0) return out;
  for (let i = 0; i < n; i++) {
    const k = 3 + Math.floor(r() * 6);
    const parts = Array.from({ length: k }, () => normal[Math.floor(r() * normal.length)].text);
    const isFraud = r() < fraudShare;
    let type: FraudType | null = null;
    if (isFraud) {
      const f = fraud[Math.floor(r() * fraud.length)];
      parts[Math.floor(r() * k)] = f.text;
      type = f.type;
    }
    out.push({ text: parts.join('\n'), fraud: isFraud, type, bucket: `${isFraud ? 'fraud' : 'normal'}:mix:long`, kind: 'dialogue', weight: 1 });
  }
  return out;
}

/** Evaluation windows of documents: trainingChunks and hardNegativeChunks with a seed from the document id. */
export function evaluationWindows(docs: Doc[], maxChars = DEFAULT_TRAIN_OPTIONS.chunkChars): Doc[] {
  const out: Doc[] = [];
  for (const d of docs) {
    let h = 0;
    for (let i = 0; i < d.id.length; i++) h = Math.imul(h ^ d.id.charCodeAt(i), 0x01000193);
    [...trainingChunks(d, maxChars, h >>> 0), ...hardNegativeChunks(d, maxChars, h >>> 0)].forEach((c, k) => {
      out.push({ ...d, id: `${d.id}#${k}`, kind: c.kind, fraud: c.fraud, type: c.type, text: c.text, turns: undefined });
    });
  }
  return out;
}

/**
 * Per-chunk weights: each bucket (class, corpus, kind) weighs in proportion to its size to the power `power` (the
 * square root by default), each class half.
 */
export function balanceWeights(chunks: Chunk[], power = 0.5): void {
  const size = new Map<string, number>();
  for (const c of chunks) size.set(c.bucket, (size.get(c.bucket) ?? 0) + c.weight);
  const classTotal = { fraud: 0, normal: 0 };
  for (const [b, n] of size) classTotal[b.startsWith('fraud') ? 'fraud' : 'normal'] += Math.pow(n, power);
  const total = chunks.length;
  for (const c of chunks) {
    const n = size.get(c.bucket)!;
    const cls = c.fraud ? classTotal.fraud : classTotal.normal;
    // bucket share of its class: n^power/cls; class share: 1/2; spread over the bucket's n.
    c.weight *= (total / 2) * (Math.pow(n, power) / cls) / n;
  }
}

interface FeatureMatrix {
  offsets: Int32Array;
  hashes: Int32Array;
  /** 1 for a lexicon group or pair feature. */
  isGroup: Uint8Array;
  /** n-gram feature value of each row. */
  values: Float32Array;
  /** group / pair feature value of each row. */
  gvalues: Float32Array;
}

function featurize(
  texts: string[],
  header: Pick<TextModelHeader, 'ngramMin' | 'ngramMax' | 'groupValue' | 'groupFlat'>,
  lexicon: Lexicon,
): FeatureMatrix {
  const scratch = new Features();
  const offsets = new Int32Array(texts.length + 1);
  let hashes = new Int32Array(1 << 20);
  let isGroup = new Uint8Array(1 << 20);
  const values = new Float32Array(texts.length);
  const gvalues = new Float32Array(texts.length);
  let p = 0;
  for (let i = 0; i < texts.length; i++) {
    extractFeatures(normalizeText(texts[i]), header.ngramMin, header.ngramMax, lexicon, scratch, true);
    if (p + scratch.count > hashes.length) {
      const size = Math.max(hashes.length * 2, p + scratch.count);
      const grown = new Int32Array(size);
      grown.set(hashes.subarray(0, p));
      hashes = grown;
      const g2 = new Uint8Array(size);
      g2.set(isGroup.subarray(0, p));
      isGroup = g2;
    }
    let groups = 0;
    for (let j = 0; j < scratch.count; j++) {
      hashes[p + j] = scratch.hashes[j];
      const g = (scratch.lens[j] & 0x80) !== 0 ? 1 : 0;
      isGroup[p + j] = g;
      groups += g;
    }
    p += scratch.count;
    offsets[i + 1] = p;
    const n = scratch.count - groups;
    values[i] = n > 0 ? 1 / Math.sqrt(n) : 0;
    gvalues[i] = groupFeatureValue(header, n);
  }
  return { offsets, hashes: hashes.slice(0, p), isGroup: isGroup.slice(0, p), values, gvalues };
}

/** FTRL-proximal weight from its accumulators. */
function ftrlWeight(z: number, n: number, alpha: number, beta: number, l1: number, l2: number): number {
  if (Math.abs(z) <= l1) return 0;
  return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(n)) / alpha + l2);
}

/**
 * Buckets (index = hash & mask, or hash >>> shift) whose n-grams get no weight: 1. Those that occur in fewer than
 * minCount rows, or in more than the share maxDf of the rows.
 */
function rareBuckets(m: FeatureMatrix, index: (h: number) => number, size: number, minCount: number, maxDf = 1): Uint8Array {
  const df = new Uint16Array(size);
  for (let k = 0; k < m.hashes.length; k++) {
    if (m.isGroup[k] === 1) continue;
    const j = index(m.hashes[k]);
    if (df[j] < 65535) df[j]++;
  }
  const rare = new Uint8Array(size);
  const maxRows = maxDf * (m.offsets.length - 1);
  for (let j = 0; j < size; j++) rare[j] = df[j] < minCount || df[j] > maxRows ? 1 : 0;
  // A bucket a group or pair lands in is never rare.
  for (let k = 0; k < m.hashes.length; k++) if (m.isGroup[k] === 1) rare[index(m.hashes[k])] = 0;
  return rare;
}

/**
 * Hashes of the features regularised as groups (groupL1 / groupL2): the specific phrase groups, and every pair
 * with at least one of them. Groups named `*_w` hold generic words (客服, 退款, 转账, 链接) that ordinary chats use
 * too: they are scored and regularised like n-grams, and two of them form no pair.
 */
function strongFeatureHashes(lexicon: Lexicon): Set<number> {
  const out = new Set<number>();
  const { groups, groupHashes } = lexicon;
  const weak = (g: number): boolean => groups[g].endsWith('_w');
  for (let a = 0; a < groups.length; a++) {
    if (!weak(a)) out.add(groupHashes[a]);
    for (let b = a + 1; b < groups.length; b++) {
      if (!weak(a) || !weak(b)) out.add(pairHash(groupHashes[a], groupHashes[b]));
    }
  }
  return out;
}

function trainFraudHead(
  m: FeatureMatrix,
  y: Uint8Array,
  w: Float32Array,
  o: TrainOptions,
  strong: Set<number>,
  priors: Map<number, number>,
): { weights: Float32Array; bias: number } {
  const size = 1 << o.fraudBits;
  const mask = size - 1;
  const rare = rareBuckets(m, (h) => h & mask, size, o.minCount, o.maxDf);
  const groupBucket = new Uint8Array(size);
  for (const h of strong) groupBucket[h & mask] = 1;
  const prior = new Float64Array(size);
  for (const [h, p] of priors) prior[h & mask] = p;
  const z = new Float64Array(size);
  const nAcc = new Float64Array(size);
  let zb = 0;
  let nb = 0;
  const order = Array.from({ length: y.length }, (_, i) => i);
  let cur = new Float64Array(4096);
  const wOf = (j: number): number =>
    groupBucket[j] === 1 ? prior[j] + ftrlWeight(z[j], nAcc[j], o.alpha, o.beta, o.groupL1, o.groupL2) :
      ftrlWeight(z[j], nAcc[j], o.alpha, o.beta, o.l1, o.l2);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const perm = shuffle(order, o.seed * 1000 + epoch);
    for (const i of perm) {
      const a = m.offsets[i];
      const b = m.offsets[i + 1];
      const xn = m.values[i];
      const gv = m.gvalues[i];
      if (b - a > cur.length) cur = new Float64Array((b - a) * 2);
      const biasW = -zb / ((o.beta + Math.sqrt(nb)) / o.alpha);
      let s = biasW;
      for (let k = a; k < b; k++) {
        const j = m.hashes[k] & mask;
        if (rare[j] === 1) continue;
        const wj = wOf(j);
        cur[k - a] = wj - prior[j];
        s += wj * (m.isGroup[k] === 1 ? gv : xn);
      }
      const p = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, s))));
      const g = (p - y[i]) * w[i];
      for (let k = a; k < b; k++) {
        const j = m.hashes[k] & mask;
        if (rare[j] === 1) continue;
        const gi = g * (m.isGroup[k] === 1 ? gv : xn);
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
  for (let j = 0; j < size; j++) weights[j] = rare[j] === 1 ? 0 : wOf(j);
  return { weights, bias: -zb / ((o.beta + Math.sqrt(nb)) / o.alpha) };
}

/**
 * Multiplies the weight of every training window the fraud head gets wrong (normal at logit >= 0: by `negative`,
 * fraud under 0: by `positive`); returns how many.
 */
function boostHardExamples(
  m: FeatureMatrix,
  y: Uint8Array,
  w: Float32Array,
  fraud: { weights: Float32Array; bias: number },
  negative: number,
  positive: number,
): number {
  const mask = fraud.weights.length - 1;
  let hard = 0;
  for (let i = 0; i < y.length; i++) {
    let s = fraud.bias;
    for (let k = m.offsets[i]; k < m.offsets[i + 1]; k++) {
      s += fraud.weights[m.hashes[k] & mask] * (m.isGroup[k] === 1 ? m.gvalues[i] : m.values[i]);
    }
    if (y[i] === 0 && s >= 0) {
      w[i] *= negative;
      hard++;
    } else if (y[i] === 1 && s < 0) {
      w[i] *= positive;
      hard++;
    }
  }
  return hard;
}

function trainTypeHead(
  m: FeatureMatrix,
  y: Int32Array,
  w: Float32Array,
  K: number,
  o: TrainOptions,
): { weights: Float32Array; bias: Float64Array } {
  const buckets = 1 << o.typeBits;
  const size = buckets * K;
  const shift = 32 - o.typeBits;
  const rare = rareBuckets(m, (h) => h >>> shift, buckets, o.minCount);
  const z = new Float64Array(size);
  const nAcc = new Float64Array(size);
  const zb = new Float64Array(K);
  const nb = new Float64Array(K);
  const idx = Array.from({ length: y.length }, (_, i) => i).filter((i) => y[i] >= 0);
  const logits = new Float64Array(K);
  const probs = new Float64Array(K);
  const l1 = o.l1 * 0.2;
  const l2 = o.l2 * 0.25;
  let cur = new Float64Array(4096 * K);
  for (let epoch = 0; epoch < o.epochs + 2; epoch++) {
    const perm = shuffle(idx, o.seed * 2000 + epoch);
    for (const i of perm) {
      const a = m.offsets[i];
      const b = m.offsets[i + 1];
      const xn = m.values[i];
      const gv = m.gvalues[i];
      if ((b - a) * K > cur.length) cur = new Float64Array((b - a) * K * 2);
      for (let k = 0; k < K; k++) logits[k] = -zb[k] / ((o.beta + Math.sqrt(nb[k])) / o.alpha);
      for (let f = a; f < b; f++) {
        const bucket = m.hashes[f] >>> shift;
        if (rare[bucket] === 1) continue;
        const base = bucket * K;
        const x = m.isGroup[f] === 1 ? gv : xn;
        for (let k = 0; k < K; k++) {
          const wj = ftrlWeight(z[base + k], nAcc[base + k], o.alpha, o.beta, l1, l2);
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
        for (let f = a; f < b; f++) {
          const bucket = m.hashes[f] >>> shift;
          if (rare[bucket] === 1) continue;
          const gi = g * (m.isGroup[f] === 1 ? gv : xn);
          const j = bucket * K + k;
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
  for (let j = 0; j < size; j++) weights[j] = rare[Math.floor(j / K)] === 1 ? 0 : ftrlWeight(z[j], nAcc[j], o.alpha, o.beta, l1, l2);
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
  for (let i = 0; i < train.length; i++) {
    chunks.push(...trainingChunks(train[i], o.chunkChars, o.seed * 7919 + i));
    chunks.push(...hardNegativeChunks(train[i], o.chunkChars, o.seed * 7919 + i));
  }
  if (o.longMixes > 0) chunks.push(...longMixes(chunks, Math.round((chunks.length * o.longMixes) / 100), o.seed, o.longMixFraud));
  balanceWeights(chunks, o.balancePower);
  const entries = lexiconEntries();
  const lexicon = buildLexicon(entries);
  const m = featurize(chunks.map((c) => c.text), o, lexicon);
  const strong = strongFeatureHashes(lexicon);
  log(`  ${chunks.length} chunks, ${m.hashes.length} feature occurrences (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const y = Uint8Array.from(chunks, (c) => (c.fraud ? 1 : 0));
  const w = Float32Array.from(chunks, (c) => c.weight);
  const priors = new Map<number, number>();
  lexicon.groups.forEach((g, i) => {
    if (g.endsWith('_w')) return;
    const opposite = g === 'warning' || g === 'code_notice' || g === 'ad_notice';
    priors.set(lexicon.groupHashes[i], opposite ? -o.groupPrior - o.noticePrior : o.groupPrior);
  });
  let fraud = trainFraudHead(m, y, w, o, strong, priors);
  if (o.hardNegativeBoost !== 1 || o.hardPositiveBoost !== 1) {
    const hard = boostHardExamples(m, y, w, fraud, o.hardNegativeBoost, o.hardPositiveBoost);
    log(`  ${hard} hard windows re-weighted, second pass`);
    fraud = trainFraudHead(m, y, w, o, strong, priors);
  }
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
    groupValue: o.groupValue,
    groupFlat: o.groupFlat,
    groupPairs: true,
    typeRules: TYPE_RULES,
    windowChars: o.windowChars > 0 ? o.windowChars : undefined,
  };
  const model: TextModel = { header, fraudW: fq.q, typeW: tq.q, lexicon };
  header.threshold = tuneThreshold(model, validation);
  log(`  threshold ${header.threshold.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { model, chunks: chunks.length, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The threshold that maximises F1 on the validation documents and their windows (evaluationWindows) among those
 * that keep the false-positive rate on whole validation documents at or under 0.5% on normal SMS (the target is 1%:
 * half of it is left as margin for texts unlike the corpora) and 1% on ads, dialogues and meeting transcripts.
 * Windows count for F1 only. Falls back to the strictest candidate when none qualifies.
 */
export function tuneThreshold(model: TextModel, validation: Doc[]): number {
  const windows = evaluationWindows(validation);
  const scored = [...validation, ...windows].map((d, i) => ({
    d,
    whole: i < validation.length,
    p: scoreText(model, d.text, false).probability,
  }));
  const candidates = [...new Set(scored.map((s) => Math.round(s.p * 1000) / 1000))]
    .filter((t) => t >= 0.05 && t <= 0.98)
    .sort((a, b) => a - b);
  const limits: Record<string, number> = { sms: 0.005, ad: 0.02, dialogue: 0.02, meeting: 0.05 };
  const normalsByKind = new Map<string, number[]>();
  for (const s of scored) {
    if (!s.whole || s.d.fraud || limits[s.d.kind] === undefined) continue;
    const list = normalsByKind.get(s.d.kind) ?? [];
    list.push(s.p);
    normalsByKind.set(s.d.kind, list);
  }
  let best = candidates.length > 0 ? candidates[candidates.length - 1] : 0.5;
  let bestF1 = -1;
  for (const t of candidates) {
    let ok = true;
    for (const [kind, ps] of normalsByKind) {
      if (ps.length >= 50 && ps.filter((p) => p >= t).length / ps.length > limits[kind]) ok = false;
    }
    if (!ok) continue;
    let tp = 0;
    let fp = 0;
    let fn = 0;
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
