import {
  AD_LINKS, AD_TEXTS, BANK_CREDIT_TEXTS, BANK_DEBIT_TEXTS, BANK_NOTICE_TEXTS, CARRIERS, CODE_BRANDS, CODE_TEXTS,
  COURIER_LINES, DAILY_APPS, DELIVERY_TEXTS, GAME_APPS, INSTALLABLE_APPS, MEETING_APPS, PLACES, REMOTE_APPS, SHOPS, SITES, smallSiteHost,
  type AppRef,
} from './catalog.js';
import { fill, yuan, type SimContext } from './context.js';
import { appBody, callBody, DAY, LOCAL_OFFSET, smsBody, transferBody, webBody, type DayBuffer } from './emit.js';
import { overseasPlain, wxid } from './numbers.js';
import type { Account, Person } from './people.js';
import { cumulative, Rng } from './rng.js';

// Relative activity by local hour, 0..23.
export const DAY_CUM = cumulative([0.3, 0.15, 0.08, 0.05, 0.05, 0.2, 0.8, 2.5, 5, 7, 8, 8, 7.5, 6.5, 7, 7.5, 7.5, 7.5, 8, 8.5, 8, 6.5, 4, 1.5]);
const OWL_CUM = cumulative([4, 3, 2, 1, 0.3, 0.2, 0.3, 1, 3, 5, 6, 6, 6, 5, 5, 6, 6, 6, 7, 8, 8, 8, 7, 6]);
export const WORK_CUM = cumulative([0, 0, 0, 0, 0, 0, 0, 0.3, 2, 8, 9, 8, 3, 3, 8, 9, 8, 6, 1.5, 0.5, 0.2, 0.1, 0, 0]);
const NIGHT_CUM = cumulative([6, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 3, 6]);

/** The share of page views that go to the long tail of little-known sites, and the pages seen there. */
const SMALL_SITE_SHARE = 0.15;
const SMALL_SITE_PATHS = ['/', '/', '/index.html', '/about.html', '/news/', '/products/', '/contact.html', '/m/'];

/** Seconds into the day, drawn from an hourly profile. */
export function secondOfDay(rng: Rng, cum: Float64Array): number {
  return rng.weighted(cum) * 3600 + Math.floor(rng.next() * 3600);
}

/** The people and businesses outside the roster that residents deal with every day. */
interface Extras {
  couriers: string[];
  riders: string[];
  telemarketers: string[];
  hotlines: string[];
  merchants: string[];
  gameMerchants: string[];
  strangers: string[];
  businesses: Array<{ account: string; bank: string }>;
  companies: Array<{ account: string; bank: string; payday: number }>;
  /** Monthly rent per renter, fen. */
  rent: Int32Array;
  /** The long tail of little-known sites, drawn by a Zipf law (a few are busy, most see a visitor a week). */
  smallSites: { hosts: string[]; cum: Float64Array };
}

/** Background life: calls, messages, web visits, apps and payments of every resident, day by day (new IM contacts: im.ts). */
export class Background {
  private readonly extras: Extras;

  constructor(private readonly ctx: SimContext) {
    const rng = Rng.derive(ctx.seed, 'extras');
    const n = ctx.roster.people.length;
    const count = (per: number, min: number) => Math.max(min, Math.round(n / per));
    const { numbers, cards } = ctx;
    const list = <T>(k: number, make: () => T): T[] => Array.from({ length: k }, make);
    this.extras = {
      couriers: list(count(300, 3), () => numbers.localMobile(rng)),
      // Food-delivery and ride-hailing platforms mask riders behind privacy numbers on virtual segments.
      riders: list(count(150, 4), () => numbers.virtualMobile(rng, rng.chance(0.5))),
      telemarketers: list(count(400, 5), () => (rng.chance(0.03) ? overseasPlain(rng) : numbers.otherCityMobile(rng))),
      hotlines: list(200, () => `+86400${rng.int(100, 999)}${rng.digits(4)}`),
      merchants: list(count(40, 20), () => (rng.chance(0.55) ? `alipay:2088${rng.digits(12)}` : `wechatpay:${wxid(rng, 12)}`)),
      gameMerchants: list(6, () => `alipay:2088${rng.digits(12)}`),
      strangers: list(count(60, 20), () => (rng.chance(0.6) ? `alipay:${numbers.otherCityMobile(rng).slice(3)}` : `wechatpay:${wxid(rng)}`)),
      businesses: list(count(500, 10), () => {
        const bank = cards.residentBank(rng);
        return { account: cards.card(rng, bank), bank };
      }),
      companies: ctx.roster.workplaces.map(() => {
        const bank = cards.residentBank(rng);
        return { account: cards.card(rng, bank), bank, payday: rng.pick([5, 8, 10, 10, 15, 15, 20, 25]) };
      }),
      rent: Int32Array.from(ctx.roster.people, () => rng.int(8, 45) * 10000),
      smallSites: (() => {
        const hosts = list(count(20, 50), () => smallSiteHost(rng));
        return { hosts, cum: cumulative(hosts.map((_, i) => 1 / (i + 1))) };
      })(),
    };
  }

