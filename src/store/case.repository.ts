import type {
  Case, CaseHistoryEntry, CaseStatus, Loss, LossChannel, Report, ReportIndicator, ReportIndicatorKind, ReportSource, ReportStatus, Suspect, SuspectRole,
} from '../cases/types.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind } from '../domain/indicator.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { Where } from './where.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const REPORT_COLUMNS =
  'id, status, source, victim_name, victim_id_number, victim_phone, occurred_at, narrative, fraud_type, suggested_type, case_id, warning_id, station, district, created_by, created_at, updated_at, submitted_at';

interface ReportRow {
  id: number; status: string; source: string; victim_name: string | null; victim_id_number: string | null; victim_phone: string | null;
  occurred_at: number | null; narrative: string | null; fraud_type: string | null; suggested_type: string | null; case_id: number | null;
  warning_id: string | null; station: string | null; district: string | null; created_by: string; created_at: number; updated_at: number; submitted_at: number | null;
}
interface LossRow {
  id: number; report_id: number; from_account: string | null; to_account: string | null; amount_fen: number | null; ts: number | null;
  channel: string | null; to_bank: string | null; handed_over: number;
}
interface IndicatorRow { report_id: number; kind: string; value: string; canonical_kind: string | null; canonical: string | null; origin: string }
interface CaseRow { id: number; status: string; fraud_type: string | null; loss_fen: number; station: string | null; district: string | null; opened_at: number; updated_at: number }
interface SuspectRow {
  id: number; case_id: number; name: string | null; id_number: string | null; phone: string | null; role: string; note: string | null;
  added_at: number; added_by: string; arrested_at: number | null; arrested_by: string | null;
}

const toLoss = (r: LossRow): Loss => ({
  id: Number(r.id), fromAccount: r.from_account, toAccount: r.to_account, amountFen: num(r.amount_fen), ts: num(r.ts),
  channel: r.channel as LossChannel | null, toBank: r.to_bank, handedOver: Number(r.handed_over) === 1,
});
const toIndicator = (r: IndicatorRow): ReportIndicator => ({
  kind: r.kind as ReportIndicatorKind, value: r.value, canonicalKind: r.canonical_kind as IndicatorKind | null, canonical: r.canonical,
  origin: r.origin as ReportIndicator['origin'],
});
const toCase = (r: CaseRow): Case => ({
  id: Number(r.id), status: r.status as CaseStatus, fraudType: r.fraud_type as FraudType | null, lossFen: Number(r.loss_fen),
  station: r.station, district: r.district, openedAt: Number(r.opened_at), updatedAt: Number(r.updated_at),
});
const toSuspect = (r: SuspectRow): Suspect => ({
  id: Number(r.id), caseId: Number(r.case_id), name: r.name, idNumber: r.id_number, phone: r.phone, role: r.role as SuspectRole, note: r.note,
  addedAt: Number(r.added_at), addedBy: r.added_by, arrestedAt: num(r.arrested_at), arrestedBy: r.arrested_by,
});

/** A report as written: everything but the ids the store gives. */
export type NewReport = Omit<Report, 'id' | 'losses' | 'indicators'> & {
  losses: Array<Omit<Loss, 'id'> & { id?: number }>;
  indicators: ReportIndicator[];
};

export interface ReportFilter {
  status?: ReportStatus;
  source?: ReportSource;
  caseId?: number;
  station?: string;
  district?: string;
  /** Only reports with an id below this (paging, newest first). */
  before?: number;
  limit: number;
}

export interface CaseFilter {
  status?: CaseStatus;
  fraudType?: FraudType;
  /** Opened at or after / before (epoch ms). */
  from?: number;
  to?: number;
  station?: string;
  district?: string;
  limit: number;
}

/** Victim reports, their losses and indicators; cases, their history and suspects. */
export class CaseRepository {
  constructor(private readonly db: SqlDriver) {}

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  // --- reports ---------------------------------------------------------------------------------------------

