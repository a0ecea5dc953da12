import type { ContactFlag } from '../domain/event.js';
import { DAY_CUM, secondOfDay, WORK_CUM } from './background.js';
import type { SimContext } from './context.js';
import { contactAddBody, type DayBuffer } from './emit.js';
import { wxid } from './numbers.js';
import type { Person } from './people.js';
import { Rng } from './rng.js';

/*
 * The IM platform as a partner (Tencent for WeChat and QQ): it reports each new contact a subscriber adds or
 * accepts (`app` event, action `contact_add`) with the contact's account and the platform's own risk marks.
 *
 * The rates below were decided, with their reasons, BEFORE the engine was tuned on them, and must not be changed
 * to improve the scoreboard: they are the normal life a rule on these events has to live with.
 */

/** The IM platform's id prefix as a sender (its event ids are its own, not an operator's). */
export const IM_SENDER = 'tencent';
export const WECHAT = ['com.tencent.mm', '微信'] as const;
export const QQ = ['com.tencent.mobileqq', 'QQ'] as const;

/**
 * New contacts per resident per day, before the activity multiplier. A working adult's WeChat holds a few hundred
 * contacts gathered over years: some 20-40 new ones a year (clients, shops, parents of classmates, couriers,
 * people met once), i.e. 0.06-0.1 a day; office staff deal with more people, the retired with far fewer.
 */
const ADDS_PER_DAY = 0.06;
const OCCUPATION_FACTOR = { office: 1.6, worker: 1.0, student: 1.2, retired: 0.4, other: 0.8 } as const;
/** Students use QQ as much as WeChat; adults add most contacts on WeChat. */
const QQ_SHARE_STUDENT = 0.4;
const QQ_SHARE_ADULT = 0.1;

/**
 * Who a new contact is. A friend's or relative's second or new account (a work phone's account, a re-registered
 * one after a lost phone) is about 1.5% of new contacts: the case the platform's same-name check cannot tell
 * from an impersonator, since that account copies the friend's nickname and avatar too.
 */
const SECOND_ACCOUNT_SHARE = 0.015;
/** Of the employed's new contacts, colleagues, clients and suppliers (cumulative with the above). */
const WORK_UPTO = 0.35;
/** Shops' sales accounts, a gym, a landlord, a repairman. */
const SHOP_UPTO = 0.57;
/** Couriers, riders, drivers, domestic helpers. */
const SERVICE_UPTO = 0.67;
// The rest, other residents: parents of classmates and teachers (about a tenth of all new contacts for parents of
// school age), new acquaintances (friends of friends, events, clubs, trips).

/**
 * The platform's flags on ordinary new contacts:
 * - a second account: same nickname and avatar 70% of the time (that is why the platform marks it), registered in
 *   the last 30 days 60% (people add their friends right after creating it), abroad 2%;
 * - anyone else: a nickname and avatar that happen to copy an existing friend's 0.4% (common nicknames like
 *   平安是福 with a stock avatar, frequent among older users); a new account 3% (new users, shop staff's new work
 *   accounts: 6% for shops); registered or logged in abroad 1.5% (relatives and friends abroad, 代购 shops 3%).
 */
const SECOND_ACCOUNT_FLAGS = { sameName: 0.7, newAccount: 0.6, overseas: 0.02 };
const OTHER_FLAGS = { sameName: 0.004, newAccount: 0.03, overseas: 0.015 };
const SHOP_FLAGS = { sameName: 0.004, newAccount: 0.06, overseas: 0.03 };

/** Background life's new IM contacts, day by day, from a stream of their own (the rest of the city is unchanged by them). */
export class ImLife {
  private readonly shops: string[];
  private readonly service: string[];

  constructor(private readonly ctx: SimContext) {
    const rng = Rng.derive(ctx.seed, 'im-extras');
    const n = ctx.roster.people.length;
    this.shops = Array.from({ length: Math.max(20, Math.round(n / 60)) }, () => `wechat:${wxid(rng)}`);
    this.service = Array.from({ length: Math.max(10, Math.round(n / 120)) }, () => `wechat:${wxid(rng)}`);
  }

  /** Appends day `d`'s new contacts to `buf`. */
  day(d: number, buf: DayBuffer): void {
    const rng = Rng.derive(this.ctx.seed, 'im-day', d);
    const dayStart = this.ctx.start + d * 86_400_000;
    const { people, workplaces } = this.ctx.roster;
    for (const p of people) {
      const lambda = ADDS_PER_DAY * p.activity * OCCUPATION_FACTOR[p.occupation] * (p.age >= 75 ? 0.5 : 1);
      const adds = rng.poisson(lambda);
      for (let i = 0; i < adds; i++) {
        const r = rng.next();
        const employed = p.workplace >= 0;
        let contact: string;
        let shares = OTHER_FLAGS;
        let work = false;
        if (r < SECOND_ACCOUNT_SHARE && (p.friends.length || p.family.length)) {
          const pool = p.friends.length && (p.family.length === 0 || rng.chance(0.7)) ? p.friends : p.family;
          contact = secondAccount(people[rng.pick(pool)]);
          shares = SECOND_ACCOUNT_FLAGS;
        } else if (r < WORK_UPTO && employed) {
          contact = imAccount(people[rng.pick(workplaces[p.workplace].members)]);
          work = true;
        } else if (r < SHOP_UPTO) {
          contact = rng.pick(this.shops);
          shares = SHOP_FLAGS;
        } else if (r < SERVICE_UPTO) {
          contact = rng.pick(this.service);
        } else {
          contact = imAccount(people[rng.int(0, people.length - 1)]);
        }
        // A second account is a WeChat one (a work phone's); the others are on QQ now and then.
        const qq = shares !== SECOND_ACCOUNT_FLAGS && rng.chance(p.occupation === 'student' ? QQ_SHARE_STUDENT : QQ_SHARE_ADULT);
        const app = qq ? QQ : WECHAT;
        const flags = drawFlags(rng, shares.sameName, shares.newAccount, shares.overseas);
        const ts = dayStart + secondOfDay(rng, work ? WORK_CUM : DAY_CUM) * 1000;
        buf.add(ts, 'app', IM_SENDER, contactAddBody(p.phone, rng.chance(0.8) ? app[0] : app[1], qq ? qqOf(contact) : contact, flags));
      }
    }
  }
}

/** Flags drawn independently with the given chances, in the schema's order. */
export function drawFlags(rng: Rng, sameName: number, newAccount: number, overseas: number): ContactFlag[] {
  const flags: ContactFlag[] = [];
  if (rng.chance(sameName)) flags.push('same_name_as_contact');
  if (rng.chance(newAccount)) flags.push('new_account');
  if (rng.chance(overseas)) flags.push('overseas');
  return flags;
}

/** A resident's WeChat account: their WeChat Pay id when they have one, else one made from their index. */
function imAccount(p: Person): string {
  const pay = p.accounts.find((a) => a.bank === 'WECHATPAY');
  return pay ? `wechat:${pay.value.slice('wechatpay:'.length)}` : `wechat:wxid_p${p.idx.toString(36).padStart(6, '0')}`;
}

/** A resident's second account: the same one every time someone adds it (it adds several of their friends). */
function secondAccount(p: Person): string {
  return `wechat:wxid_2nd${((p.idx * 2654435761) >>> 0).toString(36).padStart(7, '0')}`;
}

/** The QQ number of an account, stable for the account: QQ contacts are numbers. */
function qqOf(contact: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < contact.length; i++) h = Math.imul(h ^ contact.charCodeAt(i), 0x01000193) >>> 0;
  return `qq:${100000000 + (h % 3000000000)}`;
}
