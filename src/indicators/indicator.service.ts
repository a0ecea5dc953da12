import type { Config } from '../config/index.js';
import { FanzhaError, type InputProblem } from '../domain/errors.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { Indicator, IndicatorChange, IndicatorKind, IndicatorStatus, Sighting } from '../domain/indicator.js';
import type { Actor } from '../domain/role.js';
import type { NewIndicator, SqlExecutor, Store } from '../store/index.js';
import type { AllowList } from './allowlist.js';
import type { IndicatorIndex } from './match/indicator-index.js';

/** One value to bring into the store, already in canonical form. */
export interface IngestRecord {
  kind: IndicatorKind;
  value: string;
  /** Where it came from in the caller's input (line number, array index). */
  at: string | number;
  status?: IndicatorStatus;
  fraudTypes?: FraudType[];
  score?: number;
  expiresAt?: number;
  note?: string;
}

export interface IngestOptions {
  actor: Actor;
  /** The independent source this batch speaks for: `import:phishtank`, `partner:cmcc`, `report:R-1`. */
  reporter: string;
  ref?: string;
  /** Status for records that do not carry their own; `reported` when absent. */
  status?: IndicatorStatus;
  fraudTypes?: FraudType[];
}

export interface IngestSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: InputProblem[];
}

const RANK: Record<IndicatorStatus, number> = { reported: 1, verified: 2, blocked: 3, expired: 0, revoked: 0 };
/** Score an indicator loses each time a station finds a warning it raised to be a false alarm. */
const FALSE_ALARM_PENALTY = 10;
const BASE_SCORE: Record<IndicatorStatus, number> = { reported: 40, verified: 80, blocked: 90, expired: 0, revoked: 0 };
const DAY = 86_400_000;

/**
 * The indicator lifecycle: ingest (imports, partner and victim reports), status changes with history,
 * automatic review requests and expiry. Every write goes to the store in one transaction and then to the
 * in-memory index, so look-ups see it at once.
 */
export class IndicatorService {
  constructor(
    private readonly store: Store,
    private readonly index: IndicatorIndex,
    private readonly allowlist: AllowList,
    private readonly config: Pick<
      Config,
      'FANZHA_VERIFY_THRESHOLD' | 'FANZHA_TTL_DAYS_PHONE' | 'FANZHA_TTL_DAYS_WEB' | 'FANZHA_TTL_DAYS_ACCOUNT'
    >,
    private readonly now: () => number = Date.now,
  ) {}

  /** Days an indicator of this kind lives without a new sighting. */
  ttl(kind: IndicatorKind): number {
    if (kind === 'phone') return this.config.FANZHA_TTL_DAYS_PHONE * DAY;
    if (kind === 'url' || kind === 'domain' || kind === 'ip') return this.config.FANZHA_TTL_DAYS_WEB * DAY;
    return this.config.FANZHA_TTL_DAYS_ACCOUNT * DAY;
  }

  /**
   * Brings a batch of canonical values in, in one transaction. New values are created; known ones gain a
   * sighting from a new reporter, fraud types, and a higher status. Nothing changes for a value this
   * reporter already brought with the same facts, so re-importing a file is a no-op.
   */
  async ingest(records: readonly IngestRecord[], options: IngestOptions): Promise<IngestSummary> {
    const summary: IngestSummary = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    const accepted: IngestRecord[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      const status = r.status ?? options.status ?? 'reported';
      if (status === 'expired' || status === 'revoked') {
        summary.rejected.push({ at: r.at, code: 'INVALID_STATUS', reason: `cannot bring a value in as ${status}` });
        continue;
      }
      const allowed = this.allowlist.covering(r.kind, r.value);
      if (allowed && status !== 'reported') {
        summary.rejected.push({ at: r.at, code: 'ALLOWLISTED', reason: `${r.value} is on the allow-list (${allowed.reason})` });
        continue;
      }
      const key = `${r.kind}|${r.value}`;
      if (seen.has(key)) {
        summary.unchanged++;
        continue;
      }
      seen.add(key);
      accepted.push({ ...r, status });
    }
    if (accepted.length === 0) return summary;

    const changed = await this.store.indicators.transaction(async (tx) => {
      const byKind = new Map<IndicatorKind, IngestRecord[]>();
      for (const r of accepted) {
        const group = byKind.get(r.kind);
        if (group) group.push(r);
        else byKind.set(r.kind, [r]);
      }
      const out: Indicator[] = [];
      for (const [kind, group] of byKind) out.push(...(await this.ingestKind(tx, kind, group, options, summary)));
      return out;
    });
    for (const ind of changed) this.index.upsert(ind);
    return summary;
  }

