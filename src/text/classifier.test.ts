import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFraudType } from '../domain/fraud-type.js';
import { NOT_FRAUD_REASON_FLOOR } from './classifier.js';
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

  it('flags short real-world scam SMS with the right type', () => {
    for (const [text, type] of [
      ['兼职刷单，日结300，加微信 abc123', 'task_rebate'],
      ['你的征信有问题，需要缴纳费用修复，否则影响贷款', 'fake_credit'],
      ['您的快递丢失了，我是快递理赔客服，需要您下载会议软件开启屏幕共享办理退款', 'fake_customer_service'],
      ['你的游戏账号交易被冻结，需要缴纳解冻费才能提现', 'game_trade'],
      ['【公安局】您涉嫌洗钱，请将资金转入安全账户配合调查', 'impersonate_authority'],
    ] as const) {
      const c = classifyText(text);
      check(c);
      assert.equal(c.fraud, true, `${text}: ${c.score}`);
      assert.equal(c.type, type, `${text}: ${c.type}`);
    }
  });

  it('does not flag family chat, bank notices, ads, codes, police warnings or meetings', () => {
    for (const text of [
      '妈，我今晚回家吃饭，给我留点汤',
      '【招商银行】您尾号1234的卡于11月20日消费500.00元',
      '双十一大促，全场五折，回T退订',
      '您的验证码是123456，5分钟内有效，请勿泄露给他人',
      '警方提醒：近期冒充客服诈骗高发，请勿向陌生人转账',
      '你好，请问明天的会议几点开始？',
    ]) {
      const c = classifyText(text);
      check(c);
      assert.equal(c.fraud, false, `${text}: ${c.score}`);
    }
  });

  it('gives short reasons, at most ten characters', () => {
    const c = classifyText('您好，我是京东客服，您的百万保障服务即将扣费，需要您下载会议软件开启屏幕共享，把验证码告诉我，转账到安全账户');
    check(c);
    assert.ok(c.reasons.length > 0);
    for (const r of c.reasons) assert.ok(r.phrase.length <= 10, r.phrase);
  });

  it('lists no weak hints as reasons for a text it does not flag', () => {
    for (const text of ['请问花呗怎么还款', '明天下午三点开会，记得带上项目资料', '双十一大促，全场五折，会员再享九折，回T退订']) {
      const c = classifyText(text);
      assert.equal(c.fraud, false, text);
      for (const r of c.reasons) assert.ok(r.weight >= NOT_FRAUD_REASON_FLOOR, `${text}: ${JSON.stringify(c.reasons)}`);
    }
    assert.deepEqual(classifyText('请问花呗怎么还款').reasons, []);
  });

  it('flags a scam passage at the end of a long chat and names its phrases', () => {
    const chat =
      '周末我们一家去公园玩了，天气很好，孩子们在草地上放风筝，中午在湖边吃了野餐，下午又去看了花展。'.repeat(6) +
      '对了，刚才有人打电话说我涉嫌洗钱，要我把钱转入安全账户配合调查，还不让我告诉家人。';
    const c = classifyText(chat);
    check(c);
    assert.equal(c.fraud, true, String(c.score));
    assert.ok(c.reasons.some((r) => r.phrase.includes('安全账户')), JSON.stringify(c.reasons));
  });
});
