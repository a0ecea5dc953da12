import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/index.js';
import { FanzhaError, type InputProblem } from '../domain/errors.js';
import { maskAccount, maskPhone } from '../domain/mask.js';
import type { IndicatorKind } from '../domain/indicator.js';
import type { Actor, Role } from '../domain/role.js';
import type { Warning, WarningChange } from '../domain/warning.js';
import { canonical } from '../indicators/index.js';
import type { SqlExecutor, Store } from '../store/index.js';
import { DEFAULT_POLICY, duesFor, escalationStepMs, tighten, type DeadlinePolicy } from './deadlines.js';
import { checkTree, JurisdictionTree, mergeUnits, unitsFromDivisions } from './jurisdiction.js';
import { LiveHub, itemVisible, type LiveEvent } from './live.js';
import { route, sortPrefixes, type Placement } from './routing.js';
import { OutboxSmsGateway, smsBody, type SmsGateway } from './sms-gateway.js';
import type { ActionType, AuditEntry, BankInstruction, BankStatus, DispatchItem, Outcome, Scope, Tier, Unit } from './types.js';

const MIN = 60_000;
/** Trails of what is not a warning share the audit table under these keys (warning ids start with `w_`). */
export const ROSTER_TRAIL = 'roster';
export const UNIT_TRAIL = 'unit:';

/** One piece of work on an item: an action taken, an outcome, or both. */
export interface ActInput {
  action?: {
    type: ActionType;
    /** call / 96110: whether the person answered. */
    reached?: boolean;
    durationSec?: number;
    note?: string;
  };
  outcome?: Outcome;
  note?: string;
}

export interface DispatchOptions {
  policy?: DeadlinePolicy;
  /** Number prefix (E.164) -> station or district code. */
  prefixes?: Record<string, string>;
  sms?: SmsGateway;
  /** Where outcomes feed back to the indicators a warning's evidence named (see `feedBack`). */
  indicators?: IndicatorFeedback;
  /** The wall clock; tests pass their own so that nothing sleeps. */
  now?: () => number;
}

/** The part of the indicator service dispatch outcomes feed. */
export interface IndicatorFeedback {
  feedback(kind: IndicatorKind, value: string, verdict: 'confirmed' | 'false_alarm', by: { actor: Actor; reporter: string; ref: string }): Promise<void>;
}

/** What an outcome says about the indicators that raised the warning. */
const VERDICT_OF: Partial<Record<Outcome, 'confirmed' | 'false_alarm'>> = { dissuaded: 'confirmed', already_lost: 'confirmed', not_fraud: 'false_alarm' };

/** The optional dispatch file: units that replace or add to the derived tree, and number-prefix routes. */
const fileSchema = z.object({
  units: z
    .array(z.object({ code: z.string().min(1), name: z.string().min(1), level: z.enum(['city', 'district', 'station']), parent: z.string().min(1).nullable() }))
    .default([]),
  prefixes: z.record(z.string().regex(/^\+\d{1,14}$/), z.string().min(1)).default({}),
});

/** The policy the configuration names. */
export function policyFromConfig(config: Config): DeadlinePolicy {
  return {
    phoneMin: { 1: config.FANZHA_DEADLINE_L1_PHONE_MIN, 2: config.FANZHA_DEADLINE_L2_PHONE_MIN, 3: config.FANZHA_DEADLINE_L3_PHONE_MIN },
    visitMin: { 1: config.FANZHA_DEADLINE_L1_VISIT_MIN, 2: null, 3: null },
    unreachableVisitMin: config.FANZHA_DEADLINE_UNREACHABLE_VISIT_MIN,
  };
}

/** An item as a caller may see it: the person masked unless the caller is its station. */
export function viewFor(item: DispatchItem, scope: Scope): DispatchItem {
  const full = scope.level === 'station' && item.station === scope.code;
  if (full) return item;
  const person = item.person.startsWith('account:') ? `account:${maskAccount(item.person.slice(8))}` : maskPhone(item.person);
  return { ...item, person };
}

