import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntheticDocs } from './synthetic.js';

describe('synthetic training templates', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    assert.deepEqual(syntheticDocs(1), syntheticDocs(1));
    assert.notDeepEqual(syntheticDocs(1).map((d) => d.text), syntheticDocs(2).map((d) => d.text));
  });

  it('fill every slot, give every scam a type and no normal text one, and say they are synthetic', () => {
    const docs = syntheticDocs(3);
    assert.ok(docs.some((d) => d.fraud) && docs.some((d) => !d.fraud));
    for (const d of docs) {
      assert.doesNotMatch(d.text, /[{}]/);
      assert.equal(d.corpus, 'synthetic');
      assert.equal(d.type === null, !d.fraud);
      assert.ok(d.id.startsWith('synthetic:'));
    }
    const types = new Set(docs.filter((d) => d.fraud).map((d) => d.type));
    assert.ok(types.has('impersonate_acquaintance') && types.has('impersonate_authority') && types.has('other'));
    const kinds = new Set(docs.filter((d) => !d.fraud).map((d) => d.kind));
    assert.deepEqual([...kinds].sort(), ['ad', 'dialogue', 'sms']);
    assert.equal(new Set(docs.map((d) => d.text)).size, docs.length);
  });

  it('normal service threads ask the customer to pay, transfer, install or share nothing', () => {
    const desk = syntheticDocs(1).filter((d) => d.kind === 'dialogue' && !d.fraud);
    assert.ok(desk.length >= 200);
    for (const d of desk) {
      const act = '(转账|汇款|缴纳|下载|安装|开启|共享屏幕|屏幕共享|提供验证码|扫码)';
      assert.doesNotMatch(d.text, new RegExp(`(请|麻烦)(你|您)?(先|马上)?${act}`), d.text);
      assert.doesNotMatch(d.text, new RegExp(`(你|您)(先|马上|现在)${act}`), d.text);
    }
  });

  it('keep the turns of a helpdesk thread apart, so training windows cut between them', () => {
    const desk = syntheticDocs(1).filter((d) => d.kind === 'dialogue' && d.turns !== undefined);
    assert.ok(desk.length > 0);
    for (const d of desk) assert.equal(d.turns!.map((t) => t.text).join('\n'), d.text);
  });
});
