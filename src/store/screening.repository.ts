import type { ScreeningEvent } from '../domain/event.js';
import type { Warning, WarningKind, WarningLevel } from '../domain/warning.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { Where } from './where.js';

/** A screened event as logged: the log is what a restart replays, and what makes (sender, id) seen once. */
export interface LoggedEvent {
  seq: number;
  event: ScreeningEvent;
}

export interface WarningFilter {
  /** Only changes after this cursor (a warning's `seq`), oldest first; otherwise newest first. */
  after?: number;
  kind?: WarningKind;
  person?: string;
  level?: WarningLevel;
  limit: number;
}

const WARNING_COLUMNS = 'id, seq, kind, person, level, fraud_type, score, typology, bank, raised_at, updated_at, stored_at, body';

const SQLITE_ROWS = 200;

/** Each event's log sequence number from the rows an insert returned (0 for one already logged). */
function seqsInOrder(events: readonly ScreeningEvent[], rows: Array<{ seq: number; sender: string; event_id: string }>): number[] {
  const bySeq = new Map(rows.map((r) => [`${r.sender}\u0000${r.event_id}`, Number(r.seq)]));
  return events.map((e) => bySeq.get(`${e.sender}\u0000${e.id}`) ?? 0);
}

/** The event log, the warnings and the engine checkpoints. */
export class ScreeningRepository {
  constructor(private readonly db: SqlDriver) {}

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /**
   * Logs events not seen before (by sender and id); returns, in order, each event's log sequence number, or 0
   * for one already logged. The caller removes duplicates within the batch first.
   */
  async logEvents(tx: SqlExecutor, events: readonly ScreeningEvent[], part: number, receivedAt: number): Promise<number[]> {
    if (events.length === 0) return [];
    if (this.db.dialect === 'sqlite') {
      // Multi-row statements, one per SQLITE_ROWS events. The writer holds the database, and the log's rowids are
      // plain (no AUTOINCREMENT), so the rows one statement inserts get consecutive seqs ending at the last
      // rowid: when every row went in, that range is the answer; otherwise the range says which went in.
      const seqs: number[] = [];
      for (let i = 0; i < events.length; i += SQLITE_ROWS) {
        const chunk = events.slice(i, i + SQLITE_ROWS);
        const params: unknown[] = [];
        for (const e of chunk) params.push(e.sender, e.id, part, e.type, e.ts, receivedAt, JSON.stringify(e));
        const { changes, lastRowId = 0 } = await tx.run(
          `INSERT INTO screening_events (sender, event_id, part, type, ts, received_at, body) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT (sender, event_id) DO NOTHING`,
          params,
        );
        if (changes === chunk.length) {
          for (let k = 0; k < chunk.length; k++) seqs.push(lastRowId - chunk.length + 1 + k);
        } else if (changes === 0) {
          for (let k = 0; k < chunk.length; k++) seqs.push(0);
        } else {
          const rows = await tx.all<{ seq: number; sender: string; event_id: string }>(
            'SELECT seq, sender, event_id FROM screening_events WHERE seq > ? AND seq <= ?',
            [lastRowId - changes, lastRowId],
          );
          seqs.push(...seqsInOrder(chunk, rows));
        }
      }
      return seqs;
    }
    const rows = await tx.all<{ seq: number; sender: string; event_id: string }>(
      `INSERT INTO screening_events (sender, event_id, part, type, ts, received_at, body)
       SELECT s, i, ?::int, t, ts, ?::bigint, b FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) AS u(s, i, t, ts, b)
       ON CONFLICT (sender, event_id) DO NOTHING RETURNING seq, sender, event_id`,
      [
        part,
        receivedAt,
        events.map((e) => e.sender),
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.ts),
        events.map((e) => JSON.stringify(e)),
      ],
    );
    return seqsInOrder(events, rows);
  }

  /** Stores new and upgraded warnings in one step of the change counter; sets their `seq` and `storedAt`. */
  async saveWarnings(tx: SqlExecutor, warnings: Warning[], storedAt: number): Promise<void> {
    if (warnings.length === 0) return;
    const row = await tx.get<{ value: number }>("UPDATE counters SET value = value + ? WHERE name = 'warning_seq' RETURNING value", [warnings.length]);
    if (!row) throw new Error('counter warning_seq is missing');
    let seq = Number(row.value) - warnings.length;
    for (const w of warnings) {
      w.seq = ++seq;
      w.storedAt = storedAt;
      await tx.run(
        `INSERT INTO warnings (${WARNING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, level = excluded.level, fraud_type = excluded.fraud_type,
           score = excluded.score, typology = excluded.typology, updated_at = excluded.updated_at,
           stored_at = excluded.stored_at, body = excluded.body`,
        [w.id, w.seq, w.kind, w.person, w.level, w.fraudType, w.score, w.typology, w.bank, w.raisedAt, w.updatedAt, w.storedAt, JSON.stringify(w)],
      );
    }
  }

  async listWarnings(filter: WarningFilter): Promise<Warning[]> {
    const where = new Where()
      .when(filter.after, 'seq > ?')
      .when(filter.kind, 'kind = ?')
      .when(filter.person, 'person = ?')
      .when(filter.level, 'level = ?');
    const rows = await this.db.all<{ body: string }>(
      `SELECT body FROM warnings ${where} ORDER BY seq ${filter.after !== undefined ? 'ASC' : 'DESC'} LIMIT ?`,
      [...where.params, filter.limit],
    );
    return rows.map((r) => JSON.parse(r.body) as Warning);
  }

  async getWarning(id: string): Promise<Warning | undefined> {
    const row = await this.db.get<{ body: string }>('SELECT body FROM warnings WHERE id = ?', [id]);
    return row && (JSON.parse(row.body) as Warning);
  }

  async countWarnings(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM warnings');
    return Number(row?.n ?? 0);
  }

  /** Logged events of a partition after `seq`, in log order: what a restart replays over its checkpoint. */
  async eventsAfter(part: number, seq: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db.all<{ seq: number; body: string }>(
      'SELECT seq, body FROM screening_events WHERE part = ? AND seq > ? ORDER BY seq LIMIT ?',
      [part, seq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), event: JSON.parse(r.body) as ScreeningEvent }));
  }

  async countEvents(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM screening_events');
    return Number(row?.n ?? 0);
  }

  async saveCheckpoint(part: number, eventSeq: number, state: string, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO screening_checkpoints (part, event_seq, taken_at, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (part) DO UPDATE SET event_seq = excluded.event_seq, taken_at = excluded.taken_at, state = excluded.state`,
      [part, eventSeq, at, state],
    );
  }

  async loadCheckpoint(part: number): Promise<{ eventSeq: number; state: string } | undefined> {
    const row = await this.db.get<{ event_seq: number; state: string }>('SELECT event_seq, state FROM screening_checkpoints WHERE part = ?', [part]);
    return row && { eventSeq: Number(row.event_seq), state: row.state };
  }
}