  /** Inserts a report with its losses and indicators; returns its id. */
  async insertReport(tx: SqlExecutor, r: NewReport): Promise<number> {
    const row = await tx.get<{ id: number }>(
      `INSERT INTO reports (status, source, victim_name, victim_id_number, victim_phone, occurred_at, narrative, fraud_type, suggested_type, case_id,
         warning_id, station, district, created_by, created_at, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [r.status, r.source, r.victim.name, r.victim.idNumber, r.victim.phone, r.occurredAt, r.narrative, r.fraudType, r.suggestedType, r.caseId,
        r.warningId, r.station, r.district, r.createdBy, r.createdAt, r.updatedAt, r.submittedAt],
    );
    const id = Number(row!.id);
    await this.writeParts(tx, id, r);
    return id;
  }

  /** Rewrites a report's fields, losses and indicators (losses keep their id and hand-over flag when given one). */
  async updateReport(tx: SqlExecutor, id: number, r: NewReport): Promise<void> {
    await tx.run(
      `UPDATE reports SET status = ?, victim_name = ?, victim_id_number = ?, victim_phone = ?, occurred_at = ?, narrative = ?, fraud_type = ?,
         suggested_type = ?, case_id = ?, station = ?, district = ?, updated_at = ?, submitted_at = ?, indicators_ingested = 0 WHERE id = ?`,
      [r.status, r.victim.name, r.victim.idNumber, r.victim.phone, r.occurredAt, r.narrative, r.fraudType, r.suggestedType, r.caseId, r.station,
        r.district, r.updatedAt, r.submittedAt, id],
    );
    const kept = r.losses.map((l) => l.id).filter((x): x is number => x !== undefined);
    await tx.run(
      `DELETE FROM report_losses WHERE report_id = ?${kept.length ? ` AND id NOT IN (${kept.map(() => '?').join(', ')})` : ''}`,
      [id, ...kept],
    );
    await tx.run('DELETE FROM report_indicators WHERE report_id = ?', [id]);
    await this.writeParts(tx, id, r);
  }

  private async writeParts(tx: SqlExecutor, id: number, r: NewReport): Promise<void> {
    for (let i = 0; i < r.losses.length; i++) {
      const l = r.losses[i];
      if (l.id !== undefined) {
        await tx.run(
          'UPDATE report_losses SET position = ?, from_account = ?, to_account = ?, amount_fen = ?, ts = ?, channel = ?, to_bank = ? WHERE id = ? AND report_id = ?',
          [i, l.fromAccount, l.toAccount, l.amountFen, l.ts, l.channel, l.toBank, l.id, id],
        );
      } else {
        await tx.run(
          'INSERT INTO report_losses (report_id, position, from_account, to_account, amount_fen, ts, channel, to_bank, handed_over) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, i, l.fromAccount, l.toAccount, l.amountFen, l.ts, l.channel, l.toBank, l.handedOver ? 1 : 0],
        );
      }
    }
    for (let i = 0; i < r.indicators.length; i++) {
      const x = r.indicators[i];
      await tx.run(
        'INSERT INTO report_indicators (report_id, position, kind, value, canonical_kind, canonical, origin) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [id, i, x.kind, x.value, x.canonicalKind, x.canonical, x.origin],
      );
    }
  }

  async report(id: number, tx: SqlExecutor = this.db): Promise<Report | undefined> {
    const row = await tx.get<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = ?`, [id]);
    if (!row) return undefined;
    return (await this.withParts(tx, [row]))[0];
  }

