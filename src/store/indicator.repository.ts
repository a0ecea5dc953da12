import type { FraudType } from '../domain/fraud-type.js';
import {
  INDICATOR_KINDS,
  INDICATOR_STATUSES,
  type Indicator,
  type IndicatorChange,
  type IndicatorKind,
  type IndicatorStatus,
  type Sighting,
} from '../domain/indicator.js';
import { Where } from './where.js';
import type { SqlDriver, SqlExecutor } from './driver.js';

const COLUMNS =
  'id, kind, value, status, fraud_types, score, source, first_seen, last_seen, sightings, expires_at, review_requested_at, seq, updated_at';

interface IndicatorRow {
  id: number;
  kind: string;
  value: string;
  status: string;
  fraud_types: string;
  score: number;
  source: string;
  first_seen: number;
  last_seen: number;
  sightings: number;
  expires_at: number | null;
  review_requested_at: number | null;
  seq: number;
  updated_at: number;
}

function toIndicator(row: IndicatorRow): Indicator {
  return {
    id: Number(row.id),
    kind: row.kind as IndicatorKind,
    value: row.value,
    status: row.status as IndicatorStatus,
    fraudTypes: row.fraud_types ? (row.fraud_types.split(',') as FraudType[]) : [],
    score: Number(row.score),
    source: row.source,
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    sightings: Number(row.sightings),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    reviewRequestedAt: row.review_requested_at === null ? null : Number(row.review_requested_at),
    seq: Number(row.seq),
    updatedAt: Number(row.updated_at),
  };
}

/** An indicator as the load path streams it: only what the in-memory index keeps. */
export interface IndicatorLoadRow {
  id: number;
  kind: IndicatorKind;
  value: string;
  status: IndicatorStatus;
  fraudTypes: string;
  score: number;
  sightings: number;
  expiresAt: number | null;
  seq: number;
}

export type NewIndicator = Omit<Indicator, 'id'>;

export interface IndicatorFilter {
  kind?: IndicatorKind;
  status?: IndicatorStatus;
  /** Substring of the canonical value. */
  contains?: string;
  reviewRequested?: boolean;
  /** Keyset paging: rows with id below this one (newest first). */
  beforeId?: number;
  limit: number;
}

const CHUNK = 400;

