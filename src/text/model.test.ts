import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import {
  buildLexicon,
  decodeModel,
  DEFAULT_MODEL_URL,
  encodeModel,
  extractFeatures,
  Features,
  ngramHash,
  scoreText,
  type TextModel,
} from './model.js';
import { normalizeText } from './normalize-text.js';

function features(text: string, lexicon = buildLexicon([['安全账户', 'safe_account']])): Array<[number, number, number]> {
  const f = new Features();
  extractFeatures(normalizeText(text), 1, 4, lexicon, f);
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < f.count; i++) out.push([f.hashes[i], f.starts[i], f.lens[i]]);
  return out;
}

describe('text model features', () => {
  it('are deterministic', () => {
    const a = features('请将资金转入安全账户配合调查，联系13812345678');
    const b = features('请将资金转入安全账户配合调查，联系13812345678');
    assert.deepEqual(a, b);
    assert.ok(a.length > 20);
  });

  it('count each n-gram once and never cross a separator', () => {
    const norm = normalizeText('转账，转账');
    const f = features('转账，转账');
    // 转, 账, 转账: three distinct n-grams, no "账转".
    assert.equal(norm, '转账 转账');
    assert.equal(f.length, 3);
    assert.ok(!f.some(([h]) => h === ngramHash('账 ')));
  });

  it('do not depend on the digits of a number', () => {
    assert.deepEqual(features('联系13812345678'), features('联系13999999999'));
  });

  it('fire a lexicon group on its term', () => {
    const withLex = features('转入安全账户');
    const plain = features('转入安全账户', buildLexicon([]));
    assert.equal(withLex.length, plain.length + 1);
    assert.ok(withLex.some(([, , len]) => len === (0x80 | 4)));
  });
});

describe('text model file', () => {
  it('round-trips through encode and decode', () => {
    const lexicon = buildLexicon([['安全账户', 'safe_account']]);
    const model: TextModel = {
      header: {
        format: 'fanzha-text-model',
        version: 1,
        ngramMin: 1,
        ngramMax: 4,
        fraudBits: 10,
        typeBits: 8,
        fraudScale: 0.01,
        fraudBias: -1,
        typeScale: 0.02,
        types: ['fake_loan', 'other'],
        typeBias: [0, 0.5],
        threshold: 0.6,
        lexicon: [['安全账户', 'safe_account']],
      },
      fraudW: new Int8Array(1 << 10).map((_, i) => (i % 7) - 3),
      typeW: new Int8Array((1 << 8) * 2).map((_, i) => (i % 5) - 2),
      lexicon,
    };
    const back = decodeModel(encodeModel(model));
    assert.deepEqual(back.header, model.header);
    assert.deepEqual(back.fraudW, model.fraudW);
    assert.deepEqual(back.typeW, model.typeW);
    const a = scoreText(model, '请转入安全账户', false);
    const b = scoreText(back, '请转入安全账户', false);
    assert.equal(a.probability, b.probability);
    assert.equal(a.typeIndex, b.typeIndex);
  });

  it('rejects a file that is not a model', () => {
    assert.throws(() => decodeModel(new Uint8Array([1, 2, 3])));
  });

  it('is shipped under assets/ at the repository root', () => {
    const path = fileURLToPath(DEFAULT_MODEL_URL);
    assert.ok(path.endsWith('/assets/text-model.bin.gz'), path);
    assert.ok(existsSync(path), `${path} is missing: run npm run train:text`);
  });
});
