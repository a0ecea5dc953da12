import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLexicon, decodeModel, encodeModel, ngramHash, scoreText, type TextModel } from '../model.js';
import type { Doc } from './corpora.js';
import { LEXICON_GROUPS, lexiconEntries, TYPE_RULES } from './lexicon.js';
import {
  evaluationWindows,
  groupHits,
  hardNegativeChunks,
  longMixes,
  balanceWeights,
  sentences,
  sentenceWindows,
  type Chunk,
  trainingChunks,
  trainModel,
} from './trainer.js';
import { rng } from './corpora.js';

function doc(over: Partial<Doc>): Doc {
  return {
    id: 'd1', corpus: 'anti_fraud_sft', kind: 'fraud_news', sub: 'x', fraud: true, type: 'impersonate_authority',
    group: 'g1', text: '', ...over,
  };
}

describe('training windows', () => {
  it('cut text into 1-3-sentence windows of at most the given length', () => {
    const parts = sentences('第一句话很短。'.repeat(40), 200);
    const ws = sentenceWindows(parts, 200, rng(1));
    assert.ok(ws.length > 3);
    for (const w of ws) assert.ok(w.length <= 200 && w.length >= 20, w);
    assert.deepEqual(sentenceWindows(parts, 200, rng(1)), ws);
  });

  it('keep only the news windows that carry a scam, and use anti-fraud advice as a normal window', () => {
    const body =
      '近日，家住城区的张女士在家中休息，当天天气晴朗，她像往常一样看电视。' +
      '对方自称公安局民警，称她涉嫌洗钱，要求她把存款转入安全账户配合调查。' +
      '警方提醒：公安机关不会通过电话办案，更没有所谓安全账户，切勿向陌生账户转账。';
    const d = doc({ title: '标题', text: `标题\n${body}` });
    let sawFraud = false;
    let sawAdvice = false;
    for (let seed = 1; seed <= 20; seed++) {
      for (const c of trainingChunks(d, 200, seed)) {
        assert.equal(c.fraud, true);
        assert.ok(c.text.includes('安全账户') && !c.text.includes('警方提醒'), c.text);
        sawFraud = true;
      }
      for (const c of hardNegativeChunks(d, 200, seed)) {
        assert.ok(!c.fraud && c.kind === 'warning' && c.text.includes('警方提醒'), c.text);
        sawAdvice = true;
      }
    }
    assert.ok(sawFraud && sawAdvice);
  });

  it('use the victim turns of a scam dialogue as hard negatives', () => {
    const d = doc({ kind: 'fraud_dialog', turns: [
      { text: '我的订单怎么还没发货，什么时候能退款呢？', fraud: false },
      { text: '您好，我是客服，您的百万保障要扣费，请下载会议软件开启屏幕共享。', fraud: true },
    ] });
    assert.ok(trainingChunks(d, 200, 1).every((c) => c.fraud && c.text.includes('屏幕共享')));
    const neg = hardNegativeChunks(d, 200, 1);
    assert.equal(neg.length, 1);
    assert.equal(neg[0].kind, 'victim');
    assert.equal(neg[0].fraud, false);
  });

  it('are deterministic and never longer than a paragraph', () => {
    const d = doc({ kind: 'dialogue', fraud: false, type: null, corpus: 'normal_dialogues', turns: Array.from(
      { length: 30 }, (_, i) => ({ text: `第${i}句，今天我们去吃饭吧，好不好呀。`, fraud: false }),
    ) });
    const a = evaluationWindows([d]);
    assert.deepEqual(a, evaluationWindows([d]));
    for (const w of a) assert.ok(w.text.length <= 220 && !w.fraud);
  });
});

describe('phrase groups and type rules', () => {
  it('fire on obfuscated and colloquial variants', () => {
    assert.ok(groupHits('加 V 信详聊，兼职刷单日结').strong >= 2);
    assert.equal(groupHits('今天天气不错').scam, 0);
    assert.equal(groupHits('谨防诈骗').warning, true);
  });

  it('set fake_credit and game_trade, which have no training data', () => {
    const lexicon = buildLexicon(lexiconEntries());
    const groups = Object.keys(LEXICON_GROUPS).sort();
    const model: TextModel = {
      header: {
        format: 'fanzha-text-model', version: 1, ngramMin: 2, ngramMax: 4, fraudBits: 8, typeBits: 6, fraudScale: 0.01,
        fraudBias: 0, typeScale: 0.01, types: ['fake_loan', 'other'], typeBias: [1, 0], threshold: 0.5,
        lexicon: lexiconEntries(), groupValue: 0.3, groupPairs: true, typeRules: TYPE_RULES,
      },
      fraudW: new Int8Array(1 << 8),
      typeW: new Int8Array((1 << 6) * 2),
      lexicon,
    };
    assert.ok(groups.includes('credit_repair') && groups.includes('game_trade'));
    const back = decodeModel(encodeModel(model));
    assert.equal(scoreText(back, '你的征信有问题，可以帮你消除逾期记录', false).type, 'fake_credit');
    assert.equal(scoreText(back, '游戏装备交易，先交保证金', false).type, 'game_trade');
    assert.equal(scoreText(back, '贷款需要先交手续费', false).type, 'fake_loan');
  });
});

