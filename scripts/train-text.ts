/**
 * Trains the fraud-text model from the corpora in FANZHA_DATASETS_DIR (default `<repo>/../shared/datasets`) and
 * writes assets/text-model.bin.gz. Deterministic for a seed: `npm run train:text -- --seed 1` (default 1).
 *
 * The model is trained on the train part of the held-out split (src/text/training/splits.ts), its threshold tuned
 * on the validation part; the figures printed at the end are on the test part, which neither saw.
 * `npm run eval:text` recomputes the same splits and adds the cross-source tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_URL, encodeModel } from '../src/text/model.js';
import { datasetsDir, loadAllCorpora } from '../src/text/training/corpora.js';
import { reportSet } from '../src/text/training/report.js';
import { heldOutSplit } from '../src/text/training/splits.js';
import { syntheticDocs } from '../src/text/training/synthetic.js';
import { trainModel } from '../src/text/training/trainer.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(argValue('--seed') ?? '1');
if (!Number.isInteger(seed) || seed < 0) {
  console.error('--seed must be a non-negative integer');
  process.exit(2);
}
const out = argValue('--out') ?? fileURLToPath(DEFAULT_MODEL_URL);
const dir = datasetsDir();
const t0 = performance.now();
console.log(`datasets: ${dir}`);
const docs = loadAllCorpora(dir, { seed });
const split = heldOutSplit(docs, seed);
console.log(
  `${docs.length} documents (${docs.filter((d) => d.fraud).length} fraud); split train ${split.train.length}, ` +
    `validation ${split.validation.length}, test ${split.test.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
// Training-only synthetic templates (synthetic.ts), added after the split: no test set contains them.
const result = trainModel([...split.train, ...syntheticDocs(seed)], split.validation, { seed, log: (l) => console.log(l) });
const model = result.model;
const kindCounts: Record<string, number> = {};
for (const d of split.train) kindCounts[`${d.fraud ? 'fraud' : 'normal'}:${d.kind}`] = (kindCounts[`${d.fraud ? 'fraud' : 'normal'}:${d.kind}`] ?? 0) + 1;
model.header.training = { seed, trainDocuments: kindCounts, trainChunks: result.chunks };
const file = encodeModel(model);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, file);
console.log(`wrote ${out} (${(file.length / 1024).toFixed(0)} KiB), threshold ${model.header.threshold.toFixed(3)}`);
console.log('');
console.log(reportSet('Held-out test split (shipped model)', split.test, model).markdown);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
