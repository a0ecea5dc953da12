import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Warning } from '../domain/warning.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import { openStore, type Store } from '../store/index.js';
import type { ScreeningEngine } from './engine.js';
import { RecentContacts } from './contact-leads.js';
import { MoneyFlows } from './money-flows.js';
import { MIN, T0, catalogWith, iso, newEngine, wire } from './testing.js';

const HOUR = 60 * MIN;
const MULE = '6222 0212 3456 7890 128';
const MULE_NEXT = ['6217 0000 9999 1111 222', '6217 0000 9999 1111 333'];

function run(engine: ScreeningEngine, events: Array<Record<string, unknown>>): Warning[] {
  const out = new Map<string, Warning>();
  for (const e of wire(events)) for (const c of engine.process(e)) out.set(c.warning.id, c.warning);
  return [...out.values()];
}

const pay = (id: string, ts: number, from: string, to: string, fen: number, phone: string | null = null) => ({
  id, type: 'transfer', ts: iso(ts), fromAccount: from, toAccount: to, amountFen: fen, channel: 'mobile_banking', ...(phone ? { payerPhone: phone } : {}),
});

describe('money flows: pass-through', () => {
  it('takes an account that forwards an inflow within the hour, split or whole, for a mule', () => {
    const flows = new MoneyFlows();
    assert.equal(flows.transfer('victim', 'mule', 500_000, T0, '+8613800000001', true), null);
    assert.equal(flows.transfer('mule', 'next1', 200_000, T0 + 3 * MIN, 'account:mule', true), null, '40% passed on is not yet pass-through');
    assert.deepEqual(flows.transfer('mule', 'next2', 260_000, T0 + 9 * MIN, 'account:mule', true), ['+8613800000001'], 'the payers of the hour are returned once');
    assert.equal(flows.isMule('mule', T0 + 9 * MIN), true);
    assert.equal(flows.isMule('mule', T0 + 8 * MIN), false, 'not before it was seen');
  });

  it('does not take a person who spends part of a payment, pays more than they got, or pays on hours later', () => {
    const flows = new MoneyFlows();
    flows.transfer('parent', 'student', 300_000, T0, '+8613800000002', true);
    flows.transfer('student', 'shop', 45_000, T0 + 20 * MIN, '+8613800000003', true);
    flows.transfer('student', 'landlord', 320_000, T0 + 30 * MIN, '+8613800000003', true);
    flows.transfer('company', 'worker', 650_000, T0, 'account:company', true);
    flows.transfer('worker', 'landlord', 640_000, T0 + 3 * HOUR, '+8613800000004', true);
    assert.equal(flows.isMule('student', T0 + HOUR), false);
    assert.equal(flows.isMule('worker', T0 + 4 * HOUR), false);
  });
});

describe('recent contacts', () => {
  it('gives one person\'s new contacts of a time span, across growth and after the ring wraps', () => {
    const ring = new RecentContacts(1 << 15);
    let a = -1;
    let b = -1;
    for (let i = 0; i < 40_000; i++) {
      if (i % 1000 === 0) a = ring.add(1, 100 + i / 1000, T0 + i * 1000, a);
      else b = ring.add(2, i, T0 + i * 1000, b);
    }
    assert.deepEqual(ring.of(1, a, T0 + 35_000_000, T0 + 40_000_000), [139, 138, 137, 136, 135]);
    assert.equal(ring.of(1, a, T0, T0 + 40_000_000).length, 32, 'the 8 entered before the oldest 7,232 were overwritten');
    assert.deepEqual(ring.of(2, b, T0 + 39_998_000, T0 + 40_000_000), [39999, 39998]);
  });
});