  private async ingestKind(
    tx: SqlExecutor,
    kind: IndicatorKind,
    records: IngestRecord[],
    options: IngestOptions,
    summary: IngestSummary,
  ): Promise<Indicator[]> {
    const repo = this.store.indicators;
    const now = this.now();
    const existing = await repo.findByValues(tx, kind, records.map((r) => r.value));
    const known = [...existing.values()];
    const alreadySighted = await repo.sightedBy(tx, options.reporter, known.map((i) => i.id));

    const fresh: IngestRecord[] = [];
    const updates: Array<{ before: Indicator; after: Indicator; newSighting: boolean; note: string | null }> = [];
    for (const r of records) {
      const before = existing.get(r.value);
      if (!before) {
        fresh.push(r);
        continue;
      }
      const after = this.merge(before, r, options, !alreadySighted.has(before.id), now);
      if (after) updates.push({ before, after, newSighting: !alreadySighted.has(before.id), note: r.note ?? null });
      else summary.unchanged++;
    }

    const count = fresh.length + updates.length;
    if (count === 0) return [];
    let seq = await repo.reserveSeq(tx, count);
    const history: Omit<IndicatorChange, 'id'>[] = [];
    const sightings: Sighting[] = [];
    const changed: Indicator[] = [];

    const rows: NewIndicator[] = fresh.map((r) => {
      const status = r.status ?? 'reported';
      return {
        kind,
        value: r.value,
        status,
        fraudTypes: unique([...(r.fraudTypes ?? []), ...(options.fraudTypes ?? [])]),
        score: r.score ?? BASE_SCORE[status],
        source: options.reporter,
        firstSeen: now,
        lastSeen: now,
        sightings: 1,
        expiresAt: r.expiresAt ?? now + this.ttl(kind),
        reviewRequestedAt: null,
        seq: seq++,
        updatedAt: now,
      };
    });
    const ids = await repo.insertMany(tx, rows);
    for (let i = 0; i < rows.length; i++) {
      const ind: Indicator = { ...rows[i], id: ids.get(rows[i].value)! };
      changed.push(ind);
      sightings.push({ indicatorId: ind.id, reporter: options.reporter, ref: options.ref ?? null, at: now, note: fresh[i].note ?? null });
      history.push({
        indicatorId: ind.id,
        at: now,
        actor: options.actor.name,
        action: 'create',
        fromStatus: null,
        toStatus: ind.status,
        reason: `brought in by ${options.reporter}`,
        changes: { fraudTypes: ind.fraudTypes, score: ind.score },
      });
    }
    summary.created += rows.length;

    for (const { before, after, newSighting, note } of updates) {
      after.seq = seq++;
      await repo.update(tx, after);
      changed.push(after);
      if (newSighting) {
        sightings.push({ indicatorId: after.id, reporter: options.reporter, ref: options.ref ?? null, at: now, note });
      }
      history.push(...this.describeChange(before, after, options, now));
    }
    summary.updated += updates.length;

    await repo.addSightings(tx, sightings);
    await repo.addHistory(tx, history);
    return changed;
  }

  /** The indicator after this record is applied, or null when nothing would change. */
  private merge(before: Indicator, r: IngestRecord, options: IngestOptions, newSighting: boolean, now: number): Indicator | null {
    const after: Indicator = { ...before, fraudTypes: unique([...before.fraudTypes, ...(r.fraudTypes ?? []), ...(options.fraudTypes ?? [])]) };
    const wanted = r.status ?? 'reported';
    // An analyst's revocation stands until an analyst reverses it; expiry ends when the value is seen again.
    if (before.status !== 'revoked' && RANK[wanted] > RANK[before.status]) after.status = wanted;
    if (newSighting) {
      after.sightings = before.sightings + 1;
      after.lastSeen = now;
      after.expiresAt = Math.max(before.expiresAt ?? 0, r.expiresAt ?? now + this.ttl(before.kind));
      if (before.status === 'expired') after.status = wanted;
    } else if (r.expiresAt !== undefined && r.expiresAt > (before.expiresAt ?? 0)) {
      after.expiresAt = r.expiresAt;
    }
    after.score = Math.min(100, Math.max(before.score, r.score ?? 0, BASE_SCORE[after.status]) + (newSighting ? 5 : 0));
    if (
      after.status === 'reported' &&
      after.reviewRequestedAt === null &&
      after.sightings >= this.config.FANZHA_VERIFY_THRESHOLD
    ) {
      after.reviewRequestedAt = now;
    }
    const same =
      after.status === before.status &&
      after.sightings === before.sightings &&
      after.score === before.score &&
      after.expiresAt === before.expiresAt &&
      after.reviewRequestedAt === before.reviewRequestedAt &&
      after.fraudTypes.length === before.fraudTypes.length;
    if (same) return null;
    after.updatedAt = now;
    return after;
  }