  /** Appends day `d`'s background events to `buf`. */
  day(d: number, buf: DayBuffer): void {
    const rng = Rng.derive(this.ctx.seed, 'day', d);
    const dayStart = this.ctx.start + d * DAY;
    const local = new Date(dayStart + LOCAL_OFFSET);
    const weekday = local.getUTCDay();
    const workday = weekday >= 1 && weekday <= 5;
    const dom = local.getUTCDate();
    for (const p of this.ctx.roster.people) this.person(p, rng, dayStart, workday, dom, buf);
  }

  private person(p: Person, rng: Rng, dayStart: number, workday: boolean, dom: number, buf: DayBuffer): void {
    const { people, workplaces } = this.ctx.roster;
    const x = this.extras;
    const act = p.activity;
    const old = p.age >= 65;
    const profile = p.nightOwl ? OWL_CUM : DAY_CUM;
    const at = (cum: Float64Array): number => dayStart + secondOfDay(rng, cum) * 1000;
    const employed = p.workplace >= 0;

    // Calls this person makes.
    const outCalls = rng.poisson(1.25 * act * (old ? 0.8 : 1));
    for (let i = 0; i < outCalls; i++) {
      const r = rng.next();
      let to: string;
      let dur: number;
      let cum = profile;
      if (r < 0.36 && p.family.length) {
        to = people[rng.pick(p.family)].phone;
        dur = Math.round(rng.logNormal(100, 1));
      } else if (r < 0.62 && p.friends.length) {
        to = people[rng.pick(p.friends)].phone;
        dur = Math.round(rng.logNormal(110, 1.1));
      } else if (r < 0.82 && employed && workday) {
        to = people[rng.pick(workplaces[p.workplace].members)].phone;
        dur = Math.round(rng.logNormal(90, 0.9));
        cum = WORK_CUM;
      } else if (r < 0.9 && p.outside.length) {
        to = rng.pick(p.outside);
        dur = Math.round(rng.logNormal(240, 1.1));
      } else if (r < 0.95) {
        // Business hotlines: waiting music and an agent, often long.
        to = rng.pick(x.hotlines);
        dur = Math.round(rng.logNormal(300, 0.8));
        cum = WORK_CUM;
      } else {
        const card = p.accounts.find((a) => a.kind === 'card');
        to = (card && this.ctx.cards.bank(card.bank).service) || '+8695588';
        dur = Math.round(rng.logNormal(240, 0.7));
      }
      if (rng.chance(0.1)) dur = 0;
      buf.add(at(cum), 'call', p.operator, callBody(p.phone, to, Math.min(dur, 14400)));
    }

    // Calls from outside the roster: couriers, riders behind privacy numbers, sales calls, banks, relatives.
    const inCalls = rng.poisson(0.5 * act);
    for (let i = 0; i < inCalls; i++) {
      const r = rng.next();
      let from: string;
      let dur: number;
      if (r < 0.28) {
        from = rng.pick(x.couriers);
        dur = rng.int(12, 75);
      } else if (r < 0.5) {
        from = rng.pick(x.riders);
        dur = rng.int(8, 60);
      } else if (r < 0.8) {
        from = rng.pick(x.telemarketers);
        // Most sales calls are refused or cut off; a few people listen to the whole pitch.
        dur = rng.chance(0.45) ? 0 : rng.chance(0.9) ? rng.int(3, 40) : rng.int(180, 900);
      } else if (r < 0.86) {
        const card = p.accounts.find((a) => a.kind === 'card');
        from = (card && this.ctx.cards.bank(card.bank).service) || '+8695533';
        dur = rng.int(40, 420);
      } else if (p.outside.length) {
        from = rng.pick(p.outside);
        dur = Math.round(rng.logNormal(420, 1));
      } else {
        from = rng.pick(COURIER_LINES);
        dur = rng.int(30, 120);
      }
      buf.add(at(DAY_CUM), 'call', p.operator, callBody(from, p.phone, Math.min(dur, 10800)));
    }

    // Messages: codes, parcels, ads, bank notices.
    const codes = rng.poisson(0.45 * act);
    for (let i = 0; i < codes; i++) {
      const text = fill(rng.pick(CODE_TEXTS), { brand: rng.pick(CODE_BRANDS), code: rng.digits(rng.chance(0.7) ? 6 : 4) });
      buf.add(at(profile), 'sms', p.operator, smsBody(`+861069${rng.int(0, 9)}${rng.digits(rng.int(7, 10))}`, p.phone, text));
    }
    const parcels = rng.poisson(0.22 * act * (old ? 0.4 : 1));
    for (let i = 0; i < parcels; i++) {
      const text = fill(rng.pick(DELIVERY_TEXTS), {
        carrier: rng.pick(CARRIERS),
        place: rng.pick(PLACES),
        pick: `${rng.int(1, 9)}-${rng.int(1, 6)}-${rng.int(1000, 9999)}`,
        courier: rng.pick(x.couriers).slice(3),
      });
      const from = rng.chance(0.7) ? `+861069${rng.digits(9)}` : rng.pick(COURIER_LINES);
      buf.add(at(WORK_CUM), 'sms', p.operator, smsBody(from, p.phone, text));
    }
    const ads = rng.poisson(0.4);
    for (let i = 0; i < ads; i++) {
      const text = fill(rng.pick(AD_TEXTS), {
        shop: rng.pick(SHOPS),
        link: `${rng.pick(AD_LINKS)}${rng.letters(6, 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`,
        points: rng.int(200, 9000),
        amount: yuan(rng.int(3000, 19900)),
        wan: rng.int(2, 20),
      });
      buf.add(at(DAY_CUM), 'sms', p.operator, smsBody(`+86106${rng.int(50, 95)}${rng.digits(8)}`, p.phone, text));
    }
    if (rng.chance(0.02)) {
      const card = p.accounts.find((a) => a.kind === 'card');
      if (card) {
        const bank = this.ctx.cards.bank(card.bank);
        const text = fill(rng.pick(BANK_NOTICE_TEXTS), { bank: bank.short, amount: yuan(rng.int(30000, 1500000)), due: `${rng.int(1, 12)}月${rng.int(1, 28)}日` });
        buf.add(at(WORK_CUM), 'sms', p.operator, smsBody(bank.service ?? `+8610690${rng.digits(8)}`, p.phone, text));
      }
    }

    // Web visits, a few per session.
    const sessions = rng.poisson(0.7 * act * (old ? 0.4 : 1));
    for (let s = 0; s < sessions; s++) {
      let ts = at(profile);
      const pages = rng.int(1, 3);
      for (let k = 0; k < pages; k++) {
        if (rng.chance(SMALL_SITE_SHARE)) {
          const { hosts, cum } = this.extras.smallSites;
          buf.add(ts, 'web', p.operator, webBody(p.phone, `${rng.chance(0.6) ? 'https' : 'http'}://${hosts[rng.weighted(cum)]}${rng.pick(SMALL_SITE_PATHS)}`));
        } else {
          const [host, pathOf] = rng.pick(SITES);
          buf.add(ts, 'web', p.operator, webBody(p.phone, `https://${host}${pathOf(rng.u32(), rng.letters(24, '0123456789abcdef'))}`));
        }
        ts += rng.int(10, 400) * 1000;
      }
    }

    // Apps: opens, the odd install, games late at night, work meetings with screen sharing.
    const opens = rng.poisson(0.45 * act);
    for (let i = 0; i < opens; i++) buf.add(at(profile), 'app', p.operator, appBody(p.phone, appName(rng, rng.pick(DAILY_APPS)), 'open'));
    if (rng.chance(0.025 * act)) buf.add(at(DAY_CUM), 'app', p.operator, appBody(p.phone, appName(rng, rng.pick(INSTALLABLE_APPS)), 'install'));
    if (p.nightOwl && p.age < 40 && rng.chance(0.3)) buf.add(at(NIGHT_CUM), 'app', p.operator, appBody(p.phone, appName(rng, rng.pick(GAME_APPS)), 'open'));
    if (employed && workday && p.occupation === 'office' && rng.chance(0.3)) {
      const app = MEETING_APPS[workplaces[p.workplace].meetingApp];
      let ts = at(WORK_CUM);
      if (rng.chance(0.03)) {
        buf.add(ts, 'app', p.operator, appBody(p.phone, appName(rng, app), 'install'));
        ts += rng.int(30, 300) * 1000;
      }
      buf.add(ts, 'app', p.operator, appBody(p.phone, appName(rng, app), 'open'));
      if (rng.chance(0.4)) buf.add(ts + rng.int(60, 1800) * 1000, 'app', p.operator, appBody(p.phone, appName(rng, app), 'screen_share_start'));
    }
    // IT help: remote-control apps, at work and when children fix their parents' phones.
    if ((employed && workday && rng.chance(0.004)) || (old && rng.chance(0.001))) {
      const app = rng.pick(REMOTE_APPS);
      const ts = at(WORK_CUM);
      if (rng.chance(0.5)) buf.add(ts - 120_000, 'app', p.operator, appBody(p.phone, appName(rng, app), 'install'));
      buf.add(ts, 'app', p.operator, appBody(p.phone, appName(rng, app), 'open'));
      buf.add(ts + rng.int(20, 200) * 1000, 'app', p.operator, appBody(p.phone, appName(rng, app), 'screen_share_start'));
    }

    // Payments.
    if (p.accounts.length === 0) return;
    const shop = rng.poisson(0.3 * act * (old ? 0.5 : 1));
    for (let i = 0; i < shop; i++) {
      const amount = Math.min(800000, Math.max(100, Math.round(rng.logNormal(4500, 1.0))));
      this.transfer(p, rng, at(profile), rng.pick(x.merchants), amount, buf, true);
    }
    if (rng.chance(0.05 * act) && p.family.length) {
      const q = people[rng.pick(p.family)];
      const to = q.accounts.length ? rng.pick(q.accounts).value : null;
      // Mostly living money; now and then tuition, a wedding gift or help with a down payment.
      const amount = rng.chance(0.05) ? rng.int(100, 1000) * 10000 : Math.round(rng.logNormal(60000, 0.9));
      if (to) this.transfer(p, rng, at(profile), to, amount, buf, false);
    }
    if (rng.chance(0.012 * act)) this.transfer(p, rng, at(profile), rng.pick(x.strangers), rng.int(50, 3000) * 100, buf, true);
    if (p.age >= 25 && p.age <= 68 && rng.chance(0.0015)) {
      // A car, a renovation, a deposit on a flat: large, to a payee never paid before.
      const biz = rng.pick(x.businesses);
      this.transfer(p, rng, at(WORK_CUM), biz.account, rng.int(30, 300) * 1000000, buf, false, true);
    }
    if (p.nightOwl && p.age < 40 && rng.chance(0.06)) {
      this.transfer(p, rng, at(NIGHT_CUM), rng.pick(x.gameMerchants), rng.pick([600, 3000, 6800, 12800, 32800, 64800]), buf, true);
    }
    if (p.landlord !== null && dom === p.rentDay) {
      this.transfer(p, rng, at(rng.chance(0.15) ? NIGHT_CUM : profile), p.landlord, this.extras.rent[p.idx], buf, false);
    }
    if (employed && dom === x.companies[p.workplace].payday) {
      const card = p.accounts.find((a) => a.kind === 'card');
      if (card) {
        const company = x.companies[p.workplace];
        const ts = dayStart + (9 * 3600 + rng.int(0, 5400)) * 1000;
        const amount = Math.round(rng.logNormal(650000, 0.4));
        buf.add(ts, 'transfer', company.bank.toLowerCase(), transferBody(company.account, card.value, amount, 'online_banking', null, null));
        const bank = this.ctx.cards.bank(card.bank);
        const text = fill(rng.pick(BANK_CREDIT_TEXTS), { bank: bank.short, last4: card.value.slice(-4), md: monthDay(ts), hm: hourMinute(ts), amount: yuan(amount), balance: yuan(amount + rng.int(0, 5000000)) });
        buf.add(ts + rng.int(5, 40) * 1000, 'sms', p.operator, smsBody(bank.service ?? `+8610690${rng.digits(8)}`, p.phone, text));
      }
    }
  }

