import type { AppEvent, CallEvent, SmsEvent, TransferEvent, WebEvent } from '../domain/event.js';
import { FRAUD_TYPES, type FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind } from '../domain/indicator.js';
import { maskAccount } from '../domain/mask.js';
import { urlHostname, type CheckResult, type CheckService } from '../indicators/index.js';
import type { ContactLeads, RecentContacts } from './contact-leads.js';
import type { HostVisits } from './host-visits.js';
import type { PersonState } from './person-state.js';
import { hash32 } from './person-state.js';
import type { Rulebook } from './rulebook.js';
import { chinaHour, indicatorTypes, looksLikeSpoofedService, yuan, type Signal, type SignalName } from './signals.js';
import type { TextReader } from './text-reader.js';

/**
 * Reads one event against the person's state and the indicators: the signals it carries. Calls, SMS and
 * transfers then update the state (numbers talked to, links received, payees paid), after the signals are read,
 * so a first contact counts as new. An SMS does not make its sender a known contact: scammers text before they
 * call, and bulk senders are no acquaintance.
 */
export class SignalDetector {
  constructor(
    private readonly checker: CheckService,
    private readonly text: TextReader,
    private readonly hosts: HostVisits,
    private readonly leads: ContactLeads,
    private readonly numbers: HostVisits,
    private readonly callbacks: HostVisits,
    private readonly recent: RecentContacts,
  ) {}

  /**
   * `rangMobile`: the person rang another Chinese mobile (the call is also screened as the callee's). Ringing a
   * virtual-segment number (a rider's privacy number) or talking long with someone new is everyday life from the
   * caller's side; only the specific signs count there: a flagged number, a lead, a number from a suspect SMS.
   */
  call(e: CallEvent, person: string, state: PersonState, rb: Rulebook, rangMobile = false): Signal[] {
    const other = person === e.to ? e.from : e.to;
    const out: Signal[] = [];
    const hit = this.indicator(other, 'phone');
    if (hit?.verdict === 'allow') {
      state.addContact(hash32(other));
      return out;
    }
    if (hit) out.push(fromHit('call_indicator', hit, () => `与涉诈号码 ${other} 通话 ${e.durationSec} 秒（${hit.reason}）`));
    const talked = e.durationSec >= rb.riskyCallMinSec;
    const h = hash32(other);
    const known = state.knowsContact(h);
    // The person rings a number they were sent in a suspect SMS (the number, not the sender: scammers text from
    // one number and answer on another).
    if (person === e.from && talked && !known) {
      const link = state.smsLinkTo(h, e.ts - SMS_LINK_MS);
      if (link) {
        const [, , type, score] = link;
        out.push({ name: 'call_sms_number', types: [type], strength: 0.5 + 0.5 * score, detail: () => `回拨短信中的号码 ${other}（该短信疑似诈骗 ${Math.round(score * 100)}%），通话 ${e.durationSec} 秒` });
      }
    }
    const newPersonal = !known && !hit && personal(other) && this.numbers.visit(h) < POPULAR_NUMBER;
    if (newPersonal) {
      state.lastContact = this.recent.add(state.hash, h, e.ts, state.lastContact);
      if (e.durationSec > 0) this.lead(out, 'call_mule_lead', h, state, e.ts, () => `与号码 ${other} 通话 ${e.durationSec} 秒`);
    }
    if (talked && !known && !rangMobile) {
      if (looksLikeSpoofedService(other)) out.push(plain('call_spoofed_service', 1, () => `境外号码 ${other} 伪装成客服 / 公务号码来电，通话 ${e.durationSec} 秒`));
      else if (!other.startsWith('+86')) out.push(plain('call_overseas', 0.5, () => `境外号码 ${other} 来电，通话 ${e.durationSec} 秒`));
      if (isVirtualSegment(other)) out.push(plain('call_virtual', 0.4, () => `虚拟运营商号段 ${other} 来电，通话 ${e.durationSec} 秒`));
      if (e.durationSec >= rb.longCallSec) out.push(plain('call_long_unknown', 0.5, () => `陌生号码 ${other} 长时间通话 ${Math.round(e.durationSec / 60)} 分钟`));
    }
    // Apps opened during or soon after a risky call read as remote control, not a work meeting. A long call
    // with a new domestic number is weaker (that is how work with a new contact looks too): only a remote app
    // installed or a screen shared during it or just after counts, and for less.
    const end = e.ts + e.durationSec * 1000;
    if (talked && out.some((s) => s.name !== 'call_long_unknown')) {
      if (end > state.riskyCallEnd) state.riskyCallEnd = end;
    } else if (out.length > 0 && end > state.strangerCallEnd) {
      state.strangerCallEnd = end;
    }
    // After the bookkeeping above: a call from someone new is no risky call for the screen sharing that follows.
    if (newPersonal && e.durationSec > 0 && e.durationSec <= BRIEF_CALL_SEC && person === e.to && !rangMobile) {
      out.push(plain('call_brief_unknown', 1, () => `陌生号码 ${other} 短暂来电，通话 ${e.durationSec} 秒`));
    }
    state.addContact(h);
    return out;
  }

