import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Doc } from './corpora.js';
import { binaryMetrics, falsePositiveRate, typeMetrics, type Prediction } from './metrics.js';
import { keywordBaseline } from './baseline.js';

function d(fraud: boolean, type: Doc['type'] = null, kind: Doc['kind'] = 'sms'): Doc {
  return { id: 'x', corpus: 'cn_spam_sms_50k', kind, sub: 's', fraud, type, group: 'x', text: '' };
}
function p(fraud: boolean, type: Prediction['type'] = 'other'): Prediction {
  return { fraud, score: fraud ? 1 : 0, type };
}

describe('metrics', () => {
  it('compute precision, recall, F1 and FPR', () => {
    const docs = [d(true), d(true), d(true), d(false), d(false), d(false), d(false)];
    const preds = [p(true), p(true), p(false), p(true), p(false), p(false), p(false)];
    const m = binaryMetrics(docs, preds);
    assert.deepEqual([m.tp, m.fn, m.fp, m.tn], [2, 1, 1, 3]);
    assert.equal(m.precision, 2 / 3);
    assert.equal(m.recall, 2 / 3);
    assert.ok(Math.abs(m.f1 - 2 / 3) < 1e-12);
    assert.equal(m.fpr, 1 / 4);
    assert.deepEqual(falsePositiveRate(docs, preds, (x) => x.kind === 'sms'), { rate: 0.25, n: 4 });
  });

  it('build the type confusion matrix over fraud documents with a known type', () => {
    const docs = [d(true, 'fake_loan'), d(true, 'fake_loan'), d(true, 'romance'), d(true, null), d(false)];
    const preds = [p(true, 'fake_loan'), p(false, 'romance'), p(true, 'romance'), p(true, 'other'), p(false)];
    const t = typeMetrics(docs, preds);
    assert.equal(t.n, 3);
    assert.equal(t.accuracy, 2 / 3);
    assert.deepEqual(t.labels, ['fake_loan', 'romance']);
    assert.deepEqual(t.confusion, [
      [1, 1],
      [0, 1],
    ]);
  });

  it('keyword baseline fires on a listed phrase', () => {
    assert.equal(keywordBaseline('请将资金转入安全账户').fraud, true);
    assert.equal(keywordBaseline('请将资金转入安全账户').type, 'impersonate_authority');
    assert.equal(keywordBaseline('今晚回家吃饭').fraud, false);
  });
});
