import type { ScreeningEvent } from '../src/domain/event.js';
import type { Store } from '../src/store/index.js';
import { Rng } from './rng.js';

/**
 * A partner stream for the screening benchmark, in canonical form (as intake hands it on): a population of
 * people with their contacts and payees; calls, SMS (verification codes, bank notices, delivery notices, ads),
 * web visits, app use, transfers and account openings; about 1% of contacts touch a stored indicator, and a
 * few hundred people follow a fraud path (spoofed call -> remote app -> transfer). Events are 10 ms apart in
 * event time, so a million of them span under three hours of a city's traffic.
 */
export interface EventMix {
  events: ScreeningEvent[];
  people: number;
}

const SMS_TEMPLATES = [
  (r: Rng) => `【${r.pick(['淘宝', '京东', '美团', '支付宝', '微信'])}】验证码${r.digits(6)}，用于登录验证，5分钟内有效，请勿泄露给他人。`,
  (r: Rng) => `【${r.pick(['工商银行', '建设银行', '农业银行', '招商银行'])}】您尾号${r.digits(4)}的账户${r.int(1, 12)}月${r.int(1, 28)}日支出${r.int(1, 9999)}.00元，余额${r.int(100, 99999)}.${r.digits(2)}元。`,
  (r: Rng) => `【${r.pick(['中通快递', '顺丰速运', '菜鸟驿站'])}】您的包裹已到${r.pick(['小区东门', '学校南门', '公司楼下'])}驿站，取件码${r.int(1, 9)}-${r.int(1, 9)}-${r.digits(4)}，请及时领取。`,
  (r: Rng) => `【${r.pick(['某某商城', '优选生活', '万达影城'])}】双十二大促，全场满${r.int(1, 5)}00减${r.int(2, 9)}0，会员再享9折，回T退订。`,
  (r: Rng) => `${r.pick(['晚上回家吃饭吗', '明天的会改到下午三点', '孩子今天发烧了，我先接他回家', '周末一起去爬山吧'])}`,
];
const SCAM_SMS = [
  (url: string) => `【普惠金融】您有一笔20万元低息贷款额度待领取，无抵押当天放款，点击 ${url} 申请`,
  (url: string) => `您的快递丢失，我是快递理赔客服，请登录 ${url} 填写银行卡信息办理三倍赔偿`,
  (url: string) => `日结兼职，手机刷单，一单一结，佣金立返，详情访问 ${url}`,
];
const APPS = ['微信', '支付宝', '抖音', '淘宝', '高德地图', '腾讯会议', '钉钉', '美团'];

function mobile(r: Rng): string {
  return `+861${r.pick(['3', '5', '7', '8', '9'])}${r.digits(9)}`;
}

function card(r: Rng): string {
  return `62${r.digits(17)}`;
}

export async function eventMix(store: Store, count: number, peopleCount: number, seed = 42): Promise<EventMix> {
  const r = new Rng(seed);
  const flaggedPhones = (await store.indicators.list({ kind: 'phone', status: 'blocked', limit: 2000 })).map((i) => i.value);
  const flaggedDomains = (await store.indicators.list({ kind: 'domain', status: 'blocked', limit: 2000 })).map((i) => i.value);
  const flaggedCards = (await store.indicators.list({ kind: 'bank_card', status: 'blocked', limit: 2000 })).map((i) => i.value);
  const people = Array.from({ length: peopleCount }, () => ({ phone: mobile(r), account: card(r), contacts: [] as string[], payees: [] as string[] }));
  for (const p of people) {
    for (let i = 0; i < 6; i++) p.contacts.push(people[r.int(0, peopleCount - 1)].phone);
    for (let i = 0; i < 4; i++) p.payees.push(people[r.int(0, peopleCount - 1)].account);
  }
  const events: ScreeningEvent[] = [];
  let ts = Date.UTC(2026, 2, 2, 0, 0, 0);
  let id = 0;
  const base = () => ({ id: `e${++id}`, ts: (ts += 10), sender: 'bench' });
  while (events.length < count) {
    const p = people[r.int(0, peopleCount - 1)];
    const x = r.next();
    if (x < 0.0005) {
      // A fraud path: spoofed service call, remote-control app, transfers to a new account.
      const mule = r.pick(flaggedCards.length ? [card(r), r.pick(flaggedCards)] : [card(r)]);
      events.push({ ...base(), type: 'call', from: `+95${r.pick(['95588', '95533', '4008'])}${r.digits(4)}`, to: p.phone, durationSec: r.int(600, 3000) });
      events.push({ ...base(), type: 'app', subscriber: p.phone, app: r.pick(['腾讯会议', '向日葵', 'ToDesk']), action: r.pick(['install', 'screen_share_start']) });
      events.push({ ...base(), type: 'transfer', fromAccount: p.account, toAccount: mule, amountFen: r.int(5000, 50000) * 100, channel: 'mobile_banking', payerPhone: p.phone, bank: null });
    } else if (x < 0.3) {
      const known = r.next() < 0.7;
      const from = r.next() < 0.01 && flaggedPhones.length ? r.pick(flaggedPhones) : known ? r.pick(p.contacts) : mobile(r);
      events.push({ ...base(), type: 'call', from, to: p.phone, durationSec: r.int(0, 900) });
    } else if (x < 0.6) {
      const scam = r.next() < 0.01 && flaggedDomains.length;
      const text = scam ? r.pick(SCAM_SMS)(r.pick(flaggedDomains)) : r.pick(SMS_TEMPLATES)(r);
      events.push({ ...base(), type: 'sms', from: scam ? mobile(r) : r.pick(['+86106575', '+8695588', '+8610690000', ...p.contacts]), to: p.phone, text });
    } else if (x < 0.75) {
      const url = r.next() < 0.01 && flaggedDomains.length ? `https://${r.pick(flaggedDomains)}/login` : `https://www.${r.pick(['baidu', 'qq', 'jd', 'taobao', 'sina', 'zhihu'])}.com/${r.word(5)}/${r.int(1, 99999)}.html`;
      events.push({ ...base(), type: 'web', subscriber: p.phone, url });
    } else if (x < 0.8) {
      events.push({ ...base(), type: 'app', subscriber: p.phone, app: r.pick(APPS), action: r.next() < 0.1 ? 'screen_share_start' : 'open' });
    } else if (x < 0.98) {
      const to = r.next() < 0.005 && flaggedCards.length ? r.pick(flaggedCards) : r.next() < 0.8 ? r.pick(p.payees) : card(r);
      events.push({ ...base(), type: 'transfer', fromAccount: p.account, toAccount: to, amountFen: r.int(1, 5000) * 100, channel: r.pick(['mobile_banking', 'alipay', 'wechatpay']), payerPhone: r.next() < 0.9 ? p.phone : null, bank: null });
    } else {
      events.push({ ...base(), type: 'account_open', bank: '工商银行', branch: '迎泽支行', holderId: `140101${r.digits(12)}`, holderPhone: p.phone, account: card(r) });
    }
  }
  // Through JSON, as events come off the wire: flat strings, not the ropes the generator concatenated.
  return { events: JSON.parse(JSON.stringify(events.slice(0, count))) as ScreeningEvent[], people: peopleCount };
}
