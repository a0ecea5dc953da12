import type { AppAction, ContactFlag } from '../../domain/event.js';
import type { FraudType } from '../../domain/fraud-type.js';
import { emitPayment } from '../background.js';
import { fill, type SimContext } from '../context.js';
import { appBody, callBody, contactAddBody, DAY, HOUR, LOCAL_OFFSET, localHour, MINUTE, smsBody, transferBody, webBody, type Planned, type WireType } from '../emit.js';
import type { Account, Person } from '../people.js';
import { Rng } from '../rng.js';
import { IM_SENDER } from '../im.js';
import type { StepKind } from '../truth.js';
import type { Gang, GangPhone, Mule } from './gangs.js';
import { SCAM_AMOUNTS, SCAM_BRANDS, SCAM_SMS } from './scam-texts.js';

/** What the victim does when asked to pay: refuse (stop by themselves), pay once, or keep paying. */
export type Plan = 'stopped' | 'once' | 'repeat';

export interface BuiltStep {
  kind: StepKind;
  note: string;
  event: Planned;
}

export interface BuiltLoss {
  event: Planned;
  amountFen: number;
  from: string;
  mule: Mule;
}

/**
 * Writes one attempt's story as events on a cursor in time: each call, message, visit, app action and payment is
 * a planned event and a truth step. Steps after the window's end are not written; a victim who stops ends it.
 */
export class PathBuilder {
  t: number;
  /** Whether steps may fall in the small hours (gambling, hotel-room isolation); else they wait for morning. */
  night = false;
  done = false;
  cut = false;
  /** The callback number the last scam SMS gave, for a victim who rings it. */
  callback: string | null = null;
  readonly steps: BuiltStep[] = [];
  readonly losses: BuiltLoss[] = [];
  readonly events: Planned[] = [];
  private readonly stopAfter: number;
  /** Steps that count for `stopAfter` (all but the IM contact, which the story had before the IM platform joined). */
  private counted = 0;
  private readonly brand: string;
  /**
   * The IM steps' own random stream (per attempt), so that adding them left every other draw of the campaigns,
   * and so every attempt's other steps, as they were.
   */
  private readonly imRng: Rng;

  constructor(
    readonly ctx: SimContext,
    readonly rng: Rng,
    readonly gang: Gang,
    readonly victim: Person,
    start: number,
    readonly plan: Plan,
  ) {
    this.t = start;
    // Most who stop do so when asked for money; some hang up or ignore the message earlier.
    this.stopAfter = plan === 'stopped' && rng.chance(0.4) ? rng.int(1, 3) : Infinity;
    this.brand = rng.pick(SCAM_BRANDS[gang.fraudType]);
    this.imRng = Rng.derive(ctx.seed, 'im-attempt', victim.idx, start);
  }

  get type(): FraudType {
    return this.gang.fraudType;
  }

  /** Moves the cursor on by minutes; outside `night`, a time in the small hours becomes the next morning. */
  wait(minMinutes: number, maxMinutes: number): this {
    this.t += this.rng.int(Math.round(minMinutes * 60), Math.round(maxMinutes * 60)) * 1000;
    if (!this.night) {
      const h = localHour(this.t);
      if (h >= 23 || h < 7.5) {
        const midnight = localMidnight(this.t + (h >= 23 ? HOUR * 2 : 0));
        this.t = midnight + (7.5 * 60 + this.rng.int(0, 150)) * MINUTE;
      }
    }
    return this;
  }

  /** To a time of day (local hours) `days` later. */
  laterDay(days: number, fromHour: number, toHour: number): this {
    this.t = localMidnight(this.t) + days * DAY + Math.round(this.rng.range(fromHour, toHour) * 60) * MINUTE;
    return this;
  }

  private push(kind: StepKind, note: string, type: WireType, prefix: string, body: string, ts = this.t): Planned | null {
    if (this.done) return null;
    if (ts >= this.ctx.end) {
      this.done = true;
      this.cut = true;
      return null;
    }
    const event: Planned = { ts, type, prefix, body, id: '' };
    this.events.push(event);
    this.steps.push({ kind, note, event });
    if (kind !== 'contact_add' && ++this.counted >= this.stopAfter) this.done = true;
    return event;
  }

