import { createHash } from 'node:crypto';
import type { AccountOpenEvent, CallEvent, ScreeningEvent, SimOpenEvent, TransferEvent } from '../domain/event.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { Warning, WarningChange, WarningLevel } from '../domain/warning.js';
import { maskAccount } from '../domain/mask.js';
import { normalizeBankCard, type CheckService } from '../indicators/index.js';
import { SignalDetector } from './detect.js';
import { ContactLeads, RecentContacts } from './contact-leads.js';
import { HostVisits } from './host-visits.js';
import { MoneyFlows } from './money-flows.js';
import { advanceEpisodes, pruneEpisodes, strongestEpisode } from './episodes.js';
import { hash32, PersonState, PersonTable, type Episode } from './person-state.js';
import type { Rulebook } from './rulebook.js';
import { yuan, type Signal } from './signals.js';
import type { TextReader } from './text-reader.js';

export interface EngineOptions {
  /** People tracked at once; beyond it the least recently active is forgotten. */
  maxPeople: number;
  /** Account → phone links remembered (from account openings and transfers that name the payer's phone). */
  maxAccountLinks: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { maxPeople: 2_000_000, maxAccountLinks: 4_000_000 };

/** The engine's memory, as written to a checkpoint and read back after a restart. */
export interface EngineSnapshot {
  version: 1;
  people: ReturnType<PersonState['toJSON']>[];
  accounts: [string, string][];
  /** Visits per web host (absent in checkpoints written before hosts were counted). */
  hosts?: [number, number][];
  /** Accounts' latest inflows and pass-through (absent in older checkpoints). */
  flows?: ReturnType<MoneyFlows['toJSON']>;
  /** Contacts learned from mule payers (absent in older checkpoints). */
  leads?: ReturnType<ContactLeads['toJSON']>;
  /** Contacts per counterpart number (absent in older checkpoints). */
  numbers?: [number, number][];
  /** Numbers given in suspect SMS (absent in older checkpoints). */
  callbacks?: [number, number][];
  /** People's recent new contacts (absent in older checkpoints). */
  recent?: ReturnType<RecentContacts['toJSON']>;
}

const ACTIONS: Record<WarningLevel, string> = {
  1: '一级预警（损失在即）：立即见面劝阻——派员上门或联系所在单位、家属，同时通知付款银行暂停转账核实',
  2: '二级预警：30 分钟内电话劝阻当事人，核实是否正在被骗，必要时转见面劝阻',
  3: '三级预警：发送反诈预警短信，24 小时内电话回访',
};
const EXPIRE_EVERY = 1 << 20;
const DAY_MS = 86_400_000;
/** How long before a payment to a mule the payer's new contacts are taken for the gang's. */
const LEAD_WINDOW_MS = 6 * 3_600_000;

/**
 * Screening: one event in, the warnings it raised or upgraded out. Everything it reads is in memory (the
 * indicator index, the text model, the per-person state), so it never waits on the database; it is synchronous
 * and deterministic for a sequence of events, which is what makes a replay of the event log rebuild it exactly.
 */
export class ScreeningEngine {
  readonly people: PersonTable;
  private readonly accounts = new Map<string, string>();
  private readonly hosts = new HostVisits();
  private readonly flows = new MoneyFlows();
  private readonly leads = new ContactLeads();
  /** Calls and SMS per counterpart number (a hash) with people who did not know it: a business line or a person's phone. */
  private readonly numbers = new HostVisits();
  /** Numbers given in suspect SMS (a hash, how often), so that a call to one is screened as the caller's. */
  private readonly callbacks = new HostVisits(200_000);
  /** New contacts per person, lately, for learning leads when someone pays a mule. */
  private readonly recent = new RecentContacts();
  private readonly detector: SignalDetector;
  private processed = 0;

