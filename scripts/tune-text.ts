/**
 * Compares training options of the fraud-text model on VALIDATION data only:
 * `node dist/scripts/tune-text.js [--seed 1] [--folds held,A,B,C,D] [--opts '{"l2":4}']`.
 *
 * For the held-out configuration, a model trained on the train split (plus the synthetic templates) is scored on
 * the validation split — the same documents that tune its threshold, so only differences between options mean
 * anything. For each cross-source fold, the fold model (trained without corpus X, as in eval-text.ts) is scored on
 * the part of X that is in the validation split, with the fold's other-class documents from the validation split
 * too: the fold test sets of eval-text.ts, and the test split, are never read here. This is the script the
 * choices recorded in trainer.ts and synthetic.ts were made with.
 */
import { datasetsDir, loadAllCorpora, type Doc } from '../src/text/training/corpora.js';
import { binaryMetrics, falsePositiveRate, f3, pct, typeMetrics } from '../src/text/training/metrics.js';
import { predictAll } from '../src/text/training/report.js';
import { CROSS_SOURCE_FOLDS, foldTraining, heldOutSplit } from '../src/text/training/splits.js';
import { syntheticDocs } from '../src/text/training/synthetic.js';
import { evaluationWindows, trainModel, type TrainOptions } from '../src/text/training/trainer.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(argValue('--seed') ?? '1');
const folds = (argValue('--folds') ?? 'held,A,B,C,D').split(',');
const opts = JSON.parse(argValue('--opts') ?? '{}') as Partial<TrainOptions>;
const docs = loadAllCorpora(datasetsDir(), { seed });
const split = heldOutSplit(docs, seed);
const synthetic = syntheticDocs(seed);
const valOnly = { train: [], validation: [], test: split.validation };

/**
 * F1 with the left-out corpus's documents counted ten times: the validation split holds a tenth of corpus X, the
 * fold test sets all of it, so this is the class balance of eval-text.ts's whole-fold rows (C and D: ten times as
 * many normal texts per fraud text as the validation set has).
 */
function projectedF1(set: Doc[], preds: ReturnType<typeof predictAll>, excluded: (d: Doc) => boolean): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  set.forEach((d, i) => {
    const w = excluded(d) ? 10 : 1;
    if (d.fraud && preds[i].fraud) tp += w;
    else if (d.fraud) fn += w;
    else if (preds[i].fraud) fp += w;
  });
  return (2 * tp) / (2 * tp + fp + fn);
}

function line(
  name: string,
  set: Doc[],
  preds: ReturnType<typeof predictAll>,
  threshold: number,
  excluded: (d: Doc) => boolean = () => false,
): string {
  const m = binaryMetrics(set, preds);
  const parts = [
    `${name.padEnd(5)} F1 ${f3(m.f1)} F1w ${f3(projectedF1(set, preds, excluded))} P ${f3(m.precision)} R ${f3(m.recall)} thr ${threshold.toFixed(3)}`,
  ];
  parts.push(`fraud ${set.filter((d) => d.fraud).length} normal ${set.filter((d) => !d.fraud).length}`);
  for (const [label, f] of [
    ['sms', (d: Doc) => d.kind === 'sms'],
    ['ad', (d: Doc) => d.kind === 'ad'],
    ['dlg', (d: Doc) => d.kind === 'dialogue'],
    ['stc3', (d: Doc) => d.sub === 'stc3_weibo_helpdesk'],
    ['jddc', (d: Doc) => d.sub.startsWith('jddc')],
    ['meet', (d: Doc) => d.kind === 'meeting'],
  ] as const) {
    const r = falsePositiveRate(set, preds, f);
    if (r.n > 0) parts.push(`${label} ${pct(r.rate, 2)}`);
  }
  // Threshold-free view of the false alarms on dialogues (few at the threshold, so noisy): normal dialogues over 0.4 / 0.5.
  const dlg = set.map((d, i) => [d, i] as const).filter(([d]) => !d.fraud && d.kind === 'dialogue');
  if (dlg.length > 0) {
    parts.push(`dlg>=.4 ${dlg.filter(([, i]) => preds[i].score >= 0.4).length} >=.5 ${dlg.filter(([, i]) => preds[i].score >= 0.5).length}`);
  }
  const kinds = [...new Set(set.filter((d) => d.fraud).map((d) => d.kind))].sort();
  for (const k of kinds) {
    const idx = set.map((d, i) => [d, i] as const).filter(([d]) => d.fraud && d.kind === k);
    parts.push(`R:${k.replace('fraud_', '')} ${pct(idx.filter(([, i]) => preds[i].fraud).length / idx.length)}`);
  }
  // Type accuracy (as eval-text.ts: fraud documents with a known type), with the weak types apart.
  const tm = typeMetrics(set, preds);
  if (tm.n > 0) {
    parts.push(`type ${pct(tm.accuracy)}`);
    for (const t of tm.perType) if (t.type === 'romance' || t.type === 'fake_shopping') parts.push(`${t.type} ${pct(t.accuracy)} (${t.n})`);
  }
  return parts.join(' | ');
}

const show = Number(argValue('--show') ?? '0');
/** With --show N: the N highest-scored false alarms and the N lowest-scored misses of a validation set. */
function errors(name: string, set: Doc[], preds: ReturnType<typeof predictAll>): void {
  if (show <= 0) return;
  const idx = set.map((d, i) => i);
  const fps = idx.filter((i) => !set[i].fraud && preds[i].fraud).sort((a, b) => preds[b].score - preds[a].score);
  const fns = idx.filter((i) => set[i].fraud && !preds[i].fraud).sort((a, b) => preds[a].score - preds[b].score);
  const cut = (t: string) => t.replace(/\s+/g, ' ').slice(0, 160);
  for (const i of fps.slice(0, show)) console.log(`${name} FP ${preds[i].score.toFixed(2)} ${set[i].sub}: ${cut(set[i].text)}`);
  for (const i of fns.slice(0, show)) console.log(`${name} FN ${preds[i].score.toFixed(2)} ${set[i].sub}: ${cut(set[i].text)}`);
}

const out: string[] = [];
if (folds.includes('held')) {
  const r = trainModel([...split.train, ...synthetic], split.validation, { seed, ...opts });
  const preds = predictAll(r.model, split.validation);
  errors('held', split.validation, preds);
  out.push(line('held', split.validation, preds, r.model.header.threshold));
  // The anti-fraud advice windows of the validation news reports (normal): talking about fraud must not fire.
  const advice = evaluationWindows(split.validation).filter((d) => d.kind === 'warning');
  const ap = predictAll(r.model, advice);
  out.push(`held  advice windows ${advice.length}: FPR ${pct(ap.filter((p) => p.fraud).length / Math.max(1, advice.length), 2)}`);
}
for (const fold of CROSS_SOURCE_FOLDS) {
  const key = fold.name[0];
  if (!folds.includes(key)) continue;
  const { train, validation } = foldTraining(fold, split);
  const r = trainModel([...train, ...synthetic], validation, { seed, ...opts });
  const set = fold.test(split.validation, valOnly);
  const preds = predictAll(r.model, set);
  errors(key, set, preds);
  out.push(line(key, set, preds, r.model.header.threshold, fold.excluded));
}
console.log(`opts ${JSON.stringify(opts)}`);
console.log(out.join('\n'));
