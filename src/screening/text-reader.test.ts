import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextReader } from './text-reader.js';

describe('SMS text reader', () => {
  const reader = new TextReader();

  it('still finds indicators written the ways scammers write them', () => {
    const cases: Array<[string, string]> = [
      ['加扣扣12345领红包', 'im_account:qq:12345'],
      ['联系专员一三八一二三四五六七八', 'phone:+8613812345678'],
      ['登录 ｅｖｉｌ．ｃｏｍ 核对', 'url:evil.com/'],
      ['退款请转到6222021234567890128', 'bank_card:6222021234567890128'],
      ['加薇信 abc_12345 领取', 'im_account:wechat:abc_12345'],
    ];
    for (const [text, expected] of cases) {
      assert.ok(reader.read(text).indicators.some((i) => `${i.kind}:${i.canonical}` === expected), `${text} -> ${expected}`);
    }
  });

  it('gives texts that differ only in digits one model reading, but their own indicators', () => {
    const a = reader.read('【某银行】验证码 482913，请勿告诉他人。客服 13812345678');
    const b = reader.read('【某银行】验证码 77，请勿告诉他人。客服 13900001111');
    assert.equal(a.score, b.score);
    assert.deepEqual(a.indicators.map((i) => i.canonical), ['+8613812345678']);
    assert.deepEqual(b.indicators.map((i) => i.canonical), ['+8613900001111']);
    assert.equal(a.template, b.template, 'one template');
  });

  it('gives each message a template of its own, and none to a text too short to be anyone\'s in particular', () => {
    const a = reader.read('老同学，我换号了，这是我新号码，急用10000元周转一下');
    assert.notEqual(a.template, 0);
    assert.equal(reader.read('老同学，我换号了，这是我新号码，急用 20000 元 周转一下').template, a.template, 'spaces and amounts aside');
    assert.notEqual(reader.read('老同学，我换号了，这是我新号码，急用20000元应急一下').template, a.template, 'the words are the template');
    assert.equal(reader.read('在吗？ 好的，收到 8 点见').template, 0);
  });
});
