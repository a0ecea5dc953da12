import type { FraudType } from '../domain/fraud-type.js';
import { defaultModel, defaultModelLoadMs, scoreText, type Contributions, type TextModel } from './model.js';

/** A phrase of the (normalised) text and its contribution to the fraud logit; positive pushes towards fraud. */
export interface TextReason {
  phrase: string;
  weight: number;
}

export interface TextClassification {
  fraud: boolean;
  /** Fraud probability, 0..1. */
  score: number;
  /** The most likely fraud type, also when `fraud` is false. */
  type: FraudType | null;
  typeScore: number;
  /** Up to 8 phrases that pushed the score up most, strongest first. */
  reasons: TextReason[];
}

export interface ClassifierOptions {
  /** Decision threshold on `score`; default from the model file, tuned on validation data. */
  threshold?: number;
}

const MAX_REASONS = 8;
/** Strongest n-gram contributions considered when building the reasons. */
const CANDIDATES = 24;

/** Classifies one text; pure and synchronous. */
export function classifyText(text: string, options?: ClassifierOptions): TextClassification {
  return classifyWith(defaultModel(), text, options);
}

/** Loads the model now (otherwise on first use); returns load time in ms. */
export function loadTextModel(): number {
  defaultModel();
  return defaultModelLoadMs();
}

/** classifyText with a given model (training and evaluation use models that are not the shipped one). */
export function classifyWith(model: TextModel, text: string, options?: ClassifierOptions): TextClassification {
  const s = scoreText(model, typeof text === 'string' ? text : '', true);
  const threshold = options?.threshold ?? model.header.threshold;
  return {
    fraud: s.probability >= threshold,
    score: s.probability,
    type: model.header.types[s.typeIndex] ?? null,
    typeScore: s.typeProbability,
    reasons: buildReasons(s.normalized, s.contributions),
  };
}

/**
 * Turns per-feature contributions into readable phrases: the strongest n-grams (and lexicon terms) of two or more
 * characters are mapped to their spans in the normalised text, overlapping or touching spans are merged, and a
 * merged phrase weighs the sum of the contributions inside it. Unigrams carry little meaning alone and only add to
 * the phrase they fall in.
 */
export function buildReasons(norm: string, contributions: Contributions): TextReason[] {
  const { count, starts, lens, weights } = contributions;
  if (count === 0) return [];
  // The strongest candidates, by index, kept sorted by weight (a short insertion list: count is a few hundred).
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    if ((lens[i] & 0x7f) < 2) continue;
    const w = weights[i];
    if (top.length === CANDIDATES && w <= weights[top[CANDIDATES - 1]]) continue;
    let k = top.length < CANDIDATES ? top.length : CANDIDATES - 1;
    while (k > 0 && weights[top[k - 1]] < w) {
      top[k] = top[k - 1];
      k--;
    }
    top[k] = i;
  }
  if (top.length === 0) return [];
  const spans = top.map((i) => ({ start: starts[i], end: starts[i] + (lens[i] & 0x7f), weight: 0 }));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Array<{ start: number; end: number; weight: number }> = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && sp.start <= last.end) {
      if (sp.end > last.end) last.end = sp.end;
    } else {
      merged.push(sp);
    }
  }
  // Every positive feature inside a merged span adds to its weight, so a phrase weighs what it contributed.
  for (let i = 0; i < count; i++) {
    const start = starts[i];
    const end = start + (lens[i] & 0x7f);
    let lo = 0;
    let hi = merged.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (merged[mid].start <= start) lo = mid;
      else hi = mid - 1;
    }
    const m = merged[lo];
    if (m.start <= start && end <= m.end) m.weight += weights[i];
  }
  merged.sort((a, b) => b.weight - a.weight || a.start - b.start);
  const out: TextReason[] = [];
  for (const m of merged) {
    const phrase = norm.slice(m.start, m.end);
    if (phrase.length < 2 || isPlaceholderOnly(phrase) || out.some((r) => r.phrase === phrase)) continue;
    out.push({ phrase, weight: Math.round(m.weight * 1000) / 1000 });
    if (out.length === MAX_REASONS) break;
  }
  return out;
}

function isPlaceholderOnly(phrase: string): boolean {
  for (let i = 0; i < phrase.length; i++) if (phrase.charCodeAt(i) !== 0x23) return false;
  return true;
}