  sms(e: SmsEvent, state: PersonState, rb: Rulebook): Signal[] {
    const out: Signal[] = [];
    const sender = this.indicator(e.from, 'phone');
    if (sender?.verdict === 'allow') return out;
    if (sender) out.push(fromHit('sms_indicator', sender, () => `收到涉诈号码 ${e.from} 的短信（${sender.reason}）`));
    const reading = this.text.read(e.text, rb.textThreshold);
    // A stranger's text is a contact worth remembering when it carries something (a link, a number, an account)
    // or reads at all like a scam; a friend's "see you at seven" is neither, and costs nothing here. Service
    // numbers and bulk-SMS platforms (1069…) carry everyone's codes and notices: they are nobody's contact.
    if (!sender && (reading.indicators.length > 0 || reading.score >= CALLBACK_SMS_FLOOR) && personal(e.from)) {
      const h = hash32(e.from);
      if (!state.knowsContact(h) && this.numbers.visit(h) < POPULAR_NUMBER) {
        state.lastContact = this.recent.add(state.hash, h, e.ts, state.lastContact);
        const byNumber = this.lead(out, 'sms_mule_lead', h, state, e.ts, () => `收到号码 ${e.from} 的短信`);
        // The message itself is a contact too: a gang sends one text from many numbers.
        if (reading.template !== 0) {
          state.lastContact = this.recent.add(state.hash, reading.template, e.ts, state.lastContact);
          if (!byNumber) this.lead(out, 'sms_mule_lead', reading.template, state, e.ts, () => `收到号码 ${e.from} 的短信`, '收到内容相同的短信');
        }
      }
    }
    for (const found of reading.indicators) {
      const hit = this.indicator(found.canonical, found.kind);
      if (found.kind === 'url' || found.kind === 'domain') {
        const host = hash32(urlHostname(found.canonical));
        state.recordSmsLink([host, e.ts, reading.type, reading.score]);
        // A little-known site a stranger's message links to is a contact too, for the leads.
        if (!hit && this.hosts.count(host) < rb.popularHostVisits && personal(e.from)) state.lastContact = this.recent.add(state.hash, host, e.ts, state.lastContact);
      }
      // A number to ring in a message that reads at all like a scam: calling it back is the next step of the
      // customer-service and credit scams. (Parcel and bank notices score under the floor.)
      if (found.kind === 'phone' && reading.score >= CALLBACK_SMS_FLOOR && hit?.verdict !== 'allow' && personal(found.canonical)) {
        const h = hash32(found.canonical);
        state.recordSmsLink([h, e.ts, reading.type, reading.score]);
        this.callbacks.visit(h);
      }
      if (hit && hit.verdict !== 'allow') out.push(fromHit('sms_indicator', hit, () => `短信含涉诈${found.kind === 'phone' ? '号码' : '链接或账号'} ${found.raw}（${hit.reason}）`));
    }
    if (reading.fraud) {
      if (reading.typeScore >= TYPED_SMS) state.fraudSms = [e.ts, reading.type, reading.score];
      const phrases = reading.reasons.length ? `：${reading.reasons.join('、')}` : '';
      out.push({ name: 'sms_fraud_text', types: [reading.type], strength: reading.score, detail: () => `短信内容疑似诈骗（${Math.round(reading.score * 100)}%）${phrases}` });
    } else if (reading.score >= SUSPECT_SMS_FLOOR && reading.typeScore >= SUSPECT_SMS_TYPED) {
      // Under the model's threshold but unmistakably of one type (a gambling or credit-repair text): as strong as
      // the model is sure of the type. No ordinary text comes near but a lender's advert, whose type's typology
      // does not use these signals; bank notices read as fraud of no type.
      state.suspectSms = [e.ts, reading.type, reading.score];
      const strength = 0.5 + 0.5 * reading.typeScore;
      out.push({ name: 'sms_suspect_text', types: [reading.type], strength, detail: () => `短信内容可疑（${Math.round(reading.score * 100)}%），像${FRAUD_TYPES[reading.type]}类诈骗（${Math.round(reading.typeScore * 100)}%）` });
    }
    return out;
  }

