/**
 * Evaluates the fraud-text model: `npm run eval:text [-- --seed 1] [-- --skip-folds]`.
 *
 * Recomputes the held-out split and the cross-source folds of train-text.ts from the corpora and the seed, and
 * prints, as one markdown block for the README:
 * - the shipped model (assets/text-model.bin.gz) on the held-out test split;
 * - for each cross-source fold, a model trained by the same code on the other sources only, on the left-out one;
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
import { CROSS_SOURCE_FOLDS, foldTraining, heldOutSplit } from '../src/text/training/splits.js';
import { trainModel } from '../src/text/training/trainer.js';

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

const out: string[] = [];
const summary: Array<Array<string | number>> = [];
out.push('### Fraud-text model: evaluation', '');
out.push(
  `Seed ${seed}; shipped model threshold ${model.header.threshold.toFixed(3)}; ${docs.length} documents after ` +
    `de-duplication (${docs.filter((d) => d.fraud).length} fraud). Held-out split: 80/10/10 by dialogue, article or ` +
    'meeting, stratified by corpus, kind and label; the model never saw the test part, its threshold was tuned on ' +
    'the validation part. A long document (dialogue, article) is classified whole.',
  '',
);
const held = reportSet('Held-out test split (shipped model)', split.test, model);
out.push(held.markdown);
summary.push(['held-out test split', f3(held.f1), f3(held.baselineF1), Number.isNaN(held.smsFpr) ? 'n/a' : `${(held.smsFpr * 100).toFixed(2)}%`]);

if (!skipFolds) {
  for (const fold of CROSS_SOURCE_FOLDS) {
    const { train, validation } = foldTraining(fold, split);
    progress(`fold ${fold.name}: training on ${train.length} documents`);
    const r = trainModel(train, validation, { seed, log: progress });
    const test: Doc[] = fold.test(docs, split);
    const rep = reportSet(`Cross-source ${fold.name}`, test, r.model);
    out.push(`${fold.definition} Fold model threshold ${r.model.header.threshold.toFixed(3)}, trained in ${r.seconds.toFixed(0)} s.`, '');
    out.push(rep.markdown);
    summary.push([fold.name, f3(rep.f1), f3(rep.baselineF1), Number.isNaN(rep.smsFpr) ? 'n/a' : `${(rep.smsFpr * 100).toFixed(2)}%`]);
  }
}

// Speed: 150-character texts cut from the test split (fraud and normal alike), one thread, after warm-up.
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

out.push('#### Summary', '');
out.push(table(['test', 'model F1', 'keyword baseline F1', 'FPR on normal SMS'], summary), '');
out.push(
  `Speed: ${Math.round(perSecond).toLocaleString('en')} texts/s for 150-character texts on one thread, ` +
    `classifyText with reasons (normalisation alone: ${Math.round(normPerSecond).toLocaleString('en')} texts/s). ` +
    `Model load: ${loadMs.toFixed(0)} ms (${(model.fraudW.length + model.typeW.length).toLocaleString('en')} int8 weights).`,
);
console.log(out.join('\n'));
progress(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