/** Deadlines not met yet, earliest first. */
function pendingDues(item: DispatchItem): number[] {
  const dues: number[] = [];
  if (item.phoneDue !== null && item.contactedAt === null) dues.push(item.phoneDue);
  if (item.visitDue !== null && item.visitedAt === null) dues.push(item.visitDue);
  return dues.sort((a, b) => a - b);
}

/**
 * Warning dispatch (三级预警劝阻): routes warnings to stations, keeps their deadlines, escalates what is late to
 * the district and then the city, records every action and outcome in an audit trail, and tells open consoles.
 */
export class DispatchService {
  readonly live: LiveHub;
  private treeNow: JurisdictionTree;
  private readonly prefixes: Array<[string, string]>;
  private readonly policy: DeadlinePolicy;
  private readonly sms: SmsGateway;
  private readonly indicators: IndicatorFeedback | null;
  readonly now: () => number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    units: readonly Unit[],
    options: DispatchOptions = {},
  ) {
    this.treeNow = new JurisdictionTree(units);
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.prefixes = sortPrefixes(options.prefixes ?? {});
    this.now = options.now ?? Date.now;
    this.sms = options.sms ?? new OutboxSmsGateway(store.dispatch, this.now);
    this.indicators = options.indicators ?? null;
    this.live = new LiveHub((event, scope) => (event.type === 'item' ? { ...event, item: viewFor(event.item, scope) } : event));
  }

  /**
   * Opens dispatch over a store: the tree kept in the store (first seeded from the administrative divisions of
   * FANZHA_DISPATCH_CITY), with the dispatch file's units applied over it, and the roster in memory.
   */
  static async open(store: Store, config: Config, options: Omit<DispatchOptions, 'prefixes' | 'policy'> = {}): Promise<DispatchService> {
    const file = config.FANZHA_DISPATCH_FILE ? fileSchema.parse(JSON.parse(fs.readFileSync(config.FANZHA_DISPATCH_FILE, 'utf8'))) : fileSchema.parse({});
    let units = await store.dispatch.units();
    const now = (options.now ?? Date.now)();
    if (units.length === 0) units = unitsFromDivisions(path.join(config.FANZHA_REALDATA_DIR, 'admin-divisions'), config.FANZHA_DISPATCH_CITY);
    units = mergeUnits(units, file.units);
    const problems = checkTree(units);
    if (problems.length) throw new Error(`the jurisdiction tree is not valid:\n  - ${problems.join('\n  - ')}`);
    await store.dispatch.saveUnits(units, now);
    return new DispatchService(store, units, { ...options, prefixes: file.prefixes, policy: policyFromConfig(config) });
  }

  get tree(): JurisdictionTree {
    return this.treeNow;
  }

  /** What a token holder may see: the city for analysts and admins, their unit for officers, their bank for banks. */
  scopeOf(principal: { role: Role | 'public' | 'system'; scope?: string | null }): Scope {
    if (principal.role === 'admin' || principal.role === 'analyst' || principal.role === 'system') return { level: 'city' };
    if (principal.role === 'bank_partner') return principal.scope ? { level: 'bank', bank: principal.scope } : { level: 'none' };
    if (principal.role === 'station_officer' && principal.scope) {
      const unit = this.treeNow.get(principal.scope);
      if (unit?.level === 'station') return { level: 'station', code: unit.code };
      if (unit?.level === 'district') return { level: 'district', code: unit.code };
      if (unit?.level === 'city') return { level: 'city' };
    }
    return { level: 'none' };
  }

  // --- intake ----------------------------------------------------------------------------------------------

  /**
   * Where a person at risk goes, given the registered stations of a batch. The roster is read from the store
   * per batch, not held in memory, so that an import by the CLI or another node counts at once.
   */
  place(person: string, stations: ReadonlyMap<string, string>): Placement {
    return route(person, { tree: this.treeNow, stationOf: (p) => stations.get(p), prefixes: this.prefixes });
  }

  /** Where a person at risk goes now (one roster look-up). */
  async locate(person: string): Promise<Placement> {
    return this.place(person, await this.store.dispatch.rosterStations([person]));
  }

  /**
   * Queues a batch of warning changes (as screening's onWarnings gives them); batches are handled in order. The
   * promise never rejects: a batch that fails is logged, and `catchUp` at the next start dispatches it from the
   * stored warnings.
   */
  enqueue(changes: readonly WarningChange[]): Promise<void> {
    this.chain = this.chain
      .then(() => this.handle(changes))
      .catch((err: unknown) => console.error('[dispatch] warnings not dispatched:', err));
    return this.chain;
  }

  /**
   * Dispatches the stored warnings changed since the last batch dispatch handled (a crash, or warnings stored
   * while no dispatch role ran). Handling is idempotent, so a warning seen twice changes nothing.
   */
  async catchUp(batch = 1000): Promise<number> {
    let done = 0;
    for (;;) {
      const after = await this.store.dispatch.cursor();
      const warnings = await this.store.screening.listWarnings({ after, limit: batch });
      if (warnings.length === 0) return done;
      // Through the queue, so that it never interleaves with a batch screening hands over meanwhile.
      const run = this.chain.then(() => this.handle(warnings.map((warning) => ({ change: 'raised' as const, warning }))));
      this.chain = run.catch(() => undefined);
      await run;
      done += warnings.length;
    }
  }

  /** Resolves when every queued batch is handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Creates an item per new warning and tightens the item of an upgraded one, in one transaction, then tells consoles. */
  async handle(changes: readonly WarningChange[]): Promise<void> {
    if (changes.length === 0) return;
    const now = this.now();
    const events: LiveEvent[] = [];
    await this.store.dispatch.transaction(async (tx) => {
      const known = new Map((await this.store.dispatch.items([...new Set(changes.map((c) => c.warning.id))], tx)).map((i) => [i.warningId, i]));
      const fresh = new Set<string>();
      const phones = [...new Set(changes.filter((c) => !known.has(c.warning.id) && c.warning.person.startsWith('+')).map((c) => c.warning.person))];
      const stations = await this.store.dispatch.rosterStations(phones, tx);
      const audit: Array<Omit<AuditEntry, 'id'>> = [];
      for (const { warning } of changes) {
        const existing = known.get(warning.id);
        if (!existing) {
          const item = this.newItem(warning, now, stations);
          known.set(item.warningId, item);
          fresh.add(item.warningId);
          audit.push({ warningId: item.warningId, at: now, actor: 'system', action: 'routed', detail: { level: item.level, station: item.station, district: item.district, reason: item.routeReason, phoneDue: item.phoneDue, visitDue: item.visitDue } });
          if (warning.kind === 'fund' && warning.bank) {
            const instruction = await this.store.dispatch.insertInstruction(tx, {
              warningId: warning.id, bank: warning.bank, level: warning.level, fraudType: warning.fraudType, status: 'sent', note: null, createdAt: now, updatedAt: now,
            });
            if (instruction) {
              audit.push({ warningId: warning.id, at: now, actor: 'system', action: 'bank_instruction', detail: { id: instruction.id, bank: instruction.bank } });
              events.push({ type: 'instruction', instruction });
            }
          }
        } else if (this.upgrade(existing, warning, now)) {
          audit.push({ warningId: existing.warningId, at: now, actor: 'system', action: 'upgraded', detail: { level: existing.level, phoneDue: existing.phoneDue, visitDue: existing.visitDue } });
          if (!fresh.has(existing.warningId)) {
            if (!(await this.store.dispatch.updateItem(tx, existing))) throw new FanzhaError('CONFLICT', `item ${existing.warningId} changed while upgrading`);
          }
        }
      }
      for (const id of fresh) await this.store.dispatch.insertItem(tx, known.get(id)!);
      await this.store.dispatch.audit(tx, audit);
      await this.store.dispatch.advanceCursor(tx, changes.reduce((m, c) => Math.max(m, c.warning.seq), 0));
      for (const c of changes) {
        const item = known.get(c.warning.id)!;
        events.push({ type: 'item', change: fresh.has(item.warningId) ? 'created' : 'upgraded', item });
      }
    });
    // Only what committed is told; several changes of one item in a batch are told once, as the item stands.
    const told = new Set<string>();
    for (const e of events.reverse()) {
      if (e.type === 'item') {
        if (told.has(e.item.warningId)) continue;
        told.add(e.item.warningId);
      }
      this.live.publish(e);
    }
  }

  private newItem(w: Warning, now: number, stations: ReadonlyMap<string, string>): DispatchItem {
    const placement = this.place(w.person, stations);
    const dues = duesFor(this.policy, w.level, now);
    const item: DispatchItem = {
      warningId: w.id, kind: w.kind, person: w.person, level: w.level, fraudType: w.fraudType, typology: w.typology, score: w.score, bank: w.bank,
      station: placement.station, district: placement.district, routeReason: placement.reason,
      status: 'open', claimedBy: null, claimedAt: null, tier: 'station', late: false,
      phoneDue: dues.phoneDue, visitDue: dues.visitDue, contactedAt: null, visitedAt: null, nextCheck: null,
      outcome: null, recovery: false, createdAt: now, updatedAt: now, closedAt: null, version: 0,
    };
    item.nextCheck = this.nextCheck(item);
    return item;
  }

  /** Applies a higher level to an item; false when the change does not raise it. */
  private upgrade(item: DispatchItem, w: Warning, now: number): boolean {
    if (w.level >= item.level) return false;
    const dues = duesFor(this.policy, w.level, now);
    item.level = w.level;
    item.score = w.score;
    item.fraudType = w.fraudType;
    item.typology = w.typology;
    if (item.contactedAt === null) item.phoneDue = tighten(item.phoneDue, dues.phoneDue);
    if (item.visitedAt === null) item.visitDue = tighten(item.visitDue, dues.visitDue);
    if (item.status === 'closed') {
      // A person already dissuaded who is now deeper in: the case is open again.
      item.status = 'open';
      item.claimedBy = null;
      item.claimedAt = null;
      item.outcome = null;
      item.closedAt = null;
      item.contactedAt = null;
      item.phoneDue = dues.phoneDue;
      item.visitDue = dues.visitDue;
    }
    item.updatedAt = now;
    item.nextCheck = this.nextCheck(item);
    return true;
  }

  /** When the sweep must look next: the earliest unmet deadline while at the station, that plus one step at the district. */
  private nextCheck(item: DispatchItem): number | null {
    if (item.status === 'closed') return null;
    const missed = pendingDues(item)[0];
    if (missed === undefined) return null;
    if (item.tier === 'station') return missed;
    if (item.tier === 'district') return missed + escalationStepMs(this.policy, item.level);
    return null;
  }

  // --- reading ---------------------------------------------------------------------------------------------

  /** Items the scope may see, newest first. */
  async list(scope: Scope, filter: { status?: DispatchItem['status'] | 'active'; late?: boolean; queue?: boolean; limit: number }): Promise<DispatchItem[]> {
    const base = { status: filter.status, late: filter.late, limit: filter.limit };
    let items: DispatchItem[];
    switch (scope.level) {
      case 'city':
        items = await this.store.dispatch.list({ ...base, cityQueue: filter.queue });
        break;
      case 'district':
        items = await this.store.dispatch.list({ ...base, district: scope.code, districtQueue: filter.queue });
        break;
      case 'station':
        items = await this.store.dispatch.list({ ...base, station: scope.code });
        break;
      default:
        throw new FanzhaError('FORBIDDEN', 'this token has no jurisdiction to see warnings in (ask for one with a station or district scope)');
    }
    return items.map((i) => viewFor(i, scope));
  }

  private async visibleItem(scope: Scope, warningId: string): Promise<DispatchItem> {
    const item = await this.store.dispatch.item(warningId);
    // Not found and not yours look the same, so that ids of other stations cannot be probed.
    if (!item || !itemVisible(scope, item)) throw new FanzhaError('NOT_FOUND', `no dispatched warning ${warningId}`);
    return item;
  }

  /** One item with its audit trail and the texts sent. */
  /** The audit trail of the roster (`ROSTER_TRAIL`) or of a unit (`unit:<code>`): city only. */
  async trailOf(scope: Scope, key: string): Promise<AuditEntry[]> {
    if (scope.level !== 'city') throw new FanzhaError('FORBIDDEN', 'the tree and roster trails are the city’s');
    return this.store.dispatch.trail(key);
  }

  async show(scope: Scope, warningId: string): Promise<{ item: DispatchItem; trail: AuditEntry[]; sms: Array<{ id: number; body: string; createdAt: number }> }> {
    const item = await this.visibleItem(scope, warningId);
    const trail = await this.store.dispatch.trail(warningId);
    const sms = (await this.store.dispatch.outbox(warningId)).map((m) => ({ id: m.id, body: m.body, createdAt: m.createdAt }));
    return { item: viewFor(item, scope), trail, sms };
  }

  // --- work ------------------------------------------------------------------------------------------------

  private async write(item: DispatchItem, entries: Array<Omit<AuditEntry, 'id' | 'warningId'>>, change: string): Promise<void> {
    await this.store.dispatch.transaction(async (tx: SqlExecutor) => {
      if (!(await this.store.dispatch.updateItem(tx, item))) {
        throw new FanzhaError('CONFLICT', `warning ${item.warningId} was changed by someone else meanwhile; reload it and try again`);
      }
      await this.store.dispatch.audit(tx, entries.map((e) => ({ ...e, warningId: item.warningId })));
    });
    this.live.publish({ type: 'item', change, item });
  }

  /** Takes an item for the calling officer; of two claims at once, one wins and the other gets CONFLICT. */
  async claim(actor: Actor, scope: Scope, warningId: string): Promise<DispatchItem> {
    await this.visibleItem(scope, warningId);
    const now = this.now();
    if (!(await this.store.dispatch.claim(warningId, actor.name, now))) {
      const current = await this.store.dispatch.item(warningId);
      if (current?.status === 'closed') throw new FanzhaError('INVALID_TRANSITION', `warning ${warningId} is closed (${current.outcome})`);
      throw new FanzhaError('CONFLICT', `warning ${warningId} is already claimed by ${current?.claimedBy ?? 'someone'}`, { claimedBy: current?.claimedBy ?? null });
    }
    await this.store.dispatch.transaction((tx) => this.store.dispatch.audit(tx, [{ warningId, at: now, actor: actor.name, action: 'claimed', detail: {} }]));
    const item = (await this.store.dispatch.item(warningId))!;
    this.live.publish({ type: 'item', change: 'claimed', item });
    return viewFor(item, scope);
  }

  /** Records an action (SMS, call, visit, 96110) and / or an outcome on an item. */
  async act(actor: Actor, scope: Scope, warningId: string, input: ActInput): Promise<DispatchItem> {
    if (!input.action && !input.outcome) throw new FanzhaError('VALIDATION_FAILED', 'give an action, an outcome, or both');
    let item = await this.visibleItem(scope, warningId);
    if (item.status === 'closed') throw new FanzhaError('INVALID_TRANSITION', `warning ${warningId} is closed (${item.outcome})`);
    if (scope.level === 'station') {
      // The officer who works it holds it: an unclaimed item is claimed by acting on it.
      if (item.claimedBy === null) {
        await this.claim(actor, scope, warningId);
        item = await this.visibleItem(scope, warningId);
      } else if (item.claimedBy !== actor.name) {
        throw new FanzhaError('CONFLICT', `warning ${warningId} is claimed by ${item.claimedBy}`, { claimedBy: item.claimedBy });
      }
    }
    const now = this.now();
    const entries: Array<Omit<AuditEntry, 'id' | 'warningId'>> = [];
    const a = input.action;
    if (a) {
      const detail: Record<string, unknown> = { note: a.note ?? null };
      if (a.type === 'sms') {
        if (!item.person.startsWith('+')) throw new FanzhaError('INVALID_TRANSITION', 'this warning has no phone number to text');
        const sent = await this.sms.send({ warningId, to: item.person, template: item.fraudType, body: smsBody(item.fraudType) });
        detail.message = sent.id;
        // A text is contact enough only for a level-3 warning; levels 1 and 2 need a voice.
        if (item.level === 3) item.contactedAt ??= now;
      } else if (a.type === 'call' || a.type === 'hotline_96110') {
        detail.reached = a.reached ?? false;
        detail.durationSec = a.durationSec ?? 0;
        if (a.reached) item.contactedAt ??= now;
      } else {
        item.visitedAt ??= now;
        item.contactedAt ??= now;
      }
      entries.push({ at: now, actor: actor.name, action: a.type, detail });
    }
    if (input.outcome) {
      item.outcome = input.outcome;
      if (input.outcome === 'unreachable') {
        // Not reached by phone: someone must go; the visit is due within the configured minutes.
        item.status = 'visit_required';
        if (item.visitedAt === null) item.visitDue = tighten(item.visitDue, now + this.policy.unreachableVisitMin * MIN);
      } else {
        item.status = 'closed';
        item.closedAt = now;
        item.recovery = input.outcome === 'already_lost';
      }
      entries.push({ at: now, actor: actor.name, action: 'outcome', detail: { outcome: input.outcome, recovery: item.recovery, note: input.note ?? null } });
    }
    item.updatedAt = now;
    item.nextCheck = this.nextCheck(item);
    await this.write(item, entries, input.outcome ? 'outcome' : 'action');
    if (input.outcome) await this.feedBack(item, input.outcome, actor);
    return viewFor(item, scope);
  }

  /**
   * Outcomes flow back to screening's inputs: a person dissuaded or already robbed confirms each indicator the
   * warning's evidence matched (the station becomes an independent sighting of it); a false alarm lowers their
   * score. The per-typology false-alarm rates are `stats()`.
   */
  private async feedBack(item: DispatchItem, outcome: Outcome, actor: Actor): Promise<void> {
    const verdict = VERDICT_OF[outcome];
    if (!verdict || !this.indicators) return;
    const warning = await this.store.screening.getWarning(item.warningId);
    const seen = new Set<string>();
    for (const e of warning?.evidence ?? []) {
      if (!e.indicator || seen.has(`${e.indicator.kind}:${e.indicator.value}`)) continue;
      seen.add(`${e.indicator.kind}:${e.indicator.value}`);
      await this.indicators.feedback(e.indicator.kind, e.indicator.value, verdict, { actor, reporter: `dispatch:${item.station ?? item.district ?? 'city'}`, ref: item.warningId });
    }
  }

  /** Moves an item to another station, a district queue, or the city queue (`to` = the city's code). */
  async reassign(actor: Actor, scope: Scope, warningId: string, to: string, note?: string): Promise<DispatchItem> {
    if (scope.level !== 'city' && scope.level !== 'district') throw new FanzhaError('FORBIDDEN', 'only a district or the city re-assigns warnings');
    const item = await this.visibleItem(scope, warningId);
    if (item.status === 'closed') throw new FanzhaError('INVALID_TRANSITION', `warning ${warningId} is closed (${item.outcome})`);
    const unit = this.treeNow.get(to);
    if (!unit) throw new FanzhaError('INVALID_VALUE', `no unit ${to} in the jurisdiction tree`);
    const district = unit.level === 'station' ? this.treeNow.districtOf(to) : unit.level === 'district' ? to : null;
    if (scope.level === 'district' && district !== scope.code) throw new FanzhaError('FORBIDDEN', `district ${scope.code} re-assigns only within itself; ask the city`);
    const from = { station: item.station, district: item.district };
    const now = this.now();
    item.station = unit.level === 'station' ? to : null;
    item.district = district;
    item.routeReason = 'reassigned';
    item.claimedBy = null;
    item.claimedAt = null;
    if (item.status === 'claimed') item.status = 'open';
    item.updatedAt = now;
    await this.write(item, [{ at: now, actor: actor.name, action: 'reassigned', detail: { from, to: { station: item.station, district: item.district }, note: note ?? null } }], 'reassigned');
    return viewFor(item, scope);
  }

  /**
   * The periodic sweep: each item past a deadline is marked late and its lateness raised to the district; still
   * unmet one step later, to the city. Returns the items it changed.
   */
  async sweep(limit = 1000): Promise<number> {
    const now = this.now();
    let changed = 0;
    // A backlog larger than one page is swept in pages; a page in which nothing could be written ends it, so
    // items others keep changing wait for the next sweep instead of spinning this one.
    for (let page = await this.store.dispatch.due(now, limit), before = -1; page.length > 0 && changed > before; ) {
      before = changed;
      changed += await this.sweepPage(page, now);
      page = page.length === limit ? await this.store.dispatch.due(now, limit) : [];
    }
    return changed;
  }

  private async sweepPage(page: DispatchItem[], now: number): Promise<number> {
    let changed = 0;
    for (const item of page) {
      const missed = pendingDues(item)[0];
      const entries: Array<Omit<AuditEntry, 'id' | 'warningId'>> = [];
      if (missed !== undefined && now >= missed) {
        item.late = true;
        const step = escalationStepMs(this.policy, item.level);
        const climb: Array<[Tier, Tier, number]> = [['station', 'district', missed], ['district', 'city', missed + step]];
        for (const [fromTier, toTier, at] of climb) {
          if (item.tier === fromTier && now >= at) {
            item.tier = toTier;
            entries.push({ at: now, actor: 'system', action: 'escalated', detail: { to: toTier, missed: missed === item.visitDue && item.visitedAt === null ? 'visit' : 'contact', dueAt: missed } });
          }
        }
      }
      item.updatedAt = now;
      item.nextCheck = this.nextCheck(item);
      try {
        await this.write(item, entries, 'escalated');
        changed++;
      } catch (err) {
        // Someone acted on it meanwhile; the next sweep sees it as it now stands.
        if (!(err instanceof FanzhaError && err.code === 'CONFLICT')) throw err;
      }
    }
    return changed;
  }

  // --- roster and tree -------------------------------------------------------------------------------------

  /** Imports roster lines {phone, stationCode} (extra fields ignored); returns what was taken and what not. */
  async importRoster(actor: Actor, lines: readonly unknown[]): Promise<{ imported: number; rejected: InputProblem[] }> {
    const rows: Array<{ phone: string; stationCode: string }> = [];
    const rejected: InputProblem[] = [];
    lines.forEach((line, i) => {
      const r = line as { phone?: unknown; stationCode?: unknown };
      const phone = typeof r?.phone === 'string' ? canonical('phone', r.phone) : null;
      if (!phone) return rejected.push({ at: i + 1, code: 'INVALID_VALUE', reason: 'phone is missing or not a phone number' });
      const code = typeof r.stationCode === 'string' ? r.stationCode : '';
      if (this.treeNow.get(code)?.level !== 'station') return rejected.push({ at: i + 1, code: 'UNKNOWN_STATION', reason: `station ${code || '(none)'} is not in the tree` });
      rows.push({ phone, stationCode: code });
    });
    const now = this.now();
    await this.store.dispatch.saveRoster(rows, now);
    await this.store.dispatch.transaction((tx) =>
      this.store.dispatch.audit(tx, [{ warningId: ROSTER_TRAIL, at: now, actor: actor.name, action: 'roster_imported', detail: { imported: rows.length, rejected: rejected.length } }]),
    );
    return { imported: rows.length, rejected };
  }

  /** Adds or changes a unit of the tree (an admin's edit); the tree must stay valid. */
  async saveUnit(actor: Actor, unit: Unit): Promise<Unit> {
    const units = mergeUnits(this.treeNow.all(), [unit]);
    const problems = checkTree(units);
    if (problems.length) throw new FanzhaError('INVALID_VALUE', 'the jurisdiction tree would not be valid', { problems });
    const now = this.now();
    const before = this.treeNow.get(unit.code) ?? null;
    await this.store.dispatch.saveUnits([unit], now);
    await this.store.dispatch.transaction((tx) =>
      this.store.dispatch.audit(tx, [{ warningId: `${UNIT_TRAIL}${unit.code}`, at: now, actor: actor.name, action: 'unit_saved', detail: { before, after: unit } }]),
    );
    this.treeNow = new JurisdictionTree(units);
    return unit;
  }

  // --- banks -----------------------------------------------------------------------------------------------

  async instructions(scope: Scope, limit: number): Promise<BankInstruction[]> {
    if (scope.level === 'bank') return this.store.dispatch.instructions({ bank: scope.bank, limit });
    if (scope.level === 'city') return this.store.dispatch.instructions({ limit });
    throw new FanzhaError('FORBIDDEN', 'bank instructions are for the bank they name and the city centre');
  }

  /** A bank's answer: acknowledged, then held / released, or customer-confirmed fraud. */
  async answerInstruction(actor: Actor, scope: Scope, id: number, status: Exclude<BankStatus, 'sent'>, note?: string): Promise<BankInstruction> {
    const current = await this.store.dispatch.instruction(id);
    if (!current || (scope.level === 'bank' ? current.bank !== scope.bank : scope.level !== 'city')) throw new FanzhaError('NOT_FOUND', `no instruction ${id}`);
    const from: Record<Exclude<BankStatus, 'sent'>, BankStatus[]> = {
      acknowledged: ['sent'],
      held: ['sent', 'acknowledged'],
      released: ['held'],
      confirmed_fraud: ['sent', 'acknowledged', 'held'],
    };
    const now = this.now();
    const ok = await this.store.dispatch.transaction(async (tx) => {
      if (!(await this.store.dispatch.answerInstruction(tx, id, from[status], status, note ?? null, now))) return false;
      await this.store.dispatch.audit(tx, [{ warningId: current.warningId, at: now, actor: actor.name, action: `bank_${status}`, detail: { instruction: id, note: note ?? null } }]);
      return true;
    });
    if (!ok) throw new FanzhaError('INVALID_TRANSITION', `instruction ${id} is ${current.status}; it cannot become ${status}`);
    const answered = (await this.store.dispatch.instruction(id))!;
    this.live.publish({ type: 'instruction', instruction: answered });
    return answered;
  }

  // --- feedback --------------------------------------------------------------------------------------------

  /** Outcomes by typology and fraud type, with the false-alarm (not fraud) rate of each. */
  async stats(): Promise<{ byTypology: FeedbackRow[]; byFraudType: FeedbackRow[] }> {
    const counts = await this.store.dispatch.outcomeCounts();
    const group = (key: 'typology' | 'fraudType'): FeedbackRow[] => {
      const rows = new Map<string, FeedbackRow>();
      for (const c of counts) {
        const k = c[key];
        const row = rows.get(k) ?? { key: k, outcomes: {}, total: 0, falseAlarmRate: 0 };
        row.outcomes[c.outcome] = (row.outcomes[c.outcome] ?? 0) + c.n;
        row.total += c.n;
        rows.set(k, row);
      }
      for (const r of rows.values()) r.falseAlarmRate = r.total ? (r.outcomes.not_fraud ?? 0) / r.total : 0;
      return [...rows.values()].sort((a, b) => b.total - a.total);
    };
    return { byTypology: group('typology'), byFraudType: group('fraudType') };
  }
}

export interface FeedbackRow {
  key: string;
  outcomes: Record<string, number>;
  total: number;
  /** Share of recorded outcomes that were 'not_fraud'. */
  falseAlarmRate: number;
}
