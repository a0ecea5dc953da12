import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeImAccount, normalizePaymentAccount } from './account.js';
import type { NormalizeResult } from './result.js';

function canonical<I>(r: NormalizeResult<I>): string | null {
  return r.ok ? r.canonical : null;
}

function code<I>(r: NormalizeResult<I>): string | null {
  return r.ok ? null : r.code;
}

describe('normalizePaymentAccount', () => {
  const cases: [string, string][] = [
    ['alipay:13812345678', 'alipay:13812345678'],
    ['支付宝:13812345678', 'alipay:13812345678'],
    ['支付宝：138 1234 5678', 'alipay:13812345678'],
    ['支付宝账号：+86 138-1234-5678', 'alipay:13812345678'],
    ['ＡＬＩＰＡＹ：１３８１２３４５６７８', 'alipay:13812345678'],
    ['Alipay Fraud@Example.COM', 'alipay:fraud@example.com'],
    ['微信支付:WXID_Abc123', 'wechatpay:wxid_abc123'],
    ['wechat pay: Foo_Bar', 'wechatpay:foo_bar'],
    ['WeChatPay:Foo_Bar', 'wechatpay:foo_bar'],
    ['财付通 abcdef', 'wechatpay:abcdef'],
    ['云闪付：8613812345678', 'unionpay:13812345678'],
    ['unionpay:6222 0200 1234 5678 901', 'unionpay:6222020012345678901'],
    ['京东支付:User@JD.com', 'jdpay:user@jd.com'],
    ['jd pay: jd_User01', 'jdpay:jd_User01'],
    ['PayPal: Alice@Example.COM', 'paypal:alice@example.com'],
    ['other:MixedCaseId', 'other:MixedCaseId'],
    ['alipay:\u200b138\u200b12345678', 'alipay:13812345678'],
  ];
  for (const [raw, want] of cases) {
    it(`${JSON.stringify(raw)} -> ${want}`, () => {
      const r = normalizePaymentAccount(raw);
      assert.equal(canonical(r), want);
      assert.ok(r.ok);
      assert.equal(`${r.info.scheme}:${r.info.id}`, want);
      assert.equal(canonical(normalizePaymentAccount(want)), want, 'idempotent');
    });
  }

  it('keeps case for ids of wallets other than WeChat Pay', () => {
    assert.equal(canonical(normalizePaymentAccount('alipay:AbC_123')), 'alipay:AbC_123');
    assert.equal(canonical(normalizePaymentAccount('wechatpay:AbC_123')), 'wechatpay:abc_123');
  });

  it('rejects a value without a scheme with PAYMENT_ACCOUNT_NO_SCHEME', () => {
    for (const raw of ['13812345678', 'fraud@example.com', '张三 6222020012345678901', 'wxid_abc123']) {
      assert.equal(code(normalizePaymentAccount(raw)), 'PAYMENT_ACCOUNT_NO_SCHEME', raw);
    }
  });

  it('rejects an unknown scheme with PAYMENT_ACCOUNT_UNKNOWN_SCHEME', () => {
    assert.equal(code(normalizePaymentAccount('venmo:alice')), 'PAYMENT_ACCOUNT_UNKNOWN_SCHEME');
  });

  it('rejects an empty value or id with PAYMENT_ACCOUNT_EMPTY', () => {
    assert.equal(code(normalizePaymentAccount('  ')), 'PAYMENT_ACCOUNT_EMPTY');
    assert.equal(code(normalizePaymentAccount('支付宝：')), 'PAYMENT_ACCOUNT_EMPTY');
  });

  it('rejects ids with white space, control characters or excess length with PAYMENT_ACCOUNT_INVALID_ID', () => {
    assert.equal(code(normalizePaymentAccount('paypal:alice bob')), 'PAYMENT_ACCOUNT_INVALID_ID');
    assert.equal(code(normalizePaymentAccount('alipay:abc\u0007def')), 'PAYMENT_ACCOUNT_INVALID_ID');
    assert.equal(code(normalizePaymentAccount(`alipay:${'a'.repeat(129)}`)), 'PAYMENT_ACCOUNT_INVALID_ID');
    assert.equal(code(normalizePaymentAccount(`alipay:${'1'.repeat(129)}`)), 'PAYMENT_ACCOUNT_INVALID_ID');
  });
});