  /** A gang number in service at the cursor. */
  phone(): string {
    const ok = this.gang.phones.filter((p: GangPhone) => p.from <= this.t);
    return this.rng.pick(ok.length ? ok : this.gang.phones.filter((p) => p.farm < 0)).value;
  }

  callIn(note: string, minSec: number, maxSec: number, from = this.phone()): this {
    const dur = this.rng.int(minSec, maxSec);
    if (this.push('call_in', note, 'call', this.victim.operator, callBody(from, this.victim.phone, dur))) this.t += dur * 1000;
    return this;
  }

  /** A long call the victim stays on while following instructions: what comes next happens during it. */
  callInOngoing(note: string, minSec: number, maxSec: number): this {
    const dur = this.rng.int(minSec, maxSec);
    if (this.push('call_in', note, 'call', this.victim.operator, callBody(this.phone(), this.victim.phone, dur))) this.t += this.rng.int(60, 240) * 1000;
    return this;
  }

  /** The victim rings a number; `ongoing` when they stay on the line while what follows happens. */
  callOut(note: string, to: string, minSec: number, maxSec: number, ongoing = false): this {
    const dur = this.rng.int(minSec, maxSec);
    if (this.push('call_out', note, 'call', this.victim.operator, callBody(this.victim.phone, to, dur))) {
      this.t += (ongoing ? this.rng.int(60, 240) : dur) * 1000;
    }
    return this;
  }

  /** A scam message of the type, its slots filled with this gang's link, number and IM id. */
  sms(note: string, from = this.smsSender(), template = this.rng.pick(SCAM_SMS[this.type])): this {
    const [lo, hi] = SCAM_AMOUNTS[this.type];
    const callback = this.phone();
    this.callback = callback;
    // Round sums, as scam messages quote them: 300, 4,500, 20,000.
    const step = hi >= 100000 ? 10000 : hi >= 10000 ? 1000 : 50;
    const text = fill(template, {
      url: this.url(),
      phone: this.rng.chance(0.5) ? callback.replace(/^\+86/, '') : callback,
      qq: this.rng.pick(this.gang.im),
      amount: Math.max(step, Math.round(this.rng.range(lo, hi) / step) * step),
      fee: this.rng.int(6, 60) * 100,
      brand: this.brand,
      name: this.rng.pick(['王', '李', '张', '刘', '陈', '杨', '赵']) + this.rng.pick(['伟', '强', '磊', '军', '洋', '勇', '杰']),
      code: this.rng.digits(8),
      days: this.rng.int(2, 24),
    });
    this.push('sms_in', note, 'sms', this.victim.operator, smsBody(from, this.victim.phone, text));
    return this;
  }

  /** Ad-like scams go out through bulk-SMS platforms (1069… senders) a third of the time, else from a gang number. */
  private smsSender(): string {
    return this.gang.bulk.length && this.rng.chance(0.35) ? this.rng.pick(this.gang.bulk) : this.phone();
  }

  /** A link on one of the gang's domains. */
  url(): string {
    const d = this.rng.pick(this.gang.domains).value;
    const path = this.rng.pick(['/', '/#/login', `/h5/index.html?code=${this.rng.letters(6, 'abcdefghjkmnpqrstuvwxyz23456789')}`, `/m/${this.rng.int(1000, 99999)}`, '/download.html', `/refund/${this.rng.digits(8)}`]);
    return `${this.rng.chance(0.7) ? 'https' : 'http'}://${d}${path}`;
  }

  web(note: string, url = this.url()): this {
    if (this.push('web', note, 'web', this.victim.operator, webBody(this.victim.phone, url))) this.t += this.rng.int(20, 300) * 1000;
    return this;
  }

  app(note: string, app: string, action: AppAction): this {
    const kind: StepKind = action === 'install' ? 'app_install' : action === 'open' ? 'app_open' : 'screen_share';
    if (this.push(kind, note, 'app', this.victim.operator, appBody(this.victim.phone, app, action))) this.t += this.rng.int(15, 180) * 1000;
    return this;
  }

