import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSourceType, parseCsv, sample, shuffle } from './corpora.js';
import { heldOutSplit } from './splits.js';
import type { Doc } from './corpora.js';
import { trainingChunks } from './trainer.js';

describe('corpus loaders', () => {
  it('parse CSV with quoted commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('\uFEFFcontent,label\n"a,b ""q""\nline 2",1\r\nplain,0\n');
    assert.deepEqual(rows, [
      ['content', 'label'],
      ['a,b "q"\nline 2', '1'],
      ['plain', '0'],
    ]);
  });

  it('map source labels to the project fraud types', () => {
    assert.equal(mapSourceType('冒充公检法及政府机关类'), 'impersonate_authority');
    assert.equal(mapSourceType('贷款、代办信用卡类'), 'fake_loan');
    assert.equal(mapSourceType('“杀猪盘”'), 'romance');
    assert.equal(mapSourceType('二手交易'), 'fake_shopping');
    assert.equal(mapSourceType('网络赌博'), 'other');
    assert.equal(mapSourceType('短信'), null);
  });

  it('sample and shuffle deterministically for a seed', () => {
    const list = Array.from({ length: 100 }, (_, i) => i);
    assert.deepEqual(shuffle(list, 3), shuffle(list, 3));
    assert.notDeepEqual(shuffle(list, 3), shuffle(list, 4));
    const s = sample(list, 10, 5);
    assert.equal(s.length, 10);
    assert.deepEqual(s, [...s].sort((a, b) => a - b));
  });
});

function doc(i: number, fraud: boolean, group = `g${i}`): Doc {
  return { id: `d${i}`, corpus: 'normal_dialogues', kind: 'dialogue', sub: 'x', fraud, type: null, group, text: `文本${i}` };
}

describe('splits and chunks', () => {
  it('keep a group in one split and are deterministic', () => {
    const docs = Array.from({ length: 200 }, (_, i) => doc(i, i % 4 === 0, `g${Math.floor(i / 2)}`));
    const a = heldOutSplit(docs, 1);
    const b = heldOutSplit(docs, 1);
    assert.deepEqual(a.test.map((d) => d.id), b.test.map((d) => d.id));
    const where = new Map<string, string>();
    for (const [name, list] of Object.entries(a)) {
      for (const d of list) {
        assert.ok(!where.has(d.group) || where.get(d.group) === name, d.group);
        where.set(d.group, name);
      }
    }
    assert.ok(a.test.length > 0 && a.validation.length > 0 && a.train.length > a.test.length);
  });

  it('train on scam-dialogue windows where the scammer speaks only', () => {
    const d: Doc = {
      ...doc(1, true),
      kind: 'fraud_dialog',
      turns: [
        { text: '你好，最近怎么样？'.repeat(20), fraud: false },
        { text: '我这里有个投资平台，收益很高，你先充值一万试试。', fraud: true },
      ],
    };
    const chunks = trainingChunks(d, 100, 1);
    assert.ok(chunks.length >= 1);
    for (const c of chunks) assert.equal(c.fraud, true);
    assert.ok(chunks.every((c) => !c.text.startsWith('你好，最近怎么样？你好')));
  });
});