describe('screening from the payee side', () => {
  let store: Store;
  let catalog: IndicatorCatalog;
  before(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    catalog = await catalogWith(store, []);
  });
  after(() => store.close());

  // A first victim: an SMS from a stranger's mobile, a site, then a payment to a card that passes it on at once.
  const firstVictim = (gangPhone: string, site: string) => [
    { id: 's1', type: 'sms', ts: iso(T0), from: gangPhone, to: '139 0000 0001', text: `您好，您预订的演唱会门票已锁定，请在30分钟内支付3300元完成购票：https://${site}/refund/1` },
    { id: 'w1', type: 'web', ts: iso(T0 + 5 * MIN), subscriber: '139 0000 0001', url: `https://${site}/m/1` },
    pay('t1', T0 + 40 * MIN, '6217 0000 1000 2345 678', MULE, 480_000, '139 0000 0001'),
    pay('h1', T0 + 44 * MIN, MULE, MULE_NEXT[0], 200_000),
    pay('h2', T0 + 47 * MIN, MULE, MULE_NEXT[1], 280_000),
  ];

  it('warns the next person texted by the number a mule\'s earlier payer was texted by, before they pay', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      ...firstVictim('170 4461 8505', 'tejia-shop1.cn'),
      { id: 's2', type: 'sms', ts: iso(T0 + 5 * HOUR), from: '170 4461 8505', to: '139 0000 0002', text: '您好，您预订的演唱会门票已锁定，请在30分钟内支付1750元完成购票：https://haohuo184.icu/#/login' },
    ]);
    const w = warnings.filter((x) => x.person === '+8613900000002');
    assert.equal(w.length, 1);
    assert.equal(w[0].typology, 'other.mule_lead');
    assert.deepEqual(w[0].events, ['s2']);
    assert.equal(w[0].raisedAt, T0 + 5 * HOUR);
  });

  it('warns the next person added by the IM account a mule\'s earlier payer had just added, at the add', () => {
    const engine = newEngine(catalog);
    const add = (id: string, ts: number, who: string, contact: string) => ({ id, type: 'app', ts: iso(ts), subscriber: who, app: 'com.tencent.mm', action: 'contact_add', contact });
    const warnings = run(engine, [
      add('m0', T0 - 10 * MIN, '139 0000 0001', 'wechat:wxid_shop0000001'),
      add('m1', T0 - 5 * MIN, '139 0000 0001', 'wechat:wxid_gang0000001'),
      ...firstVictim('170 4461 8509', 'tejia-shop5.cn'),
      add('m2', T0 + 5 * HOUR, '139 0000 0008', 'wechat:wxid_gang0000001'),
    ]);
    const w = warnings.filter((x) => x.person === '+8613900000008');
    assert.equal(w.length, 1);
    assert.deepEqual(w[0].events, ['m2']);
    assert.equal(w[0].evidence[0].signal, 'im_mule_lead');
    // A shop's account the victim also added that day is learned too, but 50 others who add it make it a business.
    const shop = run(engine, [
      ...Array.from({ length: 50 }, (_, i) => add(`k${i}`, T0 + 6 * HOUR + i * MIN, `139 0001 ${String(1000 + i)}`, 'wechat:wxid_shop0000001')),
      add('k99', T0 + 8 * HOUR, '139 0000 0009', 'wechat:wxid_shop0000001'),
    ]);
    assert.deepEqual(shop.filter((x) => x.person === '+8613900000009'), []);
  });

  it('needs two earlier victims for a site or a caller to warn alone, and never warns on the contact of a shop that half the city uses', () => {
    const engine = newEngine(catalog);
    const visit = (id: string, ts: number, who: string, site: string) => ({ id, type: 'web', ts: iso(ts), subscriber: who, url: `https://${site}/` });
    const one = run(engine, [...firstVictim('170 4461 8506', 'tejia-shop2.cn'), visit('w2', T0 + 5 * HOUR, '139 0000 0003', 'tejia-shop2.cn')]);
    assert.deepEqual(one.filter((x) => x.person === '+8613900000003'), [], 'one earlier victim: the site alone is not enough');
    // A second victim of the same site pays the same mule (now known to pass money on).
    const two = run(engine, [
      visit('w3', T0 + 6 * HOUR, '139 0000 0004', 'tejia-shop2.cn'),
      pay('t4', T0 + 6 * HOUR + 30 * MIN, '6217 0000 1000 2345 999', MULE, 300_000, '139 0000 0004'),
      visit('w5', T0 + 8 * HOUR, '139 0000 0005', 'tejia-shop2.cn'),
    ]);
    const w = two.filter((x) => x.person === '+8613900000005');
    assert.equal(w.length, 1, 'two earlier victims: the site warns');
    assert.deepEqual(w[0].events, ['w5']);
  });

  it('warns the next person sent the same message from another of the gang\'s numbers, and not on a short or different one', () => {
    const engine = newEngine(catalog);
    const text = '我换号了，这是我新号码，明天到你单位找你有点事，先存一下';
    const sms = (id: string, ts: number, from: string, to: string, body: string) => ({ id, type: 'sms', ts: iso(ts), from, to, text: body });
    const warnings = run(engine, [
      sms('s1', T0, '170 4461 8520', '139 0000 0201', text),
      pay('t1', T0 + 2 * HOUR, '6217 0000 1000 2345 701', MULE, 900_000, '139 0000 0201'),
      pay('h1', T0 + 2 * HOUR + 4 * MIN, MULE, MULE_NEXT[0], 450_000),
      pay('h2', T0 + 2 * HOUR + 6 * MIN, MULE, MULE_NEXT[1], 440_000),
      sms('s2', T0 + 20 * HOUR, '165 2231 0917', '139 0000 0202', text),
      sms('s3', T0 + 21 * HOUR, '165 2231 0918', '139 0000 0203', '我换号了，这是我的新号码，周末一起吃饭吧，先存一下'),
    ]);
    const w = warnings.filter((x) => x.person === '+8613900000202');
    assert.equal(w.length, 1);
    assert.equal(w[0].typology, 'other.mule_lead');
    assert.deepEqual(w[0].events, ['s2']);
    assert.match(w[0].evidence[0].detail, /收到内容相同的短信后/);
    assert.deepEqual(warnings.filter((x) => x.person === '+8613900000203'), [], 'another text from a stranger is no lead');
  });

  it('learns the site a stranger\'s SMS linked to, even when the victim went to another of the gang\'s sites', () => {
    const engine = newEngine(catalog);
    const victim = (n: number, at: number) => [
      { id: `s${n}`, type: 'sms', ts: iso(at), from: `170 4461 85${10 + n}`, to: `139 0000 01${10 + n}`, text: `【清仓特卖】苹果17Pro全新国行仅售5150元：https://zz-danbao-hrs.top/m/${n}` },
      { id: `w${n}`, type: 'web', ts: iso(at + MIN), subscriber: `139 0000 01${10 + n}`, url: 'https://iphone-tejia-mmq.xyz/' },
      pay(`t${n}`, at + 30 * MIN, `6217 0000 1000 2345 ${600 + n}`, MULE, 480_000, `139 0000 01${10 + n}`),
      pay(`h${n}`, at + 34 * MIN, MULE, MULE_NEXT[n % 2], 475_000),
    ];
    const warnings = run(engine, [
      ...victim(1, T0),
      ...victim(2, T0 + 3 * HOUR),
      { id: 'w9', type: 'web', ts: iso(T0 + 6 * HOUR), subscriber: '139 0000 0199', url: 'http://zz-danbao-hrs.top/refund/01483828' },
    ]);
    const w = warnings.filter((x) => x.person === '+8613900000199');
    assert.equal(w.length, 1);
    assert.deepEqual(w[0].events, ['w9']);
  });

  it('does not learn service numbers or bulk senders: the bank\'s SMS a victim got before paying warns no one', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'b1', type: 'sms', ts: iso(T0 - MIN), from: '+8695338', to: '139 0000 0001', text: '【某银行】您的信用卡账单已出' },
      ...firstVictim('170 4461 8507', 'tejia-shop3.cn'),
      { id: 'b2', type: 'sms', ts: iso(T0 + 5 * HOUR), from: '+8695338', to: '139 0000 0006', text: '【某银行】您的信用卡账单已出' },
    ]);
    assert.deepEqual(warnings.filter((x) => x.person === '+8613900000006'), []);
  });

  it('warns a person who receives a "commission" from an account seen passing money on, before they pay anything', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      // The person's card is known to be theirs from an earlier payment.
      pay('p0', T0 - 24 * HOUR, '6217 0000 5555 6666 777', 'alipay:2088000011112222', 3_500, '139 0000 0007'),
      ...firstVictim('170 4461 8508', 'tejia-shop4.cn'),
      pay('r1', T0 + 2 * HOUR, MULE, '6217 0000 5555 6666 777', 4_100),
    ]);
    const w = warnings.filter((x) => x.person === '+8613900000007');
    assert.equal(w.length, 1);
    assert.equal(w[0].fraudType, 'task_rebate');
    assert.deepEqual(w[0].events, ['r1']);
  });
});
