import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Doc } from './corpora.js';
import { CROSS_SOURCE_FOLDS, foldStrictTest, heldOutSplit } from './splits.js';

function docs(): Doc[] {
  const out: Doc[] = [];
  for (let i = 0; i < 200; i++) {
    const fraud = i % 2 === 0;
    out.push({
      id: `tft5:${i}`, corpus: 'telecom_fraud_texts_5', kind: fraud ? 'fraud_script' : 'sms',
      sub: fraud ? 'x' : 'normal_sms', fraud, type: fraud ? 'fake_loan' : null, group: `tft5:${i}`, text: `text ${i}`,
    });
    out.push({
      id: `spam:${i}`, corpus: 'cn_spam_sms_50k', kind: 'sms', sub: 'normal_sms', fraud: false, type: null,
      group: `spam:${i}`, text: `sms ${i}`,
    });
  }
  return out;
}

describe('cross-source folds', () => {
  it('report a strict part of each test set: only texts of the held-out test split', () => {
    const all = docs();
    const split = heldOutSplit(all, 1);
    const inTest = new Set(split.test.map((d) => d.id));
    const fold = CROSS_SOURCE_FOLDS.find((f) => f.name.startsWith('A'))!;
    const strict = foldStrictTest(fold, all, split);
    const whole = fold.test(all, split);
    assert.ok(strict.length > 0 && strict.length < whole.length);
    for (const d of strict) assert.ok(inTest.has(d.id) && d.corpus === 'telecom_fraud_texts_5', d.id);
    assert.equal(strict.length, whole.filter((d) => inTest.has(d.id)).length);
  });
});
