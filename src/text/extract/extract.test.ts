import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../../indicators/index.js';
import { extractIndicators, type ExtractedIndicator } from './index.js';

/** [kind, canonical] of every indicator, after checking that each raw is the text at its offsets. */
function found(text: string): Array<[string, string]> {
  const list = extractIndicators(text);
  for (const f of list) assert.equal(text.slice(f.start, f.end), f.raw, `offsets of ${JSON.stringify(f)}`);
  return list.map((f) => [f.kind, f.canonical]);
}

function only(text: string, kind: string, canonical: string): void {
  assert.deepEqual(found(text), [[kind, canonical]], text);
}

function none(text: string): void {
  assert.deepEqual(found(text), [], text);
}

function first(text: string): ExtractedIndicator {
  const list = extractIndicators(text);
  assert.ok(list.length > 0, `nothing found in ${JSON.stringify(text)}`);
  return list[0];
}

describe('extractIndicators: basics', () => {
  it('returns nothing for an empty or indicator-free text', () => {
    none('');
    none('您好，明天下午三点开会，请准时参加。');
  });

  it('returns indicators in order of appearance with offsets into the original text', () => {
    const text = '请加微信 abc_123，或致电 138 1234 5678，登录 evil.com/a 领取';
    const list = extractIndicators(text);
    assert.deepEqual(
      list.map((f) => [f.kind, f.raw, f.canonical]),
      [
        ['im_account', 'abc_123', 'wechat:abc_123'],
        ['phone', '138 1234 5678', '+8613812345678'],
        ['url', 'evil.com/a', 'evil.com/a'],
      ],
    );
    for (const f of list) assert.equal(text.slice(f.start, f.end), f.raw);
  });

  it('gives canonical forms that the kind\'s normaliser maps to themselves', () => {
    const text =
      '加QQ 123456789，V信：wxid_abc123，电话+86 138-1234-5678，网址：【ｗｗｗ．ｅｖｉｌ．ｃｏｍ】/a，卡号6222 0212 3456 7890 123，' +
      '支付宝账号：13912345678，USDT地址 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t，下载“会讯通”';
    const list = extractIndicators(text);
    assert.equal(list.length, 8);
    for (const f of list) {
      const again = normalize(f.kind, f.canonical);
      assert.ok(again.ok, `${f.kind} ${f.canonical}`);
      assert.equal(again.canonical, f.canonical);
    }
  });

  it('keeps the first of several spellings of one indicator', () => {
    const list = extractIndicators('电话13812345678，再说一遍：138-1234-5678，网址 evil.com 和 EVIL.COM');
    assert.deepEqual(
      list.map((f) => [f.kind, f.raw]),
      [
        ['phone', '13812345678'],
        ['url', 'evil.com'],
      ],
    );
  });
});

