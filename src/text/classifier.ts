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
  /**
   * Up to 8 phrases that pushed the score up most, strongest first. A text judged not fraud lists only phrases
   * that weigh at least NOT_FRAUD_REASON_FLOOR each (often none): a weak hint is no reason for a verdict that was
   * not given.
   */
  reasons: TextReason[];
}

export interface ClassifierOptions {
  /** Decision threshold on `score`; default from the model file, tuned on validation data. */
  threshold?: number;
}

const MAX_REASONS = 8;
/** Strongest n-gram and phrase contributions considered when building the reasons. */
const CANDIDATES = 12;
/** Longest reason phrase, in characters: spans are merged only while the merged phrase stays this short. */
const MAX_PHRASE = 10;
/** Smallest weight (fraud logit) of a listed reason: below it a phrase raised the fraud odds by under 11%. */
const REASON_FLOOR = 0.1;
/** Smallest weight of a reason of a text judged not fraud: the phrase alone multiplies the fraud odds by e. */
export const NOT_FRAUD_REASON_FLOOR = 1;

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
  const fraud = s.probability >= threshold;
  const floor = fraud ? REASON_FLOOR : NOT_FRAUD_REASON_FLOOR;
  return {
    fraud,
    score: s.probability,
    type: s.type,
    typeScore: s.typeProbability,
    reasons: buildReasons(s.normalized, s.contributions).filter((r) => r.weight >= floor),
  };
}

/**
 * Turns per-feature contributions into readable phrases: the strongest n-grams and lexicon terms of two or more
 * characters are mapped to their spans in the normalised text; overlapping or touching spans are merged while the
 * merged phrase stays at most MAX_PHRASE characters (a lexicon term is never cut: a span that would overflow starts
 * a new phrase at the previous one's end, so phrases break on term boundaries); a phrase weighs the sum of the
 * contributions inside it. Unigrams and group pairs have no phrase of their own.
 *
 * Type: the type head's best type, unless a type rule of the model fires (fake_credit: a credit-repair phrase
 * such as 征信修复 / 消除逾期 / 征信有问题; game_trade: a game-account or game-item trade phrase such as 游戏账号 /
 * 装备交易 / 买号) — those types have no labelled examples, so the type head cannot learn them; the rules are
 * listed in the model file (header.typeRules, written by training/lexicon.ts).
 */
export function buildReasons(norm: string, contributions: Contributions): TextReason[] {
  const { count, starts, lens, weights } = contributions;
  if (count === 0) return [];
  // The strongest candidates, by index, kept sorted by weight.
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    if ((lens[i] & 0x7f) < 2 || starts[i] < 0) continue;
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
      if (sp.end <= last.end) continue;
      if (sp.end - last.start <= MAX_PHRASE) last.end = sp.end;
      else if (sp.end - last.end >= 2) merged.push({ start: last.end, end: sp.end, weight: 0 });
    } else {
      merged.push(sp);
    }
  }
  // Every positive feature inside a merged span adds to its weight, so a phrase weighs what it contributed.
  for (let i = 0; i < count; i++) {
    const start = starts[i];
    if (start < 0) continue;
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
    const phrase = norm.slice(m.start, m.end).trim();
    const weight = Math.round(m.weight * 1000) / 1000;
    if (phrase.length < 2 || weight <= 0 || isPlaceholderOnly(phrase) || out.some((r) => r.phrase === phrase)) continue;
    out.push({ phrase, weight });
    if (out.length === MAX_REASONS) break;
  }
  return out;
}

function isPlaceholderOnly(phrase: string): boolean {
  for (let i = 0; i < phrase.length; i++) if (phrase.charCodeAt(i) !== 0x23) return false;
  return true;
}