  constructor(
    private readonly checker: CheckService,
    text: TextReader,
    private rulebook: Rulebook,
    private readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {
    this.people = new PersonTable(options.maxPeople);
    this.detector = new SignalDetector(checker, text, this.hosts, this.leads, this.numbers, this.callbacks, this.recent);
  }

  /** Swaps the rule book (a reload); episodes of typologies that are gone are dropped as people are seen. */
  setRulebook(rulebook: Rulebook): void {
    this.rulebook = rulebook;
  }

  /** Screens one event; returns the warnings it raised or upgraded. */
  process(e: ScreeningEvent): WarningChange[] {
    if (++this.processed % EXPIRE_EVERY === 0) this.people.expire(e.ts - this.rulebook.horizonMs);
    if (e.type === 'account_open') {
      this.link(e.account, e.holderPhone);
      return [];
    }
    // Supply-side evidence (card and SIM issuance) belongs to the cut-the-supply flow, not to a person at risk.
    if (e.type === 'sim_open') return [];
    const person = e.type === 'transfer' ? this.payerOf(e) : personKey(e);
    const state = this.people.touch(person, e.ts);
    const signals = this.signals(e, person, state);
    if (e.type === 'call') return this.callerSide(e, person, this.conclude(state, signals, e));
    if (e.type !== 'transfer') return this.conclude(state, signals, e);
    const changes = this.conclude(state, signals, e);
    this.payeeSide(e, person, signals, changes);
    return changes;
  }

  /**
   * What a transfer tells beyond its payer's episode: a payment to a mule (one seen passing money on, or a flagged
   * account) teaches the payer's recent new contacts as leads; an account passing money on for the first time
   * teaches those of everyone who paid it in the hour before; money from a mule is a sign for the person it
   * reaches (a task scam's "commission"), screened in that person's state. Read from this engine's tables only:
   * see money-flows.ts for what several screening workers do not share.
   */
  private payeeSide(e: TransferEvent, payer: string, signals: Signal[], changes: WarningChange[]): void {
    let newPayee = false;
    let toFlagged = false;
    for (const s of signals) {
      if (s.name === 'transfer_new_payee') newPayee = true;
      else if (s.name === 'transfer_indicator') toFlagged = true;
    }
    const passers = this.flows.transfer(e.fromAccount, e.toAccount, e.amountFen, e.ts, payer, newPayee);
    const fromMule = this.flows.fromWasMule;
    if (this.flows.toWasMule || toFlagged) this.learn(payer, e.ts);
    if (passers) for (const p of passers) this.learn(p, e.ts);
    if (!fromMule) return;
    const payee = this.accounts.get(e.toAccount);
    if (payee === undefined || payee === payer) return;
    const state = this.people.touch(payee, e.ts);
    const what = '该账户收款后随即转出，疑似“过账”账户';
    const signal: Signal = { name: 'transfer_from_mule', types: [], strength: 1, detail: () => `收到账户 ${maskAccount(e.fromAccount)} 转入 ${yuan(e.amountFen)}：${what}` };
    for (const c of this.conclude(state, [signal], e)) changes.push(c);
  }

  /**
   * A call between two Chinese mobiles is screened as the callee's (scam calls come in), and also as the caller's:
   * a victim ringing back the number a scam SMS gave, or a new number, is the caller. The caller's state is kept
   * by the engine that screens the call, i.e. the callee's partition; with several screening workers, what the
   * caller did in their own partition (the SMS, the screen sharing) is not seen together with it.
   */
  private callerSide(e: CallEvent, callee: string, changes: WarningChange[]): WarningChange[] {
    if (callee !== e.to || !isChineseMobile(e.from) || e.durationSec < this.rulebook.riskyCallMinSec) return changes;
    // Most calls between mobiles are people ringing each other: only a callee that is a number from the caller's
    // suspect SMS or a lead is screened further (number look-ups first, not a second screening; a flagged number
    // rung out of the blue is left to the callee's side, where the number's own calls are screened).
    const h = hash32(e.to);
    if (this.callbacks.count(h) === 0 && this.leads.victims(h, e.ts) === null) return changes;
    const known = this.people.peek(e.from);
    if (this.leads.victims(h, e.ts) === null && (known === undefined || known.smsLinkTo(h, e.ts - DAY_MS) === undefined)) return changes;
    const caller = known ?? this.people.touch(e.from, e.ts);
    if (e.ts > caller.lastTs) caller.lastTs = e.ts;
    const signals = this.detector.call(e, e.from, caller, this.rulebook, true);
    for (const c of this.conclude(caller, signals, e)) changes.push(c);
    return changes;
  }

  /** The payer's contacts new to them in the hours before `ts` become leads. */
  private learn(payer: string, ts: number): void {
    const state = this.people.peek(payer);
    if (!state) return;
    for (const h of this.recent.of(state.hash, state.lastContact, ts - LEAD_WINDOW_MS, ts)) this.leads.add(h, state.hash, ts);
  }

  private signals(e: Exclude<ScreeningEvent, AccountOpenEvent | SimOpenEvent>, person: string, state: PersonState): Signal[] {
    const rb = this.rulebook;
    switch (e.type) {
      case 'call':
        return this.detector.call(e, person, state, rb);
      case 'sms':
        return this.detector.sms(e, state, rb);
      case 'web':
        return this.detector.web(e, state, rb);
      case 'app':
        return this.detector.app(e, state, rb);
      case 'transfer':
        return this.detector.transfer(e, state, rb);
    }
  }

  private payerOf(e: TransferEvent): string {
    if (e.payerPhone) {
      this.link(e.fromAccount, e.payerPhone);
      return e.payerPhone;
    }
    return this.accounts.get(e.fromAccount) ?? `account:${e.fromAccount}`;
  }

  private link(account: string, phone: string): void {
    if (this.accounts.get(account) === phone) return;
    this.accounts.delete(account);
    if (this.accounts.size >= this.options.maxAccountLinks) this.accounts.delete(this.accounts.keys().next().value as string);
    this.accounts.set(account, phone);
  }

  private conclude(state: PersonState, signals: Signal[], e: ScreeningEvent): WarningChange[] {
    if (signals.length === 0) return [];
    const rb = this.rulebook;
    const changes: WarningChange[] = [];
    if (e.type === 'transfer') {
      const flagged = signals.find((s) => s.name === 'transfer_indicator');
      if (flagged) changes.push({ change: 'raised', warning: fundWarning(state.key, e, flagged) });
    }
    // Someone known only by an account cannot be phoned or visited: the fund warning goes to the bank instead.
    if (state.key.startsWith('account:')) return changes;
    if (!advanceEpisodes(state, signals, rb, e.id, e.ts)) return changes;
    pruneEpisodes(state, rb, e.ts);
    const best = strongestEpisode(state, rb, e.ts);
    if (!best || best.score < rb.levelScores[3]) return changes;
    const level = levelOf(best.score, rb);
    const open = state.warning && e.ts - state.warning.updatedAt <= rb.warningMergeMs && !isNewStory(state, state.warning, best) ? state.warning : null;
    if (!open) {
      state.warning = this.raise(state.key, best, level, e);
      changes.push({ change: 'raised', warning: state.warning });
    } else if (best.score > open.score || level < open.level) {
      state.warning = this.upgrade(open, best, level, e.ts);
      changes.push({ change: 'upgraded', warning: state.warning });
    }
    return changes;
  }

  private raise(person: string, ep: Episode, level: WarningLevel, e: ScreeningEvent): Warning {
    const typology = this.rulebook.typologies.find((t) => t.id === ep.typology)!;
    return {
      id: warningId('person', person, e.sender, e.id),
      kind: 'person',
      person,
      level,
      fraudType: typology.fraudType,
      score: Math.round(ep.score),
      typology: typology.id,
      evidence: ep.evidence.slice(),
      events: eventIds(ep),
      action: `${ACTIONS[level]}。${typology.advice}`,
      bank: null,
      raisedAt: e.ts,
      updatedAt: e.ts,
      history: [{ level, score: Math.round(ep.score), at: e.ts }],
      storedAt: 0,
      seq: 0,
    };
  }

  private upgrade(open: Warning, ep: Episode, level: WarningLevel, ts: number): Warning {
    const typology = this.rulebook.typologies.find((t) => t.id === ep.typology)!;
    const newLevel = Math.min(level, open.level) as WarningLevel;
    return {
      ...open,
      level: newLevel,
      fraudType: typology.fraudType,
      score: Math.max(open.score, Math.round(ep.score)),
      typology: typology.id,
      evidence: ep.evidence.slice(),
      events: eventIds(ep),
      action: `${ACTIONS[newLevel]}。${typology.advice}`,
      updatedAt: ts,
      history: [...open.history, { level: newLevel, score: Math.round(ep.score), at: ts }],
      storedAt: 0,
      seq: 0,
    };
  }

  /** Everything the engine remembers, for a checkpoint. */
  snapshot(): EngineSnapshot {
    return {
      version: 1,
      people: Array.from(this.people.values(), (p) => p.toJSON()),
      accounts: Array.from(this.accounts),
      hosts: this.hosts.toJSON(),
      flows: this.flows.toJSON(),
      leads: this.leads.toJSON(),
      numbers: this.numbers.toJSON(),
      callbacks: this.callbacks.toJSON(),
      recent: this.recent.toJSON(),
    };
  }

  /** Restores a checkpoint into an empty engine. */
  restore(snapshot: EngineSnapshot): void {
    for (const p of snapshot.people) this.people.restore(PersonState.fromJSON(p as Parameters<typeof PersonState.fromJSON>[0]));
    for (const [account, phone] of snapshot.accounts) this.accounts.set(account, phone);
    this.hosts.restore(snapshot.hosts ?? []);
    this.flows.restore(snapshot.flows);
    this.leads.restore(snapshot.leads ?? []);
    this.numbers.restore(snapshot.numbers ?? []);
    this.callbacks.restore(snapshot.callbacks ?? []);
    this.recent.restore(snapshot.recent);
  }
}

function isChineseMobile(e164: string): boolean {
  return e164.length === 14 && e164.startsWith('+861');
}

/**
 * The person at risk in a call is the callee, unless only the caller is a Chinese mobile (a person calling a
 * service, fixed or overseas number: calling a scammer back). Pure, so that the transport can partition by it.
 */
function callPerson(from: string, to: string): string {
  return !isChineseMobile(to) && isChineseMobile(from) ? from : to;
}

/** The person an event is about as far as the event alone tells (partition key); transfers without the payer's phone go by account. */
export function personKey(e: ScreeningEvent): string {
  switch (e.type) {
    case 'call':
      return callPerson(e.from, e.to);
    case 'sms':
      return e.to;
    case 'web':
    case 'app':
      return e.subscriber;
    case 'transfer':
      return e.payerPhone ?? `account:${e.fromAccount}`;
    case 'account_open':
      return e.holderPhone;
    case 'sim_open':
      return e.msisdn;
  }
}

function levelOf(score: number, rb: Rulebook): WarningLevel {
  return score >= rb.levelScores[1] ? 1 : score >= rb.levelScores[2] ? 2 : 3;
}

function eventIds(ep: Episode): string[] {
  return [...new Set(ep.evidence.map((x) => x.eventId))];
}

/**
 * When the open warning's story is over (no live episode of its typology) and a scam of another typology began
 * after it was last raised or upgraded, that is a new story: it gets a warning of its own, so the station hears of
 * it, instead of a silent re-typing of the old warning.
 */
function isNewStory(state: PersonState, open: Warning, ep: Episode): boolean {
  return ep.typology !== open.typology && ep.startTs > open.updatedAt && !state.episodes.some((x) => x.typology === open.typology);
}

/** Deterministic for what opened the warning, so a replay of the same events writes the same ids. */
function warningId(kind: string, person: string, sender: string, eventId: string): string {
  return `w_${createHash('sha1').update(`${kind}\u0000${person}\u0000${sender}\u0000${eventId}`).digest('hex').slice(0, 20)}`;
}

/** 资金预警: a transfer to a flagged account, for the payer's bank to hold and verify. */
function fundWarning(person: string, e: TransferEvent, flagged: Signal): Warning {
  const card = e.fromAccount.includes(':') ? null : normalizeBankCard(e.fromAccount);
  const bank = e.bank ?? (card?.ok ? card.info.bankName : null);
  const fraudType: FraudType = flagged.types[0] ?? 'other';
  const score = Math.round(100 * flagged.strength);
  return {
    id: warningId('fund', person, e.sender, e.id),
    kind: 'fund',
    person,
    level: 1,
    fraudType,
    score,
    typology: 'fund.flagged_payee',
    evidence: [{ typology: 'fund.flagged_payee', step: '向涉诈账户转账', signal: flagged.name, weight: score, eventId: e.id, ts: e.ts, detail: flagged.detail() }],
    events: [e.id],
    action: '资金预警：请付款银行立即暂停该笔转账（或冻结在途资金），联系持卡人核实是否被骗，并回复处置结果',
    bank,
    raisedAt: e.ts,
    updatedAt: e.ts,
    history: [{ level: 1, score, at: e.ts }],
    storedAt: 0,
    seq: 0,
  };
}