describe('extractIndicators: URLs', () => {
  it('finds a URL with a scheme and stops at the space', () => {
    const f = first('点击 https://evil.example/login?id=1 领取');
    assert.deepEqual(
      [f.kind, f.raw, f.canonical],
      ['url', 'https://evil.example/login?id=1', 'evil.example/login?id=1'],
    );
  });

  it('finds URLs without a scheme', () => {
    only('登录 evil-bank.top/verify 验证', 'url', 'evil-bank.top/verify');
    only('www.abc-loan.cn', 'url', 'www.abc-loan.cn/');
    only('请访问boc-jf.cc兑换积分', 'url', 'boc-jf.cc/');
  });

  it('reads full-width spellings behind full-width punctuation and brackets', () => {
    const text = '网址：【ｗｗｗ．ｅｖｉｌ．ｃｏｍ】';
    const f = first(text);
    assert.deepEqual([f.kind, f.canonical, f.raw], ['url', 'www.evil.com/', 'ｗｗｗ．ｅｖｉｌ．ｃｏｍ']);
    assert.equal(text.slice(f.start, f.end), 'ｗｗｗ．ｅｖｉｌ．ｃｏｍ');
    only('（evil.com/a）', 'url', 'evil.com/a');
    only('链接:evil.com。', 'url', 'evil.com/');
  });

  it('undoes spaces and junk inserted into the domain', () => {
    for (const text of ['e v i l . c o m', 'evil . com', 'evil[.]com', 'evil(dot)com', 'evil。com', '打开 evil点com']) {
      only(text, 'url', 'evil.com/');
    }
    const f = first('网址 e v i l . c o m 速领');
    assert.equal(f.raw, 'e v i l . c o m');
  });

  it('ends the path at the first CJK character and drops trailing punctuation', () => {
    only('evil.com/x领取', 'url', 'evil.com/x');
    for (const text of ['evil.com/a.', 'evil.com/a，', 'evil.com/a。', '(evil.com/a)', '“evil.com/a”']) {
      const f = first(text);
      assert.deepEqual([f.canonical, f.raw], ['evil.com/a', 'evil.com/a'], text);
    }
  });

  it('does not read decimals, versions, file names or abbreviations as domains', () => {
    none('收益是本金的1.5倍');
    none('请升级到 v2.3.1 版本');
    none('附件：报告.docx，另见 report.docx 和 readme.md');
    none('圆周率约等于3.14');
    none('e.g. 例如 i.e. 即');
    none('Mr.Li 和 Dr.Wang 都到了');
    none('1.App下载 2.Name登记');
  });

  it('accepts an unusual host when a scheme says it is a URL, and IPs only with a scheme or path', () => {
    only('http://10.0.0.1:8080/x', 'url', '10.0.0.1:8080/x');
    none('IP 是 192.168.1.1');
    only('hxxps://evil[.]top/path', 'url', 'evil.top/path');
  });

  it('does not take the domain of an e-mail address as a URL', () => {
    none('邮箱 someone@evil.com');
  });
});

describe('extractIndicators: phone numbers', () => {
  it('finds mobile numbers however they are grouped', () => {
    for (const text of [
      '138 1234 5678',
      '138-1234-5678',
      '+86 13812345678',
      '+86-138-1234-5678',
      '0086 13812345678',
      '电话：13812345678，速回',
    ]) {
      only(text, 'phone', '+8613812345678');
    }
  });

  it('finds fixed-line and 400 numbers with their area code', () => {
    const f = first('（010）6552 1234');
    assert.deepEqual([f.kind, f.canonical, f.raw], ['phone', '+861065521234', '（010）6552 1234']);
    only('010-65521234', 'phone', '+861065521234');
    only('0755-8888-8888', 'phone', '+8675588888888');
    only('400-810-8888', 'phone', '+864008108888');
  });

  it('reads full-width, Chinese, separated and circled digits', () => {
    only('１３８１２３４５６７８', 'phone', '+8613812345678');
    const f = first('回电一三八一二三四五六七八');
    assert.deepEqual([f.canonical, f.raw], ['+8613812345678', '一三八一二三四五六七八']);
    only('1-3-8-1-2-3-4-5-6-7-8', 'phone', '+8613812345678');
    only('1 3 8 1 2 3 4 5 6 7 8', 'phone', '+8613812345678');
    only('①③⑧①②③④⑤⑥⑦⑧', 'phone', '+8613812345678');
    none('对于一二三四五种情况'); // a list in words, not a number
  });

  it('splits numbers written one after the other', () => {
    assert.deepEqual(found('13812345678 13912345678'), [
      ['phone', '+8613812345678'],
      ['phone', '+8613912345678'],
    ]);
    assert.deepEqual(found('138 1234 5678 139 1234 5678'), [
      ['phone', '+8613812345678'],
      ['phone', '+8613912345678'],
    ]);
    assert.deepEqual(found('13812345678/13912345678'), [
      ['phone', '+8613812345678'],
      ['phone', '+8613912345678'],
    ]);
  });

  it('takes no phone out of a longer digit run, a date, an amount or a verification code', () => {
    only('6222021234567890123', 'bank_card', '6222021234567890123');
    none('订单号 62220212345678901234567');
    none('2024-05-01');
    none('2024-05-01 13:00 开会');
    none('50000元');
    none('10000元');
    none('验证码123456');
    none('验证码：95588，请勿泄露');
    none('版本号 v13812345678');
  });

  it('takes five-digit service numbers only where they are called or stand alone', () => {
    only('95588', 'phone', '+8695588');
    only('请拨打95588', 'phone', '+8695588');
    only('拨打10086查询', 'phone', '+8610086');
    only('12345热线', 'phone', '+8612345');
    only('反诈专线96110', 'phone', '+8696110');
    none('转账12000');
    none('月薪12000');
    none('工号12345');
    none('今天达到10000');
    none('95588 1234'); // part of a longer run
    none('邮编 50000');
  });
});