describe('training', () => {
  it('gives no fraud weight to an n-gram most texts use, however one-sided its use', () => {
    const scam = ['请把钱转到安全账户', '需要先交保证金才能放款', '帮你刷单日结佣金', '你的快递丢失了可以理赔'];
    const chat = ['今天去吃火锅吧', '明天几点上课', '周末一起看电影', '妈妈做的饭真好吃', '记得带伞'];
    const docs: Doc[] = [];
    for (let i = 0; i < 120; i++) {
      docs.push(doc({ id: `f${i}`, group: `f${i}`, kind: 'fraud_script', text: `我们${scam[i % scam.length]}，第${i}次` }));
      docs.push(doc({
        id: `n${i}`, group: `n${i}`, kind: 'sms', corpus: 'cn_spam_sms_50k', fraud: false, type: null,
        text: `${i % 10 === 0 ? '我们' : ''}${chat[i % chat.length]}，第${i}次`,
      }));
    }
    const weightOf = (maxDf: number): number => {
      const m = trainModel(docs, [], { maxDf, fraudBits: 12, typeBits: 8, minCount: 1 }).model;
      return m.fraudW[ngramHash('我们') & (m.fraudW.length - 1)];
    };
    assert.ok(weightOf(1) > 0);
    assert.equal(weightOf(0.05), 0);
  });

  it('weighs balancing buckets by a power of their size', () => {
    const chunk = (bucket: string): Chunk => ({ text: 'x', fraud: bucket.startsWith('fraud'), type: null, bucket, kind: 'sms', weight: 1 });
    const make = (): Chunk[] => [
      ...Array.from({ length: 90 }, () => chunk('fraud:a:sms')),
      ...Array.from({ length: 10 }, () => chunk('fraud:b:sms')),
      ...Array.from({ length: 100 }, () => chunk('normal:a:sms')),
    ];
    const share = (chunks: Chunk[], bucket: string): number => {
      const of = (b: string) => chunks.filter((c) => c.bucket === b).reduce((s, c) => s + c.weight, 0);
      return of(bucket) / (of('fraud:a:sms') + of('fraud:b:sms'));
    };
    const sqrt = make();
    balanceWeights(sqrt);
    assert.ok(Math.abs(share(sqrt, 'fraud:b:sms') - Math.sqrt(10) / (Math.sqrt(10) + Math.sqrt(90))) < 1e-9);
    const equal = make();
    balanceWeights(equal, 0);
    assert.ok(Math.abs(share(equal, 'fraud:b:sms') - 0.5) < 1e-9);
    // Each class weighs half, whatever the power.
    const total = equal.reduce((s, c) => s + c.weight, 0);
    const fraud = equal.filter((c) => c.fraud).reduce((s, c) => s + c.weight, 0);
    assert.ok(Math.abs(fraud / total - 0.5) < 1e-9);
  });

  it('with hard-example boosting, weighs the normal windows the first pass flagged more in a second pass', () => {
    const docs: Doc[] = [];
    for (let i = 0; i < 120; i++) {
      docs.push(doc({ id: `f${i}`, group: `f${i}`, kind: 'fraud_script', text: `请把退款转到安全账户，第${i}次` }));
      // A few normal windows with the scam's very words: the first pass flags them.
      const normal = i % 10 === 0 ? `请把退款转到安全账户，第${i}次` : `今天一起去吃火锅吧，第${i}次`;
      docs.push(doc({ id: `n${i}`, group: `n${i}`, kind: 'sms', corpus: 'cn_spam_sms_50k', fraud: false, type: null, text: normal }));
    }
    const score = (boost: number): number => {
      const m = trainModel(docs, [], { fraudBits: 12, typeBits: 8, minCount: 1, maxDf: 1, hardNegativeBoost: boost }).model;
      return scoreText(m, '请把退款转到安全账户，第#次', false).probability;
    };
    assert.ok(score(4) < score(1), `${score(4)} < ${score(1)}`);
  });

  it('builds long mixes of normal windows, a share of them with one fraud window inside', () => {
    const chunk = (text: string, fraud: boolean): Chunk => ({
      text, fraud, type: fraud ? 'fake_loan' : null, bucket: fraud ? 'fraud:a:sms' : 'normal:a:sms', kind: 'sms', weight: 1,
    });
    const chunks = [
      ...Array.from({ length: 20 }, (_, i) => chunk(`正常消息${i}`, false)),
      ...Array.from({ length: 5 }, (_, i) => chunk(`先交保证金才能放款${i}`, true)),
    ];
    const mixes = longMixes(chunks, 200, 1, 0.25);
    assert.equal(mixes.length, 200);
    assert.deepEqual(longMixes(chunks, 200, 1, 0.25), mixes);
    const fraud = mixes.filter((m) => m.fraud);
    assert.ok(fraud.length > 20 && fraud.length < 80, String(fraud.length));
    for (const m of mixes) {
      const parts = m.text.split('\n');
      assert.ok(parts.length >= 3 && parts.length <= 8);
      assert.equal(parts.filter((p) => p.startsWith('先交')).length, m.fraud ? 1 : 0);
      assert.equal(m.type, m.fraud ? 'fake_loan' : null);
    }
    assert.equal(longMixes(chunks, 50, 1, 0).filter((m) => m.fraud).length, 0);
  });
});