/** `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`: the position of the column's value in `names`. */
function codeOf(column: string, names: readonly string[]): string {
  return `CASE ${column} ${names.map((n, i) => `WHEN '${n}' THEN ${i}`).join(' ')} END`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All SQL about indicators, their sightings and their history. */
export class IndicatorRepository {
  constructor(private readonly db: SqlDriver) {}

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Reserves `n` consecutive change numbers; the counter row lock keeps them in commit order. */
  async reserveSeq(tx: SqlExecutor, n: number): Promise<number> {
    const row = await tx.get<{ value: number }>(
      "UPDATE counters SET value = value + ? WHERE name = 'indicator_seq' RETURNING value",
      [n],
    );
    if (!row) throw new Error('counter indicator_seq is missing');
    return Number(row.value) - n + 1;
  }

  async findByValues(tx: SqlExecutor, kind: IndicatorKind, values: readonly string[]): Promise<Map<string, Indicator>> {
    const found = new Map<string, Indicator>();
    for (const part of chunks(values, CHUNK)) {
      const rows = await tx.all<IndicatorRow>(
        `SELECT ${COLUMNS} FROM indicators WHERE kind = ? AND value IN (${part.map(() => '?').join(',')})`,
        [kind, ...part],
      );
      for (const row of rows) found.set(row.value, toIndicator(row));
    }
    return found;
  }

  async findById(tx: SqlExecutor, id: number): Promise<Indicator | undefined> {
    const row = await tx.get<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators WHERE id = ?`, [id]);
    return row && toIndicator(row);
  }

  /** Which of `indicatorIds` already carry a sighting from `reporter`. */
  async sightedBy(tx: SqlExecutor, reporter: string, indicatorIds: readonly number[]): Promise<Set<number>> {
    const seen = new Set<number>();
    for (const part of chunks(indicatorIds, CHUNK)) {
      const rows = await tx.all<{ indicator_id: number }>(
        `SELECT indicator_id FROM indicator_sightings WHERE reporter = ? AND indicator_id IN (${part.map(() => '?').join(',')})`,
        [reporter, ...part],
      );
      for (const row of rows) seen.add(Number(row.indicator_id));
    }
    return seen;
  }

  /** Inserts new indicators; returns their ids by value. */
  async insertMany(tx: SqlExecutor, rows: readonly NewIndicator[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const part of chunks(rows, 200)) {
      const params: unknown[] = [];
      for (const r of part) {
        params.push(r.kind, r.value, r.status, r.fraudTypes.join(','), r.score, r.source, r.firstSeen, r.lastSeen);
        params.push(r.sightings, r.expiresAt, r.reviewRequestedAt, r.seq, r.updatedAt);
      }
      const inserted = await tx.all<{ id: number; value: string }>(
        `INSERT INTO indicators (kind, value, status, fraud_types, score, source, first_seen, last_seen, sightings, expires_at, review_requested_at, seq, updated_at) VALUES ${part
          .map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?)')
          .join(',')} RETURNING id, value`,
        params,
      );
      for (const row of inserted) ids.set(row.value, Number(row.id));
    }
    return ids;
  }

  /** Writes the mutable fields of an indicator back. */
  async update(tx: SqlExecutor, ind: Indicator): Promise<void> {
    await tx.run(
      `UPDATE indicators SET status = ?, fraud_types = ?, score = ?, last_seen = ?, sightings = ?, expires_at = ?,
         review_requested_at = ?, seq = ?, updated_at = ? WHERE id = ?`,
      [
        ind.status,
        ind.fraudTypes.join(','),
        ind.score,
        ind.lastSeen,
        ind.sightings,
        ind.expiresAt,
        ind.reviewRequestedAt,
        ind.seq,
        ind.updatedAt,
        ind.id,
      ],
    );
  }

  async addSightings(tx: SqlExecutor, sightings: readonly Sighting[]): Promise<void> {
    for (const part of chunks(sightings, 200)) {
      const params: unknown[] = [];
      for (const s of part) params.push(s.indicatorId, s.reporter, s.ref, s.at, s.note);
      await tx.run(
        `INSERT INTO indicator_sightings (indicator_id, reporter, ref, at, note) VALUES ${part
          .map(() => '(?,?,?,?,?)')
          .join(',')} ON CONFLICT (indicator_id, reporter) DO NOTHING`,
        params,
      );
    }
  }

  async addHistory(tx: SqlExecutor, entries: readonly Omit<IndicatorChange, 'id'>[]): Promise<void> {
    for (const part of chunks(entries, 200)) {
      const params: unknown[] = [];
      for (const e of part) {
        params.push(e.indicatorId, e.at, e.actor, e.action, e.fromStatus, e.toStatus, e.reason);
        params.push(e.changes === null ? null : JSON.stringify(e.changes));
      }
      await tx.run(
        `INSERT INTO indicator_history (indicator_id, at, actor, action, from_status, to_status, reason, changes) VALUES ${part
          .map(() => '(?,?,?,?,?,?,?,?)')
          .join(',')}`,
        params,
      );
    }
  }

  async get(id: number): Promise<Indicator | undefined> {
    const row = await this.db.get<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators WHERE id = ?`, [id]);
    return row && toIndicator(row);
  }

  async getByValue(kind: IndicatorKind, value: string): Promise<Indicator | undefined> {
    const row = await this.db.get<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators WHERE kind = ? AND value = ?`, [
      kind,
      value,
    ]);
    return row && toIndicator(row);
  }

  async list(filter: IndicatorFilter): Promise<Indicator[]> {
    const where = new Where()
      .when(filter.kind, 'kind = ?')
      .when(filter.status, 'status = ?')
      .when(filter.contains, "value LIKE ? ESCAPE '\\'", `%${filter.contains?.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)
      .when(filter.reviewRequested, "review_requested_at IS NOT NULL AND status = 'reported'")
      .when(filter.beforeId, 'id < ?');
    const rows = await this.db.all<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators ${where} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
    return rows.map(toIndicator);
  }

  async history(indicatorId: number): Promise<IndicatorChange[]> {
    const rows = await this.db.all<{
      id: number;
      indicator_id: number;
      at: number;
      actor: string;
      action: IndicatorChange['action'];
      from_status: IndicatorStatus | null;
      to_status: IndicatorStatus | null;
      reason: string;
      changes: string | null;
    }>('SELECT * FROM indicator_history WHERE indicator_id = ? ORDER BY id', [indicatorId]);
    return rows.map((r) => ({
      id: Number(r.id),
      indicatorId: Number(r.indicator_id),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      changes: r.changes === null ? null : (JSON.parse(r.changes) as Record<string, unknown>),
    }));
  }

  async sightings(indicatorId: number): Promise<Sighting[]> {
    const rows = await this.db.all<{ indicator_id: number; reporter: string; ref: string | null; at: number; note: string | null }>(
      'SELECT * FROM indicator_sightings WHERE indicator_id = ? ORDER BY at, reporter',
      [indicatorId],
    );
    return rows.map((r) => ({ indicatorId: Number(r.indicator_id), reporter: r.reporter, ref: r.ref, at: Number(r.at), note: r.note }));
  }

  /** Indicators changed after `seq`, oldest change first: the feed and the index refresh read this. */
  async changedSince(seq: number, limit: number, kind?: IndicatorKind): Promise<Indicator[]> {
    const rows = kind
      ? await this.db.all<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators WHERE kind = ? AND seq > ? ORDER BY seq LIMIT ?`, [
          kind,
          seq,
          limit,
        ])
      : await this.db.all<IndicatorRow>(`SELECT ${COLUMNS} FROM indicators WHERE seq > ? ORDER BY seq LIMIT ?`, [seq, limit]);
    return rows.map(toIndicator);
  }

  /** Every indicator with a given status and kind after a cursor, for full feeds. */
  async withStatus(kind: IndicatorKind, status: IndicatorStatus, afterSeq: number, limit: number): Promise<Indicator[]> {
    const rows = await this.db.all<IndicatorRow>(
      `SELECT ${COLUMNS} FROM indicators WHERE kind = ? AND status = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [kind, status, afterSeq, limit],
    );
    return rows.map(toIndicator);
  }

  async currentSeq(): Promise<number> {
    const row = await this.db.get<{ value: number }>("SELECT value FROM counters WHERE name = 'indicator_seq'");
    return Number(row?.value ?? 0);
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM indicators');
    return Number(row?.n ?? 0);
  }

  /** Streams what the look-up index needs, in batches. */
  async *streamForIndex(batchSize = 20_000): AsyncIterable<IndicatorLoadRow[]> {
    // Kind and status come back as small numbers, mapped onto the shared constant strings: ten million rows
    // then allocate one string each (the value) instead of three.
    for await (const batch of this.db.stream(
      `SELECT id, ${codeOf('kind', INDICATOR_KINDS)}, value, ${codeOf('status', INDICATOR_STATUSES)}, fraud_types, score, sightings, expires_at, seq FROM indicators`,
      [],
      batchSize,
    )) {
      yield batch.map((r) => ({
        id: Number(r[0]),
        kind: INDICATOR_KINDS[Number(r[1])],
        value: r[2] as string,
        status: INDICATOR_STATUSES[Number(r[3])],
        fraudTypes: r[4] as string,
        score: Number(r[5]),
        sightings: Number(r[6]),
        expiresAt: r[7] === null ? null : Number(r[7]),
        seq: Number(r[8]),
      }));
    }
  }

  /** Active indicators whose expiry has passed. */
  async dueForExpiry(now: number, limit: number): Promise<Indicator[]> {
    const rows = await this.db.all<IndicatorRow>(
      `SELECT ${COLUMNS} FROM indicators WHERE expires_at IS NOT NULL AND expires_at <= ? AND status IN ('reported','verified','blocked') ORDER BY expires_at LIMIT ?`,
      [now, limit],
    );
    return rows.map(toIndicator);
  }
}