describe('extractIndicators: bank cards', () => {
  it('finds 16-19 digit cards with or without spaces', () => {
    const f = first('6222 0212 3456 7890 123');
    assert.deepEqual([f.kind, f.canonical, f.raw], ['bank_card', '6222021234567890123', '6222 0212 3456 7890 123']);
    only('卡号6222021234567890123', 'bank_card', '6222021234567890123');
    only('账号：6222-0212-3456-7890-123，户名张三', 'bank_card', '6222021234567890123');
  });

  it('needs a BIN match, a Luhn-valid card number or a word saying it is an account', () => {
    none('1234567890123456'); // no BIN, fails Luhn, no keyword
    only('卡号 1234567890123456', 'bank_card', '1234567890123456');
    only('4111111111111111', 'bank_card', '4111111111111111'); // Luhn-valid
    only('收款账号 622202123456', 'bank_card', '622202123456'); // a 12-digit account number, with a keyword
    none('622202123456');
  });

  it('does not take a resident ID number or an order number as a card', () => {
    none('身份证110105194912310021');
    none('110105194912310021');
    none('订单855005361-20140306-123892546');
  });
});

describe('extractIndicators: QQ, WeChat and other accounts', () => {
  it('finds QQ numbers and groups', () => {
    only('加QQ 123456789', 'im_account', 'qq:123456789');
    only('qq:123456', 'im_account', 'qq:123456');
    only('QQ123456789', 'im_account', 'qq:123456789');
    only('Q群 123456789', 'im_account', 'qq:123456789');
    only('扣扣：87654321', 'im_account', 'qq:87654321');
    const f = first('加QQ 123456789');
    assert.equal(f.raw, '123456789');
  });

  it('takes a number after a QQ keyword as the QQ account, not also as a phone', () => {
    only('QQ 13812345678', 'im_account', 'qq:13812345678');
  });

  it('finds WeChat ids behind keywords, homophones and split keywords', () => {
    only('加微信 abc_123', 'im_account', 'wechat:abc_123');
    only('V信：wxid_abc123', 'im_account', 'wechat:wxid_abc123');
    only('薇信 abc123', 'im_account', 'wechat:abc123');
    only('威信abc1234', 'im_account', 'wechat:abc1234');
    only('VX: abc123', 'im_account', 'wechat:abc123');
    only('加 微 信 abc123', 'im_account', 'wechat:abc123');
    only('微信号是abc123', 'im_account', 'wechat:abc123');
    only('微信号：ＡＢＣ１２３', 'im_account', 'wechat:abc123');
    only('wxid_abcdefgh123 已加你', 'im_account', 'wechat:wxid_abcdefgh123');
    none('加微信领取');
    none('微信支付');
    none('wxabc123'); // an ASCII keyword does not run into the id
  });

  it('reports a number marked 微信同号 as both the phone and the WeChat account', () => {
    assert.deepEqual(found('电话13812345678（微信同号）'), [
      ['phone', '+8613812345678'],
      ['im_account', 'wechat:13812345678'],
    ]);
  });

  it('finds Telegram usernames and Alipay accounts', () => {
    only('快加纸飞机 @scam_bot88 领取', 'im_account', 'telegram:scam_bot88');
    only('支付宝账号：13812345678', 'payment_account', 'alipay:13812345678');
    only('支付宝账号 zhang.san@example.com', 'payment_account', 'alipay:zhang.san@example.com');
  });
});