  /** A payment from one of `p`'s accounts, with the bank's debit SMS when a card pays. */
  private transfer(p: Person, rng: Rng, ts: number, to: string, amountFen: number, buf: DayBuffer, walletOk: boolean, counterOk = false): void {
    const from = pickPayer(p, rng, walletOk);
    if (from === null || from.value === to) return;
    emitPayment(this.ctx, rng, p, from, to, ts, amountFen, counterOk && rng.chance(0.3) ? 'counter' : null, (t, type, prefix, body) => buf.add(t, type, prefix, body));
  }
}

/** A payer account: a wallet for small payments when allowed, else a card. (Cards come first in `accounts`.) */
export function pickPayer(p: Person, rng: Rng, walletOk: boolean): Account | null {
  const all = p.accounts;
  let cards = 0;
  while (cards < all.length && all[cards].kind === 'card') cards++;
  const wallets = all.length - cards;
  if (walletOk && wallets && (cards === 0 || rng.chance(0.7))) return all[cards + Math.floor(rng.next() * wallets)];
  if (cards) return all[Math.floor(rng.next() * cards)];
  return wallets ? all[cards + Math.floor(rng.next() * wallets)] : null;
}

type Sink = (ts: number, type: 'transfer' | 'sms', prefix: string, body: string) => void;

