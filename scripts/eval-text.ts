/**
 * Evaluates the fraud-text model: `npm run eval:text [-- --seed 1] [-- --skip-folds]`.
 *
 * Recomputes the held-out split and the cross-source folds of train-text.ts from the corpora and the seed, and
 * prints, as one markdown block for the README:
 * - the shipped model (assets/text-model.bin.gz) on the held-out test split, whole documents and windows;
 * - for each cross-source fold, a model trained by the same code on the other sources only, on the left-out one
 *   (whole and windows), and on the part of that test set that is in the held-out test split (foldStrictTest);
 * - the keyword baseline next to every model figure;
 * - speed (texts/s, single thread, 150-character texts) and model load time.
 */
import { performance } from 'node:perf_hooks';
import { classifyText, loadTextModel } from '../src/text/classifier.js';
import { defaultModel } from '../src/text/model.js';
import { normalizeText } from '../src/text/normalize-text.js';
import { datasetsDir, loadAllCorpora, shuffle, type Doc } from '../src/text/training/corpora.js';
import { f3, table } from '../src/text/training/metrics.js';
import { reportSet } from '../src/text/training/report.js';
import { CROSS_SOURCE_FOLDS, foldStrictTest, foldTraining, heldOutSplit } from '../src/text/training/splits.js';
import { syntheticDocs } from '../src/text/training/synthetic.js';
import { evaluationWindows, trainModel } from '../src/text/training/trainer.js';
import type { SetReport } from '../src/text/training/report.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(argValue('--seed') ?? '1');
const skipFolds = process.argv.includes('--skip-folds');
const t0 = performance.now();
const loadMs = loadTextModel();
const model = defaultModel();
const docs = loadAllCorpora(datasetsDir(), { seed });
const split = heldOutSplit(docs, seed);
const progress = (line: string) => process.stderr.write(`${line}\n`);
progress(`${docs.length} documents; test split ${split.test.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

// Speed: 150-character texts cut from the test split (fraud and normal alike), one thread, after warm-up; measured
// first, in a process that has not yet trained the fold models (their garbage and JIT state would slow it down).
const pool = shuffle(
  split.test.map((d) => d.text.replace(/\s+/g, '')).filter((t) => t.length >= 150).map((t) => t.slice(0, 150)),
  seed,
).slice(0, 2000);
for (let i = 0; i < 3000; i++) classifyText(pool[i % pool.length]);
let n = 0;
const start = performance.now();
while (performance.now() - start < 3000) {
  for (let i = 0; i < pool.length; i++) classifyText(pool[i]);
  n += pool.length;
}
const perSecond = n / ((performance.now() - start) / 1000);
let nn = 0;
const startN = performance.now();
while (performance.now() - startN < 1000) {
  for (let i = 0; i < pool.length; i++) normalizeText(pool[i]);
  nn += pool.length;
}
const normPerSecond = nn / ((performance.now() - startN) / 1000);

const out: string[] = [];
const summary: Array<Array<string | number>> = [];
const row = (name: string, r: SetReport): Array<string | number> => [
  name,
  f3(r.precision),
  f3(r.recall),
  f3(r.f1),
  f3(r.baselineF1),
  Number.isNaN(r.smsFpr) ? 'n/a' : `${(r.smsFpr * 100).toFixed(2)}%`,
  Number.isNaN(r.adFpr) ? 'n/a' : `${(r.adFpr * 100).toFixed(2)}%`,
  Number.isNaN(r.typeAccuracy) ? 'n/a' : `${(r.typeAccuracy * 100).toFixed(1)}%`,
];
out.push('### Fraud-text model: evaluation', '');
out.push(
  `Seed ${seed}; shipped model threshold ${model.header.threshold.toFixed(3)}; ${docs.length} documents after ` +
    `de-duplication (${docs.filter((d) => d.fraud).length} fraud). Held-out split: 80/10/10 by dialogue, article or ` +
    'meeting, stratified by corpus, kind and label; the model never saw the test part, its threshold was tuned on ' +
    'the validation part. Every set is evaluated twice: whole documents (a long dialogue or article is classified ' +
    'whole, as classifyText sees it) and the same windowing as training (trainer.ts trainingChunks: 1-3-sentence ' +
    'windows of 20-200 characters; for fraud documents only windows carrying a scam phrase; news windows of ' +
    'anti-fraud advice and victim turns count as normal). Each cross-source fold is also reported on the part of ' +
    'its test set that is in the held-out test split ("test part only"): texts that neither the phrase groups ' +
    '(extended from the train split) nor the choice of training options (compared on the validation split) saw.',
  '',
);
const held = reportSet('Held-out test split (shipped model), whole documents', split.test, model);
out.push(held.markdown);
summary.push(row('held-out test split, whole', held));
const heldW = reportSet('Held-out test split (shipped model), windows', evaluationWindows(split.test), model);
out.push(heldW.markdown);
summary.push(row('held-out test split, windows', heldW));

if (!skipFolds) {
  for (const fold of CROSS_SOURCE_FOLDS) {
    const { train, validation } = foldTraining(fold, split);
    progress(`fold ${fold.name}: training on ${train.length} documents`);
    // The fold models train on the same training-only synthetic templates as the shipped model (synthetic.ts).
    const r = trainModel([...train, ...syntheticDocs(seed)], validation, { seed, log: progress });
    const test: Doc[] = fold.test(docs, split);
    const rep = reportSet(`Cross-source ${fold.name}, whole documents`, test, r.model);
    out.push(`${fold.definition} Fold model threshold ${r.model.header.threshold.toFixed(3)}, trained in ${r.seconds.toFixed(0)} s.`, '');
    out.push(rep.markdown);
    summary.push(row(`${fold.name}, whole`, rep));
    const repW = reportSet(`Cross-source ${fold.name}, windows`, evaluationWindows(test), r.model);
    out.push(repW.markdown);
    summary.push(row(`${fold.name}, windows`, repW));
    const strictTitle = `Cross-source ${fold.name}, held-out test part only, whole documents`;
    const strict = reportSet(strictTitle, foldStrictTest(fold, docs, split), r.model);
    out.push(strict.markdown);
    summary.push(row(`${fold.name}, test part only, whole`, strict));
  }
}

out.push('#### Summary', '');
out.push(
  table(
    ['test', 'model P', 'model R', 'model F1', 'keyword baseline F1', 'FPR on normal SMS', 'FPR on ads', 'type accuracy'],
    summary,
  ),
  '',
);
out.push(
  `Speed: ${Math.round(perSecond).toLocaleString('en')} texts/s for 150-character texts on one thread, ` +
    `classifyText with reasons (normalisation alone: ${Math.round(normPerSecond).toLocaleString('en')} texts/s). ` +
    `Model load: ${loadMs.toFixed(0)} ms (${(model.fraudW.length + model.typeW.length).toLocaleString('en')} int8 weights).`,
);
console.log(out.join('\n'));
progress(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