  web(e: WebEvent, state: PersonState, rb: Rulebook): Signal[] {
    const result = this.checker.check(e.url, 'url');
    if (result.verdict === 'allow') return [];
    const out: Signal[] = [];
    if (result.verdict !== 'unknown') out.push(fromHit('web_indicator', result, () => `访问涉诈网址 ${e.url}（${result.reason}）`));
    if (result.canonical !== null) {
      const host = hash32(urlHostname(result.canonical));
      const wellKnown = this.hosts.visit(host) >= rb.popularHostVisits;
      if (!wellKnown && result.verdict === 'unknown') {
        state.lastContact = this.recent.add(state.hash, host, e.ts, state.lastContact);
        this.lead(out, 'web_mule_lead', host, state, e.ts, () => `访问少见网站 ${e.url}`);
      }
      const link = state.smsLinkTo(host, e.ts - SMS_LINK_MS);
      const sms = state.fraudSms;
      if (link) {
        const [, , type, score] = link;
        out.push({ name: 'web_sms_link', types: [type], strength: 0.4 + 0.6 * score, detail: () => `打开短信中的链接 ${e.url}（该短信疑似诈骗 ${Math.round(score * 100)}%）` });
      } else if (sms && !wellKnown && result.verdict === 'unknown' && sms[0] >= e.ts - SMS_LINK_MS) {
        const [, type, score] = sms;
        out.push({ name: 'web_after_fraud_sms', types: [type], strength: 0.3 + 0.5 * score, detail: () => `收到疑似诈骗短信（${Math.round(score * 100)}%）后访问少见网站 ${e.url}` });
      } else if (state.suspectSms && !wellKnown && result.verdict === 'unknown' && state.suspectSms[0] >= e.ts - SMS_LINK_MS) {
        const [, type, score] = state.suspectSms;
        out.push({ name: 'web_after_suspect_sms', types: [type], strength: 0.6, detail: () => `收到可疑短信（${Math.round(score * 100)}%）后访问少见网站 ${e.url}` });
      }
    }
    if (out.length) state.riskyWeb = [e.ts, out.flatMap((sig) => sig.types)];
    return out;
  }

  app(e: AppEvent, state: PersonState, rb: Rulebook): Signal[] {
    if (e.action === 'contact_add') return this.contactAdd(e, state);
    const out: Signal[] = [];
    const hit = this.indicator(e.app.includes('.') && !/\s/.test(e.app) ? e.app : `name:${e.app}`, 'app');
    if (hit && hit.verdict !== 'allow') out.push(fromHit('app_indicator', hit, () => `安装或打开涉诈应用 ${e.app}（${hit.reason}）`));
    const web = state.riskyWeb;
    if (!hit && e.action === 'install' && web && e.ts - web[0] <= APP_AFTER_WEB_MS) {
      out.push({ name: 'app_after_risky_web', types: web[1], strength: 0.8, detail: () => `访问可疑网站后安装来历不明的应用 ${e.app}` });
    }
    // Screen sharing and meeting apps are daily work; only during or soon after a risky call are they a sign.
    const afterRiskyCall = e.ts <= state.riskyCallEnd + rb.afterCallWindowMs;
    const onStrangerCall = e.ts <= state.strangerCallEnd + STRANGER_CALL_AFTER_MS;
    if (!afterRiskyCall && !onStrangerCall) return out;
    const strength = afterRiskyCall ? 1 : 0.75;
    const call = afterRiskyCall ? '可疑来电' : '与陌生号码长时间通话';
    if (e.action === 'screen_share_start') {
      out.push(plain('screen_share', strength, () => `${call}期间或之后在 ${e.app} 开启屏幕共享`));
    } else if (rb.remoteApps.has(e.app.toLowerCase()) && (afterRiskyCall || e.action === 'install')) {
      out.push(plain('remote_app_after_call', strength, () => `${call}期间或之后${e.action === 'install' ? '安装' : '打开'}会议 / 远程控制软件 ${e.app}`));
    }
    return out;
  }