/**
 * A transfer as the partners report it: the payer's bank or wallet sends the transfer (with the payer's phone for
 * mobile payments, most of the time), and a card payment is followed by the bank's debit SMS. Returns the
 * transfer's time.
 */
export function emitPayment(ctx: SimContext, rng: Rng, p: Person, from: Account, to: string, ts: number, amountFen: number, channel: string | null, sink: Sink): void {
  const wallet = from.kind === 'wallet';
  const ch = channel ?? (wallet ? (from.bank === 'ALIPAY' ? 'alipay' : 'wechatpay') : rng.chance(0.88) ? 'mobile_banking' : 'online_banking');
  const knowsPhone = ch === 'mobile_banking' ? rng.chance(0.92) : ch === 'counter' ? false : rng.chance(0.6);
  const prefix = from.bank.toLowerCase();
  sink(ts, 'transfer', prefix, transferBody(from.value, to, amountFen, ch, knowsPhone ? p.phone.slice(3) : null, !wallet && rng.chance(0.2) ? ctx.cards.bank(from.bank).name : null));
  if (!wallet && rng.chance(0.9)) {
    const bank = ctx.cards.bank(from.bank);
    const text = fill(rng.pick(BANK_DEBIT_TEXTS), {
      bank: bank.short, last4: from.value.slice(-4), md: monthDay(ts), hm: hourMinute(ts), amount: yuan(amountFen), balance: yuan(rng.int(0, 8000000)),
    });
    sink(ts + rng.int(3, 40) * 1000, 'sms', p.operator, smsBody(bank.service ?? `+8610690${rng.digits(8)}`, p.phone, text));
  }
}

/** Package name most of the time, the display name from some partners. */
export function appName(rng: Rng, app: AppRef): string {
  return rng.chance(0.8) ? app[0] : app[1];
}

function monthDay(ts: number): string {
  const d = new Date(ts + LOCAL_OFFSET);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
function hourMinute(ts: number): string {
  const d = new Date(ts + LOCAL_OFFSET);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