describe('extractIndicators: crypto addresses', () => {
  it('finds TRON and EVM addresses', () => {
    only('USDT地址 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t 请转入', 'crypto_address', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    const evm = '0x52908400098527886E0F7030069857D2E4169EE7';
    only(`打到 ${evm}`, 'crypto_address', evm.toLowerCase());
  });

  it('takes a Bitcoin-shaped token only when its checksum holds', () => {
    only('比特币地址 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'crypto_address', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    none('编码 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb');
  });
});

describe('extractIndicators: apps', () => {
  it('finds an app the text says to download', () => {
    only('请下载一个名为“会讯通”的软件', 'app', 'name:会讯通');
    only('首先下载云闪付APP，然后', 'app', 'name:云闪付');
    only('请下载“上课宝云课堂APP”', 'app', 'name:上课宝云课堂');
    const f = first('请下载一个名为“会讯通”的软件');
    assert.equal(f.raw, '会讯通');
  });

  it('does not take filler words for an app name', () => {
    none('下载APP');
    none('请下载我们的官方APP');
    none('下载一个聊天软件');
    none('下载这两个正规软件');
  });
});

describe('extractIndicators: long messages', () => {
  it('finds all ten indicators in a 3,000-character narrative', () => {
    // Filler with the usual traps: dates, amounts, decimals, versions, codes, file names, order numbers.
    const filler = [
      '2024年5月1日下午3点左右，受害人接到一个自称快递客服的电话，说包裹丢失要理赔。',
      '对方称理赔金额为1.5倍，即300元，需要先在平台上完成认证。',
      '受害人按要求操作，期间收到验证码123456，对方让其报出验证码。',
      '对方又说系统版本v2.3.1需要升级，发来一个名为说明.docx的文件。',
      '订单号 20240501123456，受害人信以为真，先后转账50000元和12000元。',
      '事后受害人于2024-05-02到派出所报案，损失共计62000元，约合3.14万的两倍。',
    ].join('');
    const indicators = [
      ['对方留下的手机号是 138 1234 5678。', 'phone', '+8613812345678'],
      ['又让其拨打（010）6552 1234 核实。', 'phone', '+861065521234'],
      ['要求登录 https://evil.example/claim?id=9 填写信息。', 'url', 'evil.example/claim?id=9'],
      ['还发来网址：【ｗｗｗ．ｌｏａｎ－ｆａｓｔ．ｔｏｐ】。', 'url', 'www.loan-fast.top/'],
      ['让把钱转到卡号 6222 0212 3456 7890 123。', 'bank_card', '6222021234567890123'],
      ['并加了对方QQ 987654321。', 'im_account', 'qq:987654321'],
      ['又让加薇信 kefu_888 联系“专员”。', 'im_account', 'wechat:kefu_888'],
      ['还提供了支付宝账号：13912345678。', 'payment_account', 'alipay:13912345678'],
      ['最后要求转USDT到 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t。', 'crypto_address', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
      ['并声称可拨打客服4008108888退款。', 'phone', '+864008108888'],
    ];
    let text = '';
    let k = 0;
    while (text.length < 3000) {
      text += filler;
      if (k < indicators.length) text += indicators[k++][0];
    }
    while (k < indicators.length) text += indicators[k++][0];
    assert.ok(text.length >= 3000, `text is ${text.length} characters`);
    assert.deepEqual(
      found(text),
      indicators.map(([, kind, canonical]) => [kind, canonical]),
    );
  });
});
