import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFraudType } from '../domain/fraud-type.js';
import { classifyText, loadTextModel, type TextClassification } from './index.js';

function check(c: TextClassification): void {
  assert.equal(typeof c.fraud, 'boolean');
  assert.ok(c.score >= 0 && c.score <= 1);
  assert.ok(c.type !== null && isFraudType(c.type));
  assert.ok(c.typeScore > 0 && c.typeScore <= 1);
  assert.ok(c.reasons.length <= 8);
  for (const r of c.reasons) {
    assert.ok(r.phrase.length >= 2 && !/[0-9]/.test(r.phrase), r.phrase);
    assert.ok(r.weight > 0);
  }
  for (let i = 1; i < c.reasons.length; i++) assert.ok(c.reasons[i - 1].weight >= c.reasons[i].weight);
}

describe('classifyText', () => {
  it('loads the model and reports the load time', () => {
    assert.ok(loadTextModel() >= 0);
  });

  it('flags an impersonated-police scam SMS and explains it', () => {
    const c = classifyText('【公安局】您涉嫌洗钱，请将资金转入安全账户配合调查');
    check(c);
    assert.equal(c.fraud, true);
    assert.equal(c.type, 'impersonate_authority');
    assert.ok(c.reasons.some((r) => r.phrase.includes('安全账户')), JSON.stringify(c.reasons));
  });

  it('flags a task-rebate scam written with obfuscations', () => {
    const c = classifyText('兼职刷单，日结佣金，先垫付后返利，加 V 信 abc123 详聊');
    check(c);
    assert.equal(c.fraud, true);
    assert.equal(c.type, 'task_rebate');
  });

  it('does not flag ordinary messages', () => {
    for (const text of [
      '妈，我今晚回家吃饭',
      '【招商银行】您的验证码为482913，5分钟内有效，请勿泄露给他人。',
      '【优衣库】双十一全场5折起，会员再享9折，点击 https://uniqlo.cn/s 查看，回T退订',
      '明天下午三点开会，记得带上项目资料',
      '我昨天差点被骗了，有人冒充客服让我退款，幸好没理他',
    ]) {
      const c = classifyText(text);
      check(c);
      assert.equal(c.fraud, false, `${text}: ${c.score}`);
    }
  });

  it('always names the most likely type, and honours the threshold option', () => {
    const text = '您好，我是京东客服，您的订单出现异常，需要为您办理退款';
    const c = classifyText(text);
    check(c);
    assert.equal(classifyText(text, { threshold: 0 }).fraud, true);
    assert.equal(classifyText(text, { threshold: 1.01 }).fraud, false);
  });

  it('handles empty and very long input', () => {
    check(classifyText(''));
    assert.equal(classifyText('').fraud, false);
    check(classifyText('你好，'.repeat(3000)));
  });

  it('is deterministic', () => {
    const t = '你的征信有问题，需要缴纳保证金才能放款';
    assert.deepEqual(classifyText(t), classifyText(t));
  });
});