  /**
   * A new IM contact: the platform's flags, and the account as a contact for the leads (a gang's account adds one
   * victim after another; a shop's or a courier's adds so many people that it is no one's stranger).
   */
  private contactAdd(e: AppEvent, state: PersonState): Signal[] {
    const out: Signal[] = [];
    const hit = e.contact === undefined ? null : this.indicator(e.contact, 'im_account');
    // An allow-listed account (a bank's or an operator's official one) is no stranger.
    if (hit?.verdict === 'allow') return out;
    if (hit) out.push(fromHit('im_indicator', hit, () => `添加涉诈社交账号 ${e.contact}（${hit.reason}）`));
    const flags = e.flags ?? [];
    const fresh = flags.includes('new_account');
    const abroad = flags.includes('overseas');
    const marks = () => [fresh ? '注册不满 30 天' : '', abroad ? '境外注册或登录' : ''].filter(Boolean).join('、');
    const who = () => `${e.contact ?? '（未提供账号）'}（${e.app}）`;
    // A new or foreign account alone is no sign: new users, shop staff's work accounts and friends abroad carry
    // those flags too (about 5% and 2% of new contacts in the simulated city). As a weak step of the task, investment,
    // romance, game and shopping typologies it cost the default scenario three interceptions and 48 false
    // warnings, so it only strengthens a copied name; an account both new and abroad (about 1 in 2,000 ordinary
    // new contacts) is a weak sign, for the fake boss's brief call to complete.
    if (flags.includes('same_name_as_contact')) {
      const strength = fresh && abroad ? 1 : abroad ? 0.85 : fresh ? 0.6 : 0.5;
      out.push(plain('im_impersonation', strength, () => `新添加的好友 ${who()} 与其已有好友昵称、头像相同${marks() ? `，且${marks()}` : ''}`));
    } else if (fresh && abroad) {
      out.push(plain('im_risky_contact', 0.5, () => `新添加的好友 ${who()} ${marks()}`));
    }
    if (e.contact !== undefined && !hit) {
      const h = hash32(e.contact);
      if (this.numbers.visit(h) < POPULAR_NUMBER) {
        state.lastContact = this.recent.add(state.hash, h, e.ts, state.lastContact);
        this.lead(out, 'im_mule_lead', h, state, e.ts, () => `添加好友 ${who()}`);
      }
    }
    return out;
  }

  /** Signals of a transfer paid by the person; records the transfer in the state afterwards. */
  transfer(e: TransferEvent, state: PersonState, rb: Rulebook): Signal[] {
    const out: Signal[] = [];
    const to = () => maskAccount(e.toAccount);
    const amount = () => yuan(e.amountFen);
    const hit = this.indicator(e.toAccount, e.toAccount.includes(':') ? 'payment_account' : 'bank_card');
    if (hit && hit.verdict !== 'allow') out.push(fromHit('transfer_indicator', hit, () => `向涉诈账户 ${to()} 转账 ${amount()}（${hit.reason}）`));
    const payee = hash32(e.toAccount);
    if (!state.knowsPayee(payee)) out.push(plain('transfer_new_payee', 1, () => `向新收款账户 ${to()} 转账 ${amount()}`));
    if (e.amountFen >= rb.largeTransferFen && state.largestTransferFen < rb.largeTransferFen) {
      out.push(plain('transfer_first_large', 1, () => `首次大额转账 ${amount()}`));
    }
    const count = state.transfersSince(e.ts - rb.burstWindowMs) + 1;
    if (count >= rb.burstCount) {
      out.push(plain('transfer_burst', 1, () => `短时间内连续转账（${count} 笔）`));
    }
    const hour = chinaHour(e.ts);
    if (rb.nightFrom <= hour && hour < rb.nightTo) out.push(plain('transfer_night', 1, () => `深夜 ${hour} 点转账 ${amount()}`));
    state.recordTransfer(e.ts, e.amountFen, payee);
    return out;
  }

