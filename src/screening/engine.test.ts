import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FRAUD_TYPE_CODES } from '../domain/fraud-type.js';
import type { Warning } from '../domain/warning.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import { openStore, type Store } from '../store/index.js';
import type { ScreeningEngine } from './engine.js';
import { readRulebook } from './rulebook.js';
import { MIN, T0, catalogWith, iso, newEngine, testConfig, wire } from './testing.js';

const VICTIM = '138 1234 5678';
const MULE_CARD = '6222 0212 3456 7890 128';

function run(engine: ScreeningEngine, events: Array<Record<string, unknown>>): Warning[] {
  const out = new Map<string, Warning>();
  for (const e of wire(events)) for (const c of engine.process(e)) out.set(c.warning.id, c.warning);
  return [...out.values()];
}

describe('screening engine', () => {
  let store: Store;
  let catalog: IndicatorCatalog;
  before(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    catalog = await catalogWith(store, [
      { kind: 'bank_card', value: MULE_CARD, fraudTypes: ['impersonate_authority'] },
      { kind: 'domain', value: 'loan-fast.top', fraudTypes: ['fake_loan'] },
      { kind: 'im_account', value: 'wechat:wxid_boss00001', fraudTypes: ['impersonate_acquaintance'] },
    ]);
  });
  after(() => store.close());

  describe('new IM contacts (contact_add)', () => {
    const add = (id: string, at: number, flags: string[], contact = `wechat:wxid_${id}x7k2m9`) => ({ id, type: 'app', ts: iso(at), subscriber: VICTIM, app: 'com.tencent.mm', action: 'contact_add', contact, flags });
    const brief = (id: string, at: number) => ({ id, type: 'call', ts: iso(at), from: '171 2345 6789', to: VICTIM, durationSec: 40 });
    const payBoss = (id: string, at: number, amountFen = 3_000_000) => ({ id, type: 'transfer', ts: iso(at), fromAccount: '6217 0000 1000 2345 678', toAccount: '6230 5800 0012 3456 789', amountFen, channel: 'mobile_banking', payerPhone: VICTIM });

    it('warns of a fake boss before the transfer: a contact copying a friend\'s name, then a brief call from a new number', () => {
      const warnings = run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact']), brief('c1', T0 + 25 * MIN), payBoss('t1', T0 + 31 * MIN)]);
      assert.equal(warnings.length, 1);
      const [w] = warnings;
      assert.equal(w.typology, 'impersonate_acquaintance.urgent');
      assert.equal(w.raisedAt, T0 + 25 * MIN, 'raised at the call, before the money leaves');
      assert.deepEqual(w.evidence.map((x) => x.signal).slice(0, 2), ['im_impersonation', 'call_brief_unknown']);
      assert.match(w.evidence[0].detail, /昵称、头像相同/);
    });

    it('does not warn on a copied name alone, nor when the call comes hours later, nor on a small payment that follows', () => {
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact', 'new_account'])]), [], 'a friend\'s new second account looks the same');
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact']), brief('c1', T0 + 3 * 60 * MIN)]), []);
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact', 'new_account']), payBoss('t1', T0 + 40 * MIN, 300_000)]), []);
      const large = run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact', 'new_account']), payBoss('t1', T0 + 40 * MIN)]);
      assert.equal(large[0]?.raisedAt, T0 + 40 * MIN, 'a first large payment to a new payee after it: at the transfer, for the bank to hold');
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['new_account']), brief('c1', T0 + 10 * MIN)]), [], 'a new account alone is no sign');
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['overseas']), brief('c1', T0 + 10 * MIN)]), [], 'nor a friend abroad');
    });

    it('warns at the brief call after a contact both new and abroad, though it copies no name', () => {
      assert.deepEqual(run(newEngine(catalog), [add('m1', T0, ['new_account', 'overseas'])]), [], 'not at the add');
      const warnings = run(newEngine(catalog), [add('m1', T0, ['new_account', 'overseas']), brief('c1', T0 + 10 * MIN)]);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].raisedAt, T0 + 10 * MIN);
      assert.deepEqual(warnings[0].evidence.map((x) => x.signal).slice(0, 2), ['im_risky_contact', 'call_brief_unknown']);
    });

    it('gives a new scam its own warning once the story of the open warning is over', () => {
      const taskAd = { id: 's1', type: 'sms', ts: iso(T0), from: '165 2916 9087', to: VICTIM, text: '【兼职招募】在家动动手指，点赞关注就能日结200-500元，宝妈学生均可，名额有限，加QQ173737115领取任务' };
      const boss = (at: number) => [add('m1', at, ['same_name_as_contact']), brief('c1', at + 25 * MIN)];
      const nextDay = run(newEngine(catalog), [taskAd, ...boss(T0 + 30 * 60 * MIN)]);
      assert.deepEqual(nextDay.map((w) => w.typology), ['other.fraud_text', 'impersonate_acquaintance.urgent']);
      assert.equal(nextDay[1].raisedAt, T0 + 30 * 60 * MIN + 25 * MIN, 'raised, not folded into yesterday\'s warning');
      const sameDay = run(newEngine(catalog), [taskAd, ...boss(T0 + 5 * 60 * MIN)]);
      assert.equal(sameDay.length, 1, 'while the text\'s story is live, the open warning is upgraded');
      assert.equal(sameDay[0].typology, 'impersonate_acquaintance.urgent');
    });

    it('warns at the add itself when the account copying a friend\'s name is also run from abroad, or is a reported one', () => {
      const abroad = run(newEngine(catalog), [add('m1', T0, ['same_name_as_contact', 'overseas'])]);
      assert.equal(abroad.length, 1);
      assert.equal(abroad[0].raisedAt, T0);
      const reported = run(newEngine(catalog), [add('m2', T0, [], 'WeChat:WXID_Boss00001')]);
      assert.equal(reported.length, 1, 'the contact is looked up in its canonical form');
      assert.equal(reported[0].fraudType, 'impersonate_acquaintance');
      assert.equal(reported[0].evidence[0].signal, 'im_indicator');
      assert.deepEqual(reported[0].evidence[0].indicator, { kind: 'im_account', value: 'wechat:wxid_boss00001' });
    });
  });

  it('has a typology for every fraud type, and the shipped file compiles', () => {
    const rb = readRulebook(testConfig.FANZHA_TYPOLOGIES);
    for (const type of FRAUD_TYPE_CODES) assert.ok(rb.typologies.some((t) => t.fraudType === type), type);
  });

  it('follows a fake customer-service episode: one warning, upgraded from level 3 to 1 before the money leaves twice', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'c1', type: 'call', ts: iso(T0), from: '+852 9558 8123', to: VICTIM, durationSec: 1500 },
      { id: 'a1', type: 'app', ts: iso(T0 + 12 * MIN), subscriber: VICTIM, app: '腾讯会议', action: 'screen_share_start' },
      { id: 't1', type: 'transfer', ts: iso(T0 + 30 * MIN), fromAccount: '6217 0000 1000 2345 678', toAccount: '6230 5800 0012 3456 789', amountFen: 4_980_000, channel: 'mobile_banking', payerPhone: VICTIM },
    ]);
    assert.equal(warnings.length, 1);
    const [w] = warnings;
    assert.equal(w.kind, 'person');
    assert.equal(w.person, '+8613812345678');
    assert.equal(w.fraudType, 'fake_customer_service');
    assert.equal(w.raisedAt, T0, 'raised at the event time of the call, not the wall clock');
    assert.deepEqual(w.history.map((h) => h.level), [3, 2, 1]);
    assert.equal(w.level, 1);
    assert.deepEqual(w.events, ['c1', 'a1', 't1']);
    assert.ok(w.evidence.every((x) => x.weight > 0 && x.detail.length > 0 && x.typology === w.typology));
    assert.match(w.action, /见面劝阻/);
  });

  it('catches the same episode from a domestic SIM-farm number: a long call with a stranger, a remote app installed during it', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'c1', type: 'call', ts: iso(T0), from: '130 1537 7295', to: VICTIM, durationSec: 1640 },
      { id: 'a1', type: 'app', ts: iso(T0 + 3 * MIN), subscriber: VICTIM, app: 'com.oray.sunloginclient', action: 'install' },
      { id: 'a2', type: 'app', ts: iso(T0 + 4 * MIN), subscriber: VICTIM, app: 'com.oray.sunloginclient', action: 'screen_share_start' },
    ]);
    assert.equal(warnings.length, 1, 'warned before any transfer');
    assert.equal(warnings[0].fraudType, 'fake_customer_service');
    assert.deepEqual(warnings[0].events, ['c1', 'a1']);
  });

  it('starts an episode over when a stale weak start holds it: a call abroad yesterday does not shut out today\'s scam call', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      // A relative abroad, 13 hours earlier: opens the customer-service typology weakly; its next step times out after 3 h.
      { id: 'c0', type: 'call', ts: iso(T0 - 13 * 60 * MIN), from: VICTIM, to: '+44 7477 539990', durationSec: 103 },
      { id: 'c1', type: 'call', ts: iso(T0), from: '130 1537 2754', to: VICTIM, durationSec: 4033 },
      { id: 'a1', type: 'app', ts: iso(T0 + 2 * MIN), subscriber: VICTIM, app: 'com.tencent.wemeet.app', action: 'install' },
    ]);
    assert.equal(warnings.length, 1, 'warned at the remote app, before any transfer');
    assert.equal(warnings[0].fraudType, 'fake_customer_service');
    assert.deepEqual(warnings[0].events, ['c1', 'a1']);
  });

  it('screens a call between two mobiles as the caller\'s too: the victim rings back the number a scam SMS gave, then shares the screen', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '165 1164 0433', to: VICTIM, text: '尊敬的用户，您的学生账户未注销将影响征信，请于今日内联系13015371654办理关闭' },
      { id: 'c1', type: 'call', ts: iso(T0 + 30 * MIN), from: VICTIM, to: '130 1537 1654', durationSec: 4200 },
      { id: 'a1', type: 'app', ts: iso(T0 + 33 * MIN), subscriber: VICTIM, app: 'com.tencent.wemeet.app', action: 'install' },
      { id: 'a2', type: 'app', ts: iso(T0 + 36 * MIN), subscriber: VICTIM, app: 'com.tencent.wemeet.app', action: 'screen_share_start' },
    ]);
    const mine = warnings.filter((w) => w.person === '+8613812345678');
    assert.equal(mine.length, 1, 'warned before any transfer');
    assert.deepEqual(mine[0].events.slice(0, 2), ['c1', 'a1']);
    assert.ok(mine[0].evidence.some((x) => x.signal === 'call_sms_number'));
  });

  it('does not read a call to a rider\'s privacy number, then a work meeting, as a scam from the caller\'s side', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'c1', type: 'call', ts: iso(T0), from: VICTIM, to: '170 1234 5678', durationSec: 700 },
      { id: 'a1', type: 'app', ts: iso(T0 + 15 * MIN), subscriber: VICTIM, app: 'com.tencent.wemeet.app', action: 'open' },
      { id: 'a2', type: 'app', ts: iso(T0 + 20 * MIN), subscriber: VICTIM, app: 'com.tencent.wemeet.app', action: 'screen_share_start' },
    ]);
    assert.deepEqual(warnings.filter((w) => w.person === '+8613812345678'), []);
  });

  it('reads a gambling advert the model scores under its threshold by its confident type, and warns at the site it leads to', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '+852 9551 0482', to: VICTIM, text: '【快乐8】首充送88%，日返水1.5%，真人视讯百家乐，提款秒到：https://bet365-cn343.club/download.html' },
      { id: 'w1', type: 'web', ts: iso(T0 + 40 * MIN), subscriber: VICTIM, url: 'https://amg-ylc-ahl.site/' },
    ]);
    assert.equal(warnings.length, 1, 'warned at the visit, before any payment');
    assert.equal(warnings[0].fraudType, 'other');
    assert.deepEqual(warnings[0].events, ['s1', 'w1']);
    assert.ok(warnings[0].evidence.some((x) => x.signal === 'sms_suspect_text'));
  });

  it('does not read a lender\'s advert as a suspect text: the loan typology does not use the typed-score signs', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '+86 10690 1234 5678', to: VICTIM, text: '【招联金融】尊敬的客户，您有一笔最高4万元借款额度待领取，年化利率低至7.2%，详询官方APP。拒收请回复R' },
      { id: 'w1', type: 'web', ts: iso(T0 + 40 * MIN), subscriber: VICTIM, url: 'https://xiehui739.xyz/' },
      { id: 'c1', type: 'call', ts: iso(T0 + 60 * MIN), from: '+86 170 1234 5678', to: VICTIM, durationSec: 300 },
      { id: 't1', type: 'transfer', ts: iso(T0 + 90 * MIN), fromAccount: '6217 0000 1000 2345 678', toAccount: '6230 5800 0099 8877 665', amountFen: 300_000, channel: 'mobile_banking', payerPhone: VICTIM },
    ]);
    assert.deepEqual(warnings.filter((w) => w.kind === 'person'), []);
  });

  it('warns on a stranger\'s text asking for money as an old friend, before any transfer; a mere "new number" text warns no one', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '198 6201 6769', to: VICTIM, text: '老同学，我是李伟，在外面办事急需周转，方便先借11000元吗，明天一早就还你' },
      { id: 's2', type: 'sms', ts: iso(T0), from: '157 5950 6125', to: '139 0000 0009', text: '我换号了，这是我新号码，明天到你单位找你有点事，先存一下' },
    ]);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].person, '+8613812345678');
    assert.equal(warnings[0].fraudType, 'impersonate_acquaintance');
    assert.deepEqual(warnings[0].events, ['s1']);
  });

  it('warns on a text the model is sure is fraud, of any type, by itself; a bank\'s anti-fraud reminder (read as fraud, less sure) does not', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '165 2916 9087', to: VICTIM, text: '【兼职招募】在家动动手指，点赞关注就能日结200-500元，宝妈学生均可，名额有限，加QQ173737115领取任务' },
      { id: 's2', type: 'sms', ts: iso(T0), from: '+8695533', to: '139 0000 0010', text: '【建设银行】温馨提示：本行不会以任何理由要求您转账到“安全账户”，请谨防电信诈骗。' },
    ]);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].person, '+8613812345678');
    assert.equal(warnings[0].typology, 'other.fraud_text');
    assert.equal(warnings[0].level, 3);
  });

  it('does not warn on ordinary life: a work meeting with screen sharing, a known caller, a night transfer to a new payee', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'c0', type: 'call', ts: iso(T0 - 26 * 60 * MIN), from: '139 0000 1111', to: VICTIM, durationSec: 300 },
      { id: 's1', type: 'sms', ts: iso(T0 - 60 * MIN), from: '139 0000 1111', to: VICTIM, text: '下午三点的项目会议改到四点，腾讯会议号不变' },
      { id: 'c1', type: 'call', ts: iso(T0), from: '139 0000 1111', to: VICTIM, durationSec: 1900 },
      { id: 'a1', type: 'app', ts: iso(T0 + 5 * MIN), subscriber: VICTIM, app: '腾讯会议', action: 'screen_share_start' },
      { id: 't1', type: 'transfer', ts: '2026-03-03T02:30:00+08:00', fromAccount: '6217 0000 1000 2345 678', toAccount: '6230 5800 0099 8877 665', amountFen: 120_000, channel: 'mobile_banking', payerPhone: VICTIM },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('raises a fund warning for the payer’s bank on a transfer to a flagged account, and no person warning without a phone', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 't9', type: 'transfer', ts: iso(T0), fromAccount: '6222 0000 1111 2222 333', toAccount: MULE_CARD, amountFen: 20_000_000, channel: 'online_banking' },
    ]);
    const fund = warnings.find((w) => w.kind === 'fund');
    assert.ok(fund, 'a fund warning');
    assert.equal(fund.level, 1);
    assert.equal(fund.fraudType, 'impersonate_authority');
    assert.equal(fund.person, 'account:6222000011112222333', 'without the payer’s phone the person is the account');
    assert.deepEqual(fund.events, ['t9']);
    assert.ok(!warnings.some((w) => w.kind === 'person'), 'no one to phone or visit: the bank holds the money');
  });

  it('finds the person behind an account from an earlier account opening', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 'o1', type: 'account_open', ts: iso(T0 - 86_400_000), bank: '工商银行', branch: '太原迎泽支行', holderId: '14010119900307123X', holderPhone: VICTIM, account: '6222 0000 1111 2222 333' },
      { id: 't9', type: 'transfer', ts: iso(T0), fromAccount: '6222 0000 1111 2222 333', toAccount: MULE_CARD, amountFen: 20_000_000, channel: 'online_banking' },
    ]);
    assert.ok(warnings.length >= 2);
    assert.ok(warnings.every((w) => w.person === '+8613812345678'));
  });

  it('reads loan-scam SMS and the visit to a flagged site as a fake-loan episode', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '170 1234 0000', to: VICTIM, text: '【普惠金融】您有一笔20万元低息贷款额度待领取，无抵押当天放款，点击 loan-fast.top/apply 申请' },
      { id: 'w1', type: 'web', ts: iso(T0 + 20 * MIN), subscriber: VICTIM, url: 'https://loan-fast.top/apply?id=3' },
    ]);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].fraudType, 'fake_loan');
    assert.ok(warnings[0].evidence.some((x) => x.signal === 'sms_indicator'));
  });

  it('counts a visit to a fresh site whose link came in a scam SMS', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '170 1234 0000', to: VICTIM, text: '【普惠金融】您有一笔20万元低息贷款额度待领取，无抵押当天放款，需先缴纳保证金，点击 https://Dai-Kuan88.top/apply 申请' },
      { id: 'w1', type: 'web', ts: iso(T0 + 20 * MIN), subscriber: VICTIM, url: 'HTTPS://dai-kuan88.TOP:443/apply?id=3' },
    ]);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0].evidence.some((x) => x.signal === 'web_sms_link' && x.eventId === 'w1'), 'the same host however the URL is written');
  });

  it('counts a little-known site visited after a typed scam SMS, and an app installed from it; not a site half the city visits', () => {
    const sms = '【兼职招募】在家动动手指，点赞关注就能日结200-500元，宝妈学生均可，名额有限，加QQ3755568544领取任务';
    const episode = (host: string) => [
      { id: 's1', type: 'sms', ts: iso(T0), from: '+86 10690 0000 1234', to: VICTIM, text: sms },
      { id: 'w1', type: 'web', ts: iso(T0 + 40 * MIN), subscriber: VICTIM, url: `https://${host}/download.html` },
      { id: 'a1', type: 'app', ts: iso(T0 + 45 * MIN), subscriber: VICTIM, app: 'com.renwu.hb', action: 'install' },
    ];
    const engine = newEngine(catalog);
    const [w] = run(engine, episode('renwu-qpz.icu'));
    assert.equal(w?.fraudType, 'task_rebate');
    assert.deepEqual(w.evidence.map((x) => x.signal), ['sms_fraud_text', 'web_after_fraud_sms', 'app_after_risky_web']);

    const city = newEngine(catalog);
    const visits = Array.from({ length: 100 }, (_, i) => ({ id: `v${i}`, type: 'web', ts: iso(T0 - 60 * MIN + i), subscriber: `139 0000 ${String(1000 + i)}`, url: 'https://www.popular-portal.com/' }));
    run(city, visits);
    const quiet = run(city, episode('www.popular-portal.com'));
    assert.ok(quiet.every((x) => !x.evidence.some((e) => e.signal === 'web_after_fraud_sms' || e.signal === 'app_after_risky_web')), 'a well-known site proves nothing');

    const restored = newEngine(catalog);
    restored.restore(JSON.parse(JSON.stringify(city.snapshot())));
    const again = run(restored, episode('www.popular-portal.com').map((e) => ({ ...e, id: `${e.id}b`, subscriber: e.subscriber && '137 0000 0001', to: e.to && '137 0000 0001' })));
    assert.ok(again.every((x) => !x.evidence.some((e) => e.signal === 'web_after_fraud_sms')), 'host counts survive a checkpoint');
  });

  it('does not tie a site to an SMS whose fraud type the model is unsure of (a verification code that says "tell no one")', () => {
    const engine = newEngine(catalog);
    const warnings = run(engine, [
      { id: 's1', type: 'sms', ts: iso(T0), from: '+86 10690 0000 1234', to: VICTIM, text: '【闲鱼】验证码：482913。您正在进行身份验证，打死也不要告诉别人哦！' },
      { id: 'w1', type: 'web', ts: iso(T0 + 10 * MIN), subscriber: VICTIM, url: 'https://fenhe-jiaju88.top/' },
      { id: 't1', type: 'transfer', ts: iso(T0 + 30 * MIN), fromAccount: '6217 0000 1000 2345 678', toAccount: '6230 5800 0012 3456 789', amountFen: 59_900, channel: 'mobile_banking', payerPhone: VICTIM },
    ]);
    assert.ok(warnings.every((x) => !x.evidence.some((e) => e.signal === 'web_after_fraud_sms')));
  });

  it('survives a snapshot round trip: a restored engine upgrades the open warning instead of raising another', () => {
    const first = newEngine(catalog);
    const before = run(first, [{ id: 'c1', type: 'call', ts: iso(T0), from: '+852 9558 8123', to: VICTIM, durationSec: 1500 }]);
    const restored = newEngine(catalog);
    restored.restore(JSON.parse(JSON.stringify(first.snapshot())));
    const afterRestore = run(restored, [{ id: 'a1', type: 'app', ts: iso(T0 + 12 * MIN), subscriber: VICTIM, app: '向日葵', action: 'install' }]);
    assert.equal(afterRestore.length, 1);
    assert.equal(afterRestore[0].id, before[0].id);
    assert.equal(afterRestore[0].level, 2);
  });
});