  /**
   * One of the gang's IM accounts adds the victim (or is added), on a partner platform `visible` of the time, the
   * platform marking it as copying a friend's nickname `sameName` of the time; they chat (invisibly) for
   * `chatMinutes` up to the cursor, where the story goes on.
   */
  imContact(note: string, visible: number, sameName: number, chatMinutes: [number, number]): this {
    const rng = this.imRng;
    if (this.done || this.gang.imAccounts.length === 0 || !rng.chance(visible)) return this;
    const account = rng.pick(this.gang.imAccounts);
    const flags: ContactFlag[] = [];
    if (rng.chance(sameName)) flags.push('same_name_as_contact');
    if (account.newAccount) flags.push('new_account');
    if (account.overseas) flags.push('overseas');
    const app = rng.chance(0.8) ? account.app[0] : account.app[1];
    // The chat ends at the cursor: the add comes that long before it, after the step before (so the cursor, and
    // every other draw and time of the story, stays as it was without the IM platform).
    const chat = rng.int(chatMinutes[0] * 60, chatMinutes[1] * 60) * 1000;
    const previous = this.steps.length ? this.steps[this.steps.length - 1].event.ts : Number.NEGATIVE_INFINITY;
    const ts = Math.max(this.t - chat, Math.min(previous + MINUTE, this.t));
    this.push('contact_add', note, 'app', IM_SENDER, contactAddBody(this.victim.phone, app, account.contact, flags), ts);
    return this;
  }

  /**
   * The victim pays `amountFen` to a first-tier mule. False (and the story ends) when the victim's plan says they
   * stop here: a victim who stops refuses the first payment, a one-time victim the second.
   */
  pay(note: string, amountFen: number, channel: string | null = null): boolean {
    if (this.done) return false;
    if (this.plan === 'stopped' || (this.plan === 'once' && this.losses.length >= 1)) {
      this.done = true;
      return false;
    }
    const mules = this.gang.tier1.filter((m) => m.from <= this.t);
    const mule = this.rng.pick(mules.length ? mules : this.gang.tier1.filter((m) => m.burst < 0));
    const from = this.payer(amountFen);
    if (from === null) {
      this.done = true;
      return false;
    }
    const out: { transfer: Planned | null } = { transfer: null };
    emitPayment(this.ctx, this.rng, this.victim, from, mule.account, this.t, amountFen, channel, (ts, type, prefix, body) => {
      if (type === 'transfer') {
        out.transfer = this.push('loss', note, type, prefix, body, ts);
      } else if (out.transfer && ts < this.ctx.end) {
        // The bank's debit SMS: the victim sees it, but it is the bank's message, not a step of the scam.
        this.events.push({ ts, type, prefix, body, id: '' });
      }
    });
    if (out.transfer === null) return false;
    this.losses.push({ event: out.transfer, amountFen, from: from.value, mule });
    this.t += this.rng.int(60, 300) * 1000;
    return true;
  }

  /** The gang pays the victim back a little (a task's commission, a first "withdrawal") to win trust. */
  rebate(note: string, amountFen: number): this {
    const to = this.victim.accounts.find((a) => a.kind === 'card') ?? this.victim.accounts[0];
    const mule = this.rng.pick(this.gang.tier2);
    if (to) {
      this.push('rebate', note, 'transfer', mule.bank.toLowerCase(), transferBody(mule.account, to.value, amountFen, this.rng.chance(0.7) ? 'mobile_banking' : 'online_banking', mule.phone && this.rng.chance(0.6) ? mule.phone.slice(3) : null, null));
      this.t += this.rng.int(30, 240) * 1000;
    }
    return this;
  }

  private payer(amountFen: number): Account | null {
    const cards = this.victim.accounts.filter((a) => a.kind === 'card');
    const wallets = this.victim.accounts.filter((a) => a.kind === 'wallet');
    if (amountFen <= 300000 && wallets.length && (cards.length === 0 || this.rng.chance(0.45))) return this.rng.pick(wallets);
    return cards.length ? this.rng.pick(cards) : wallets.length ? this.rng.pick(wallets) : null;
  }

  /** Yuan to fen, rounded to whole yuan. */
  fen(yuanAmount: number): number {
    return Math.max(100, Math.round(yuanAmount) * 100);
  }
}

function localMidnight(ts: number): number {
  return Math.floor((ts + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
}