  /**
   * Adds a lead signal when others paid a mule after touching `contact` (the person's own payments do not count);
   * `touched` says how they touched it, for the evidence. True when it added one.
   */
  private lead(out: Signal[], name: SignalName, contact: number, state: PersonState, ts: number, what: () => string, touched = '与其接触'): boolean {
    const victims = this.leads.victims(contact, ts);
    if (victims === null) return false;
    const self = state.hash;
    let n = 0;
    for (const v of victims) if (v !== self) n++;
    if (n === 0) return false;
    // One victim's callers and sites include their courier and the shop they also use; an SMS from a stranger's
    // mobile or a new IM contact is rarer (a few a month), and a number or site several victims shared is the gang's.
    const strength = n >= 2 || name === 'sms_mule_lead' || name === 'im_mule_lead' ? 1 : LEAD_ONE_VICTIM;
    out.push(plain(name, strength, () => `${what()}：此前 ${n} 人在${touched}后数小时内向疑似涉诈账户（收款后随即转出）转账`));
    return true;
  }

  /** The look-up answer when the value is known (flagged or allow-listed), else null. */
  private indicator(value: string, kind: IndicatorKind): CheckResult | null {
    const result = this.checker.check(value, kind);
    return result.verdict === 'unknown' ? null : result;
  }
}

const VIRTUAL = /^\+861(62|65|67|70|71)/;
/** A call this short from someone new is a "brief call" (call_brief_unknown): the fake boss's "I'm in a meeting". */
const BRIEF_CALL_SEC = 120;
/** After a long call with a new domestic number, how long a remote app installed or a screen shared still counts. */
const STRANGER_CALL_AFTER_MS = 10 * 60_000;
/**
 * How sure the model must be of an SMS's fraud type for the sites visited after it to count against that type: a
 * verification code that merely says "tell no one" reads as fraud of no type in particular.
 */
const TYPED_SMS = 0.3;
/** How long after a visit to a suspect site an unknown app installed reads as downloaded from it. */
const APP_AFTER_WEB_MS = 3_600_000;
/** An SMS under the text threshold with at least this fraud score… */
const SUSPECT_SMS_FLOOR = 0.3;
/** …and at least this confidence in one fraud type reads as a suspect text of that type. */
const SUSPECT_SMS_TYPED = 0.4;
/** The fraud score an SMS needs for the numbers in it to count as numbers to call back. */
const CALLBACK_SMS_FLOOR = 0.15;
/** How long a link in an SMS is remembered for the visit that follows it. */
const SMS_LINK_MS = 86_400_000;

/**
 * A number that has been in touch this often with people who did not know it is a business, a courier or a sales
 * line, not one victim's stranger: it is neither learned as a lead nor warned on as one. A gang's number reaches
 * a few victims a day.
 */
const POPULAR_NUMBER = 50;

/**
 * A mobile or an overseas number: someone's own phone. Service numbers (95xxx, 400, 10xxx), fixed lines and the
 * bulk-SMS platforms (1069…) carry everyone's traffic, so they are no one's contact.
 */
function personal(e164: string): boolean {
  return e164.startsWith('+86') ? e164.length === 14 && e164.startsWith('+861') && !e164.startsWith('+8610') : true;
}

/** A lead learned from one victim only: a courier or a small shop they also dealt with may be in it. */
const LEAD_ONE_VICTIM = 0.6;

/** Mobile virtual-operator segments 162/165/167/170/171 (the same as the phone normaliser's `virtual`). */
export function isVirtualSegment(e164: string): boolean {
  return VIRTUAL.test(e164);
}

function fromHit(name: SignalName, hit: CheckResult, detail: () => string): Signal {
  const m = hit.matches[0];
  const indicator = m ? { kind: m.kind, value: m.value } : undefined;
  return { name, types: indicatorTypes(hit.fraudTypes as FraudType[]), strength: hit.verdict === 'block' ? 1 : 0.7, detail, indicator };
}

function plain(name: SignalName, strength: number, detail: () => string): Signal {
  return { name, types: [], strength, detail };
}
