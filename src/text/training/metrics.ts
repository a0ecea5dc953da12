import type { FraudType } from '../../domain/fraud-type.js';
import type { Doc } from './corpora.js';

/** A prediction for one document. */
export interface Prediction {
  fraud: boolean;
  score: number;
  type: FraudType | null;
}

export interface BinaryMetrics {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** False-positive rate over all normal documents. */
  fpr: number;
}

export function binaryMetrics(docs: Doc[], preds: Prediction[]): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  docs.forEach((d, i) => {
    const p = preds[i].fraud;
    if (d.fraud && p) tp++;
    else if (d.fraud) fn++;
    else if (p) fp++;
    else tn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: docs.length, tp, fp, fn, tn, precision, recall, f1, fpr: fp + tn === 0 ? 0 : fp / (fp + tn) };
}

/** False-positive rate over the normal documents that pass `filter` (NaN when there are none). */
export function falsePositiveRate(docs: Doc[], preds: Prediction[], filter: (d: Doc) => boolean): { rate: number; n: number } {
  let n = 0;
  let fp = 0;
  docs.forEach((d, i) => {
    if (d.fraud || !filter(d)) return;
    n++;
    if (preds[i].fraud) fp++;
  });
  return { rate: n === 0 ? NaN : fp / n, n };
}

export interface TypeMetrics {
  /** Fraud documents with a known type. */
  n: number;
  accuracy: number;
  perType: Array<{ type: FraudType; n: number; accuracy: number }>;
  /** confusion[true][predicted], over the types present. */
  labels: FraudType[];
  predictedLabels: FraudType[];
  confusion: number[][];
}

/** Type accuracy over fraud documents whose source type maps to a project type (detected or not). */
export function typeMetrics(docs: Doc[], preds: Prediction[]): TypeMetrics {
  const labels = [...new Set(docs.filter((d) => d.fraud && d.type !== null).map((d) => d.type!))].sort();
  const predictedSet = new Set<FraudType>(labels);
  docs.forEach((d, i) => {
    if (d.fraud && d.type !== null && preds[i].type !== null) predictedSet.add(preds[i].type!);
  });
  const predictedLabels = [...predictedSet].sort();
  const confusion = labels.map(() => predictedLabels.map(() => 0));
  let n = 0;
  let correct = 0;
  docs.forEach((d, i) => {
    if (!d.fraud || d.type === null) return;
    const p = preds[i].type;
    n++;
    if (p === d.type) correct++;
    if (p !== null) confusion[labels.indexOf(d.type)][predictedLabels.indexOf(p)]++;
  });
  const perType = labels.map((t, r) => {
    const row = confusion[r];
    const total = row.reduce((a, b) => a + b, 0);
    const c = row[predictedLabels.indexOf(t)];
    return { type: t, n: total, accuracy: total === 0 ? 0 : c / total };
  });
  return { n, accuracy: n === 0 ? 0 : correct / n, perType, labels, predictedLabels, confusion };
}

export function pct(x: number, digits = 1): string {
  return Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function f3(x: number): string {
  return Number.isNaN(x) ? 'n/a' : x.toFixed(3);
}

/** A markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Short names for confusion-matrix columns. */
export const TYPE_ABBREV: Record<FraudType, string> = {
  task_rebate: 'task',
  fake_investment: 'invest',
  fake_loan: 'loan',
  fake_customer_service: 'cs',
  impersonate_authority: 'auth',
  impersonate_acquaintance: 'acq',
  romance: 'romance',
  fake_credit: 'credit',
  game_trade: 'game',
  fake_shopping: 'shop',
  other: 'other',
};

export function confusionTable(t: TypeMetrics): string {
  return table(
    ['true \\ predicted', ...t.predictedLabels.map((l) => TYPE_ABBREV[l]), 'accuracy'],
    t.labels.map((l, r) => [l, ...t.confusion[r], pct(t.perType[r].accuracy)]),
  );
}