  async reportByWarning(warningId: string): Promise<Report | undefined> {
    const row = await this.db.get<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE warning_id = ?`, [warningId]);
    return row ? (await this.withParts(this.db, [row]))[0] : undefined;
  }

  /** Reports newest first. */
  async reports(filter: ReportFilter): Promise<Report[]> {
    const w = new Where()
      .when(filter.status, 'status = ?')
      .when(filter.source, 'source = ?')
      .when(filter.caseId, 'case_id = ?')
      .when(filter.station, 'station = ?')
      .when(filter.district, 'district = ?')
      .when(filter.before, 'id < ?');
    const rows = await this.db.all<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports ${w} ORDER BY id DESC LIMIT ?`, [...w.params, filter.limit]);
    return this.withParts(this.db, rows);
  }

  private async withParts(tx: SqlExecutor, rows: ReportRow[]): Promise<Report[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => Number(r.id));
    const marks = ids.map(() => '?').join(', ');
    const losses = await tx.all<LossRow>(`SELECT * FROM report_losses WHERE report_id IN (${marks}) ORDER BY report_id, position`, ids);
    const indicators = await tx.all<IndicatorRow>(`SELECT * FROM report_indicators WHERE report_id IN (${marks}) ORDER BY report_id, position`, ids);
    const byReport = new Map<number, Report>();
    const out = rows.map((r) => {
      const report: Report = {
        id: Number(r.id), status: r.status as ReportStatus, source: r.source as ReportSource,
        victim: { name: r.victim_name, idNumber: r.victim_id_number, phone: r.victim_phone },
        occurredAt: num(r.occurred_at), narrative: r.narrative, fraudType: r.fraud_type as FraudType | null, suggestedType: r.suggested_type as FraudType | null,
        caseId: num(r.case_id), warningId: r.warning_id, station: r.station, district: r.district, losses: [], indicators: [],
        createdBy: r.created_by, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), submittedAt: num(r.submitted_at),
      };
      byReport.set(report.id, report);
      return report;
    });
    for (const l of losses) byReport.get(Number(l.report_id))!.losses.push(toLoss(l));
    for (const i of indicators) byReport.get(Number(i.report_id))!.indicators.push(toIndicator(i));
    return out;
  }

  /** Marks losses as handed to the stop-payment flow. */
  async markHandedOver(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction((tx) => tx.run(`UPDATE report_losses SET handed_over = 1 WHERE id IN (${ids.map(() => '?').join(', ')})`, ids));
  }

  async markIngested(reportId: number): Promise<void> {
    await this.db.transaction((tx) => tx.run('UPDATE reports SET indicators_ingested = 1 WHERE id = ?', [reportId]));
  }

  /** Reports with work left after a crash: losses not handed over, or submitted indicators not yet in the indicator store. */
  async pendingReports(limit: number): Promise<number[]> {
    const rows = await this.db.all<{ id: number }>(
      `SELECT id FROM reports WHERE (status = 'submitted' AND indicators_ingested = 0)
         OR id IN (SELECT report_id FROM report_losses WHERE handed_over = 0) ORDER BY id LIMIT ?`,
      [limit],
    );
    return rows.map((r) => Number(r.id));
  }

  // --- cases -----------------------------------------------------------------------------------------------

  async insertCase(tx: SqlExecutor, c: Omit<Case, 'id'>): Promise<number> {
    const row = await tx.get<{ id: number }>(
      'INSERT INTO cases (status, fraud_type, loss_fen, station, district, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [c.status, c.fraudType, c.lossFen, c.station, c.district, c.openedAt, c.updatedAt],
    );
    return Number(row!.id);
  }

  async case(id: number, tx: SqlExecutor = this.db): Promise<Case | undefined> {
    const row = await tx.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]);
    return row && toCase(row);
  }

  /** Cases newest first. */
  async cases(filter: CaseFilter): Promise<Case[]> {
    const w = new Where()
      .when(filter.status, 'status = ?')
      .when(filter.fraudType, 'fraud_type = ?')
      .when(filter.from, 'opened_at >= ?')
      .when(filter.to, 'opened_at < ?')
      .when(filter.station, 'station = ?')
      .when(filter.district, 'district = ?');
    const rows = await this.db.all<CaseRow>(`SELECT * FROM cases ${w} ORDER BY id DESC LIMIT ?`, [...w.params, filter.limit]);
    return rows.map(toCase);
  }

  async casesByIds(ids: readonly number[]): Promise<Map<number, Case>> {
    const out = new Map<number, Case>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.all<CaseRow>(`SELECT * FROM cases WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) out.set(Number(r.id), toCase(r));
    }
    return out;
  }

  /** The newest case still open (not closed or referred) that holds a report of this victim. */
  async openCaseOfVictim(tx: SqlExecutor, idNumber: string): Promise<number | undefined> {
    const row = await tx.get<{ id: number }>(
      `SELECT c.id FROM cases c JOIN reports r ON r.case_id = c.id
       WHERE r.victim_id_number = ? AND c.status NOT IN ('closed', 'referred') ORDER BY c.id DESC LIMIT 1`,
      [idNumber],
    );
    return row ? Number(row.id) : undefined;
  }

  /** Recomputes a case's total loss from its submitted reports. */
  async refreshCaseTotals(tx: SqlExecutor, caseId: number, at: number): Promise<void> {
    await tx.run(
      `UPDATE cases SET updated_at = ?, loss_fen = (SELECT COALESCE(SUM(l.amount_fen), 0) FROM report_losses l JOIN reports r ON r.id = l.report_id
         WHERE r.case_id = ? AND r.status = 'submitted') WHERE id = ?`,
      [at, caseId, caseId],
    );
  }

  /** Moves a case on only from `from` (so two moves at once cannot both win); false when it was not there. */
  async moveCase(tx: SqlExecutor, id: number, from: CaseStatus, to: CaseStatus, at: number): Promise<boolean> {
    const { changes } = await tx.run('UPDATE cases SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [to, at, id, from]);
    return changes > 0;
  }

  async addHistory(tx: SqlExecutor, e: Omit<CaseHistoryEntry, 'id'>): Promise<void> {
    await tx.run('INSERT INTO case_history (case_id, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)', [
      e.caseId, e.at, e.actor, e.fromStatus, e.toStatus, e.note,
    ]);
  }

  async history(caseId: number): Promise<CaseHistoryEntry[]> {
    const rows = await this.db.all<{ id: number; case_id: number; at: number; actor: string; from_status: string | null; to_status: string; note: string | null }>(
      'SELECT * FROM case_history WHERE case_id = ? ORDER BY id',
      [caseId],
    );
    return rows.map((r) => ({
      id: Number(r.id), caseId: Number(r.case_id), at: Number(r.at), actor: r.actor, fromStatus: r.from_status as CaseStatus | null, toStatus: r.to_status as CaseStatus, note: r.note,
    }));
  }

  // --- suspects --------------------------------------------------------------------------------------------

  async addSuspect(tx: SqlExecutor, s: Omit<Suspect, 'id'>): Promise<Suspect> {
    const row = await tx.get<SuspectRow>(
      `INSERT INTO case_suspects (case_id, name, id_number, phone, role, note, added_at, added_by, arrested_at, arrested_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [s.caseId, s.name, s.idNumber, s.phone, s.role, s.note, s.addedAt, s.addedBy, s.arrestedAt, s.arrestedBy],
    );
    return toSuspect(row!);
  }

  async suspects(caseId: number): Promise<Suspect[]> {
    return (await this.db.all<SuspectRow>('SELECT * FROM case_suspects WHERE case_id = ? ORDER BY id', [caseId])).map(toSuspect);
  }

  async suspect(caseId: number, id: number, tx: SqlExecutor = this.db): Promise<Suspect | undefined> {
    const row = await tx.get<SuspectRow>('SELECT * FROM case_suspects WHERE case_id = ? AND id = ?', [caseId, id]);
    return row && toSuspect(row);
  }

  /** Records an arrest once; false when the suspect was already arrested (or is not of this case). */
  async arrest(tx: SqlExecutor, caseId: number, id: number, at: number, by: string): Promise<boolean> {
    const { changes } = await tx.run('UPDATE case_suspects SET arrested_at = ?, arrested_by = ? WHERE case_id = ? AND id = ? AND arrested_at IS NULL', [at, by, caseId, id]);
    return changes > 0;
  }

  // --- linking ---------------------------------------------------------------------------------------------

  /** Every case's fraud type, for the linker. */
  async caseTypes(): Promise<Array<{ id: number; fraudType: FraudType | null }>> {
    const rows = await this.db.all<{ id: number; fraud_type: string | null }>('SELECT id, fraud_type FROM cases');
    return rows.map((r) => ({ id: Number(r.id), fraudType: r.fraud_type as FraudType | null }));
  }

  /** Streams `[caseId, key]` pairs (key `kind|canonical`) of every submitted report attached to a case. */
  async *streamCaseIndicators(batchSize = 10_000): AsyncIterable<Array<[number, string]>> {
    const sql = `SELECT r.case_id, COALESCE(i.canonical_kind, 'other'), COALESCE(i.canonical, i.value) FROM report_indicators i
      JOIN reports r ON r.id = i.report_id WHERE r.case_id IS NOT NULL AND r.status = 'submitted'`;
    for await (const batch of this.db.stream(sql, [], batchSize)) {
      yield batch.map((row) => [Number(row[0]), `${row[1] as string}|${row[2] as string}`]);
    }
  }
}
