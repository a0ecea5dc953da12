import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FraudType } from '../domain/fraud-type.js';
import type { Warning } from '../domain/warning.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import { openStore, type Store } from '../store/index.js';
import { MIN, T0, catalogWith, iso, newEngine, wire } from './testing.js';

/**
 * Each fraud type's typical path (ARCHITECTURE.md), as partners would see it, must raise a warning of that type
 * before the first loss transfer — where the path shows anything before the money moves.
 */
const P = '139 1111 2222';
const HOUR = 60 * MIN;
const SITES: Record<string, FraudType> = {
  'task-rebate.top': 'task_rebate',
  'gold-invest.vip': 'fake_investment',
  'quick-loan.cc': 'fake_loan',
  'love-bet.xyz': 'romance',
  'game-trade.top': 'game_trade',
  'cheap-phone.shop': 'fake_shopping',
  'safe-check.top': 'impersonate_authority',
};

let n = 0;
const at = (offset: number) => iso(T0 + offset);
const sms = (offset: number, text: string, from = '171 0000 9999') => ({ id: `s${++n}`, type: 'sms', ts: at(offset), from, to: P, text });
const web = (offset: number, host: string) => ({ id: `w${++n}`, type: 'web', ts: at(offset), subscriber: P, url: `https://${host}/index.html` });
const call = (offset: number, from: string, durationSec: number) => ({ id: `c${++n}`, type: 'call', ts: at(offset), from, to: P, durationSec });
const app = (offset: number, name: string, action = 'install') => ({ id: `a${++n}`, type: 'app', ts: at(offset), subscriber: P, app: name, action });
const pay = (offset: number, fen: number) => ({ id: `loss${++n}`, type: 'transfer', ts: at(offset), fromAccount: '6217 0000 1000 2345 678', toAccount: `6230 5800 00${String(n).padStart(9, '0')}`, amountFen: fen, channel: 'mobile_banking', payerPhone: P });

const PATHS: Array<[FraudType, Array<Record<string, unknown>>]> = [
  ['task_rebate', [sms(0, '【兼职】手机刷单日结，动动手指日赚300元，佣金立返，详询客服'), web(2 * HOUR, 'task-rebate.top'), pay(3 * HOUR, 20_000), pay(4 * HOUR, 500_000)]],
  ['fake_investment', [sms(0, '内部消息，导师带单，稳赚不赔，加入投资群领取牛股'), web(24 * HOUR, 'gold-invest.vip'), pay(25 * HOUR, 5_000_000)]],
  ['fake_loan', [sms(0, '【普惠金融】您有20万元低息贷款额度，无抵押当天放款'), web(10 * MIN, 'quick-loan.cc'), pay(40 * MIN, 300_000)]],
  ['fake_customer_service', [call(0, '+852 9558 8123', 1500), app(10 * MIN, '腾讯会议', 'screen_share_start'), pay(30 * MIN, 4_980_000)]],
  ['impersonate_authority', [call(0, '+852 9553 3110', 2400), web(40 * MIN, 'safe-check.top'), app(50 * MIN, 'ToDesk'), pay(2 * HOUR, 20_000_000)]],
  ['impersonate_acquaintance', [sms(0, '我是你领导，换号了，明天来我办公室。现在有急事，你先转5万到这个账户，别跟别人说'), pay(20 * MIN, 5_000_000)]],
  ['romance', [web(0, 'love-bet.xyz'), pay(3 * 24 * HOUR, 1_000_000), pay(4 * 24 * HOUR, 10_000_000)]],
  ['fake_credit', [sms(0, '您好，我是征信中心工作人员，您的个人征信出现逾期记录，需要缴纳保证金帮您消除不良记录，否则将影响您的贷款和子女上学'), call(5 * MIN, '+852 9556 6000', 900), app(20 * MIN, '向日葵'), pay(40 * MIN, 2_000_000)]],
  ['game_trade', [web(0, 'game-trade.top'), pay(30 * MIN, 50_000), pay(40 * MIN, 200_000)]],
  ['fake_shopping', [sms(0, '原价5999的手机内部渠道1599包邮，私聊下单，名额有限'), web(10 * MIN, 'cheap-phone.shop'), pay(30 * MIN, 159_900)]],
];

describe('typologies on typical paths', () => {
  let store: Store;
  let catalog: IndicatorCatalog;
  before(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    catalog = await catalogWith(store, Object.entries(SITES).map(([value, type]) => ({ kind: 'domain' as const, value, fraudTypes: [type] })));
  });
  after(() => store.close());

  for (const [type, path] of PATHS) {
    it(`warns of ${type} before the first loss, and upgrades rather than re-warns as the loss comes`, () => {
      const engine = newEngine(catalog);
      const firstLoss = path.find((e) => e.type === 'transfer')!;
      const warnings = new Map<string, Warning>();
      let warnedBeforeLoss: Warning | null = null;
      for (const e of wire(path)) {
        for (const c of engine.process(e)) warnings.set(c.warning.id, c.warning);
        if (e.ts < Date.parse(firstLoss.ts as string)) warnedBeforeLoss = [...warnings.values()].find((w) => w.kind === 'person') ?? null;
      }
      assert.ok(warnedBeforeLoss, 'a warning before the first loss transfer');
      assert.equal(warnedBeforeLoss.fraudType, type);
      const person = [...warnings.values()].filter((w) => w.kind === 'person');
      assert.equal(person.length, 1, 'one warning per episode');
      assert.ok(person[0].history.length >= 2 || person[0].level === 1, 'the loss upgrades the open warning');
    });
  }
});