describe('normalizeImAccount', () => {
  const cases: [string, string][] = [
    ['qq:123456789', 'qq:123456789'],
    ['QQ 123456', 'qq:123456'],
    ['qq号：123456', 'qq:123456'],
    ['QQ号码:10001', 'qq:10001'],
    ['QQ123456', 'qq:123456'],
    ['qq: 123456@qq.com', 'qq:123456'],
    ['qq:12345678901', 'qq:12345678901'],
    ['微信: abc_123', 'wechat:abc_123'],
    ['微信号：Abc-123', 'wechat:abc-123'],
    ['微信abc123', 'wechat:abc123'],
    ['VX abc123', 'wechat:abc123'],
    ['v信 abc123', 'wechat:abc123'],
    ['V信：abc123', 'wechat:abc123'],
    ['weixin:abcdef', 'wechat:abcdef'],
    ['威信 abcdef1', 'wechat:abcdef1'],
    ['wechat:wxid_abc123xyz', 'wechat:wxid_abc123xyz'],
    ['wx:WXID_4K2J9S8D7F6G5H', 'wechat:wxid_4k2j9s8d7f6g5h'],
    ['wxid_4k2j9s8d7f6g5h', 'wechat:wxid_4k2j9s8d7f6g5h'],
    ['微信同号 13812345678', 'wechat:13812345678'],
    ['微信：138 1234 5678', 'wechat:13812345678'],
    ['telegram:@Some_User', 'telegram:some_user'],
    ['TG https://t.me/Scam_Support', 'telegram:scam_support'],
    ['纸飞机 @scam_support', 'telegram:scam_support'],
    ['whatsapp:+1 (555) 123-4567', 'whatsapp:15551234567'],
    ['WhatsApp https://wa.me/8613812345678', 'whatsapp:8613812345678'],
    ['line:ABC.1234', 'line:abc.1234'],
    ['LINE @shop_01', 'line:@shop_01'],
  ];
  for (const [raw, want] of cases) {
    it(`${JSON.stringify(raw)} -> ${want}`, () => {
      const r = normalizeImAccount(raw);
      assert.equal(canonical(r), want);
      assert.equal(canonical(normalizeImAccount(want)), want, 'idempotent');
    });
  }

  it('reports scheme and id', () => {
    const r = normalizeImAccount('QQ 123456');
    assert.ok(r.ok);
    assert.deepEqual(r.info, { scheme: 'qq', id: '123456' });
  });

  it('rejects values without a known scheme with IM_ACCOUNT_UNKNOWN_SCHEME', () => {
    for (const raw of ['123456789', 'abc_123', 'skype:live:abc', 'wxabc123', '@scam_support']) {
      assert.equal(code(normalizeImAccount(raw)), 'IM_ACCOUNT_UNKNOWN_SCHEME', raw);
    }
  });

  it('rejects an empty value or id with IM_ACCOUNT_EMPTY', () => {
    assert.equal(code(normalizeImAccount('')), 'IM_ACCOUNT_EMPTY');
    assert.equal(code(normalizeImAccount('qq:')), 'IM_ACCOUNT_EMPTY');
  });

  it('rejects malformed ids with IM_ACCOUNT_INVALID_ID', () => {
    const bad = [
      'qq:012345', // leading 0
      'qq:1234', // too short
      'qq:123456789012', // too long
      'qq:12345a',
      'wechat:abc', // shorter than 6
      'wechat:1abcdef', // starts with a digit
      'wechat:abcdefghijklmnopqrstu', // 21 characters
      'wechat:abc.def',
      'telegram:abc', // shorter than 5
      'whatsapp:abc',
      'whatsapp:123',
      'line:ab',
    ];
    for (const raw of bad) assert.equal(code(normalizeImAccount(raw)), 'IM_ACCOUNT_INVALID_ID', raw);
  });
});