  private describeChange(before: Indicator, after: Indicator, options: IngestOptions, now: number): Omit<IndicatorChange, 'id'>[] {
    const base = { indicatorId: after.id, at: now, actor: options.actor.name };
    const out: Omit<IndicatorChange, 'id'>[] = [];
    if (after.sightings > before.sightings) {
      out.push({ ...base, action: 'sighting', fromStatus: null, toStatus: null, reason: `reported by ${options.reporter}`, changes: { sightings: after.sightings } });
    }
    if (after.status !== before.status) {
      out.push({ ...base, action: 'status', fromStatus: before.status, toStatus: after.status, reason: `raised by ${options.reporter}`, changes: null });
    }
    if (after.reviewRequestedAt !== null && before.reviewRequestedAt === null) {
      out.push({
        ...base,
        actor: 'system',
        action: 'review',
        fromStatus: null,
        toStatus: null,
        reason: `${after.sightings} independent reports: raised for verification`,
        changes: null,
      });
    }
    const addedTypes = after.fraudTypes.filter((t) => !before.fraudTypes.includes(t));
    if (out.length === 0 || addedTypes.length > 0) {
      out.push({ ...base, action: 'update', fromStatus: null, toStatus: null, reason: `updated by ${options.reporter}`, changes: { fraudTypes: after.fraudTypes, expiresAt: after.expiresAt, score: after.score } });
    }
    return out;
  }

  /** An analyst's decision: moves an indicator to `status` with a reason, recorded in its history. */
  async setStatus(id: number, status: IndicatorStatus, actor: Actor, reason: string): Promise<Indicator> {
    if (!reason.trim()) throw new FanzhaError('VALIDATION_FAILED', 'a reason is required to change a status');
    const updated = await this.store.indicators.transaction(async (tx) => {
      const current = await this.store.indicators.findById(tx, id);
      if (!current) throw new FanzhaError('NOT_FOUND', `no indicator ${id}`);
      if (current.status === status) return current;
      if (status === 'blocked' || status === 'verified') {
        const allowed = this.allowlist.covering(current.kind, current.value);
        if (allowed) throw new FanzhaError('ALLOWLISTED', `${current.value} is on the allow-list and can never be ${status}`, { reason: allowed.reason });
      }
      const now = this.now();
      const after: Indicator = {
        ...current,
        status,
        score: Math.max(current.score, BASE_SCORE[status]),
        reviewRequestedAt: status === 'reported' ? current.reviewRequestedAt : null,
        expiresAt: status === 'verified' || status === 'blocked' || status === 'reported' ? Math.max(current.expiresAt ?? 0, now + this.ttl(current.kind)) : current.expiresAt,
        seq: await this.store.indicators.reserveSeq(tx, 1),
        updatedAt: now,
      };
      await this.store.indicators.update(tx, after);
      await this.store.indicators.addHistory(tx, [
        { indicatorId: id, at: now, actor: actor.name, action: 'status', fromStatus: current.status, toStatus: status, reason, changes: null },
      ]);
      return after;
    });
    this.index.upsert(updated);
    return updated;
  }

  /**
   * What a station found when it worked a warning that named this indicator. `confirmed` (the person was being
   * defrauded) adds the station as an independent sighting, which raises the value for verification as reports
   * do; `false_alarm` lowers its score by FALSE_ALARM_PENALTY and says so in its history. Values no longer stored
   * are skipped.
   */
  async feedback(kind: IndicatorKind, value: string, verdict: 'confirmed' | 'false_alarm', by: { actor: Actor; reporter: string; ref: string }): Promise<void> {
    if (verdict === 'confirmed') {
      await this.ingest([{ kind, value, at: by.ref }], { actor: by.actor, reporter: by.reporter, ref: by.ref, status: 'reported' });
      return;
    }
    const updated = await this.store.indicators.transaction(async (tx) => {
      const current = (await this.store.indicators.findByValues(tx, kind, [value])).get(value);
      if (!current) return null;
      const now = this.now();
      const after: Indicator = { ...current, score: Math.max(0, current.score - FALSE_ALARM_PENALTY), seq: await this.store.indicators.reserveSeq(tx, 1), updatedAt: now };
      await this.store.indicators.update(tx, after);
      await this.store.indicators.addHistory(tx, [
        { indicatorId: current.id, at: now, actor: by.actor.name, action: 'false_alarm', fromStatus: null, toStatus: null, reason: `${by.reporter}: warning ${by.ref} was a false alarm`, changes: { score: after.score } },
      ]);
      return after;
    });
    if (updated) this.index.upsert(updated);
  }

  /** Moves indicators past their expiry to `expired`; returns how many. */
  async expireDue(): Promise<number> {
    const now = this.now();
    let total = 0;
    for (;;) {
      const due = await this.store.indicators.dueForExpiry(now, 1000);
      if (due.length === 0) return total;
      const expired = await this.store.indicators.transaction(async (tx) => {
        let seq = await this.store.indicators.reserveSeq(tx, due.length);
        const out: Indicator[] = [];
        for (const ind of due) {
          const after: Indicator = { ...ind, status: 'expired', seq: seq++, updatedAt: now };
          await this.store.indicators.update(tx, after);
          out.push(after);
        }
        await this.store.indicators.addHistory(
          tx,
          due.map((ind) => ({
            indicatorId: ind.id,
            at: now,
            actor: 'system',
            action: 'expire' as const,
            fromStatus: ind.status,
            toStatus: 'expired' as const,
            reason: 'no new sighting before the expiry date',
            changes: null,
          })),
        );
        return out;
      });
      for (const ind of expired) this.index.upsert(ind);
      total += expired.length;
    }
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
