import { classifyWith } from '../classifier.js';
import type { TextModel } from '../model.js';
import { keywordBaseline } from './baseline.js';
import type { Doc } from './corpora.js';
import {
  binaryMetrics,
  confusionTable,
  f3,
  falsePositiveRate,
  pct,
  table,
  typeMetrics,
  type Prediction,
} from './metrics.js';

export function predictAll(model: TextModel, docs: Doc[]): Prediction[] {
  return docs.map((d) => {
    const c = classifyWith(model, d.text);
    return { fraud: c.fraud, score: c.score, type: c.type };
  });
}

export function baselineAll(docs: Doc[]): Prediction[] {
  return docs.map((d) => keywordBaseline(d.text));
}

export interface SetReport {
  markdown: string;
  precision: number;
  recall: number;
  f1: number;
  baselineF1: number;
  smsFpr: number;
  adFpr: number;
  typeAccuracy: number;
}

/** Model and baseline figures on one test set, as markdown. */
export function reportSet(title: string, docs: Doc[], model: TextModel): SetReport {
  const preds = predictAll(model, docs);
  const base = baselineAll(docs);
  const m = binaryMetrics(docs, preds);
  const b = binaryMetrics(docs, base);
  const fprRows: Array<Array<string | number>> = [];
  const groups: Array<[string, (d: Doc) => boolean]> = [
    ['normal SMS (all corpora)', (d) => d.kind === 'sms'],
    ['advertising SMS', (d) => d.kind === 'ad'],
    ['meeting transcripts', (d) => d.kind === 'meeting'],
    ['anti-fraud advice (news windows)', (d) => d.kind === 'warning'],
    ['victim turns (dialogue windows)', (d) => d.kind === 'victim'],
  ];
  const subs = [...new Set(docs.filter((d) => !d.fraud && d.kind === 'dialogue').map((d) => d.sub))].sort();
  for (const s of subs) groups.push([`dialogues: ${s}`, (d) => d.kind === 'dialogue' && d.sub === s]);
  for (const [name, filter] of groups) {
    const a = falsePositiveRate(docs, preds, filter);
    if (a.n === 0) continue;
    const c = falsePositiveRate(docs, base, filter);
    fprRows.push([name, a.n, pct(a.rate, 2), pct(c.rate, 2)]);
  }
  const fraudKinds = [...new Set(docs.filter((d) => d.fraud).map((d) => d.kind))].sort();
  const recallRows = fraudKinds.map((k) => {
    const sel = docs.map((d, i) => [d, i] as const).filter(([d]) => d.fraud && d.kind === k);
    const r = sel.filter(([, i]) => preds[i].fraud).length / sel.length;
    const rb = sel.filter(([, i]) => base[i].fraud).length / sel.length;
    return [k, sel.length, pct(r), pct(rb)];
  });
  const t = typeMetrics(docs, preds);
  const tb = typeMetrics(docs, base);
  const sms = falsePositiveRate(docs, preds, (d) => d.kind === 'sms');
  const ads = falsePositiveRate(docs, preds, (d) => d.kind === 'ad');
  const lines = [
    `#### ${title}`,
    '',
    `${docs.filter((d) => d.fraud).length} fraud and ${docs.filter((d) => !d.fraud).length} normal documents.`,
    '',
    table(
      ['', 'precision', 'recall', 'F1', 'FPR (all normal)', 'TP', 'FP', 'FN', 'TN'],
      [
        ['model', f3(m.precision), f3(m.recall), f3(m.f1), pct(m.fpr, 2), m.tp, m.fp, m.fn, m.tn],
        ['keyword baseline', f3(b.precision), f3(b.recall), f3(b.f1), pct(b.fpr, 2), b.tp, b.fp, b.fn, b.tn],
      ],
    ),
    '',
  ];
  if (fprRows.length > 0) {
    lines.push(table(['false positives on', 'n', 'model', 'baseline'], fprRows), '');
  }
  if (recallRows.length > 1) lines.push(table(['recall on', 'n', 'model', 'baseline'], recallRows), '');
  if (t.n > 0) {
    lines.push(
      `Type accuracy over ${t.n} fraud documents with a mapped type: model ${pct(t.accuracy)}, baseline ${pct(tb.accuracy)}.`,
      '',
      confusionTable(t),
      '',
    );
  }
  return {
    markdown: lines.join('\n'),
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    baselineF1: b.f1,
    smsFpr: sms.rate,
    adFpr: ads.rate,
    typeAccuracy: t.n > 0 ? t.accuracy : NaN,
  };
}
