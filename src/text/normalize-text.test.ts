import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText } from './normalize-text.js';

describe('normalizeText', () => {
  it('folds full-width ASCII and upper case', () => {
    assert.equal(normalizeText('ＡＰＰ下载ａｂｃ'), 'app下载abc');
  });

  it('converts traditional to simplified characters', () => {
    assert.equal(normalizeText('請轉賬到安全賬戶'), '请转账到安全账户');
    assert.equal(normalizeText('您的帳戶已被凍結'), '您的帐户已被冻结');
  });

  it('drops emoji and junk symbols', () => {
    assert.equal(normalizeText('😀好的👍'), '好的');
    assert.equal(normalizeText('\u200b转\u200d账'), '转账');
  });

  it('rejoins characters split by spaces or symbols', () => {
    assert.equal(normalizeText('加 微 信'), '加微信');
    assert.equal(normalizeText('加*微*信'), '加微信');
    assert.equal(normalizeText('安-全-账-户'), '安全账户');
    assert.equal(normalizeText('请 加 我 的 Q Q'), '请加我的qq');
  });

  it('keeps sentence punctuation as a boundary and Latin words apart', () => {
    assert.equal(normalizeText('妈，我今晚回家吃饭。'), '妈 我今晚回家吃饭');
    assert.equal(normalizeText('hello world'), 'hello world');
  });

  it('spells the variants of WeChat, QQ and Alipay plainly', () => {
    assert.equal(normalizeText('V信'), '微信');
    assert.equal(normalizeText('加薇信'), '加微信');
    assert.equal(normalizeText('威信'), '微信');
    assert.equal(normalizeText('vx：abc'), '微信 abc');
    assert.equal(normalizeText('+V'), '加微信');
    assert.equal(normalizeText('扣扣'), 'qq');
    assert.equal(normalizeText('转到支付包'), '转到支付宝');
  });

  it('turns every digit run into one placeholder, also written in Chinese or with separators', () => {
    assert.equal(normalizeText('电话13812345678'), '电话#');
    assert.equal(normalizeText('电话138-1234-5678'), '电话#');
    assert.equal(normalizeText('电话 138 1234 5678 联系'), '电话#联系');
    assert.equal(normalizeText('一三八一二三四五六七八'), '#');
    assert.equal(normalizeText('①③⑧'), '#');
    assert.equal(normalizeText('１２３元'), '#元');
    assert.equal(normalizeText('金额xxx元'), '金额#元');
    assert.equal(normalizeText('卡号***1234'), '卡号#');
    // Chinese numerals in ordinary words stay words.
    assert.equal(normalizeText('一个人'), '一个人');
  });

  it('drops URLs', () => {
    assert.equal(normalizeText('点击https://u.10010.cn/qAE9U立即参与'), '点击 立即参与');
  });

  it('returns an empty string for empty input', () => {
    assert.equal(normalizeText(''), '');
    assert.equal(normalizeText('   ，。'), '');
  });
});
