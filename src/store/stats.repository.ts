import type { SqlDriver } from './driver.js';

/** Whose figures: the whole city, one district (分局) or one station (派出所). */
export type StatsArea = { level: 'city' } | { level: 'district' | 'station'; code: string };

/** The dashboard's key figures over one time range. */
export interface PeriodFigures {
  /** Warnings dispatched (created) in the range. */
  warnings: number;
  /** Of those, how many missed a deadline. */
  late: number;
  /** Warnings closed in the range as dissuaded (劝阻成功), and as already lost. */
  dissuaded: number;
  alreadyLost: number;
  /** Victim reports submitted in the range, and the loss they declare. */
  reports: number;
  lossFen: number;
  /** Cases opened in the range. */
  cases: number;
  /** Stop-payment: orders created, and what banks held in answers given in the range. */
  orders: number;
  heldFen: number;
  /** Money returned to victims in the range. */
  returnedFen: number;
}

export const EMPTY_FIGURES: PeriodFigures = { warnings: 0, late: 0, dissuaded: 0, alreadyLost: 0, reports: 0, lossFen: 0, cases: 0, orders: 0, heldFen: 0, returnedFen: 0 };

export interface Share {
  key: string;
  warnings: number;
  cases: number;
  lossFen: number;
}

/** What each figure counts: the table (aliased t where the row, or its report, carries the place), its time column, the value and any filter beyond the time range. */
const METRICS: Record<keyof PeriodFigures, { from: string; ts: string; value: string; where?: string }> = {
  warnings: { from: 'dispatch_items t', ts: 't.created_at', value: 'COUNT(*)' },
  late: { from: 'dispatch_items t', ts: 't.created_at', value: 'COUNT(*)', where: 't.late = 1' },
  dissuaded: { from: 'dispatch_items t', ts: 't.closed_at', value: 'COUNT(*)', where: "t.outcome = 'dissuaded'" },
  alreadyLost: { from: 'dispatch_items t', ts: 't.closed_at', value: 'COUNT(*)', where: "t.outcome = 'already_lost'" },
  reports: { from: 'reports t', ts: 't.submitted_at', value: 'COUNT(*)' },
  lossFen: { from: 'reports t JOIN report_losses l ON l.report_id = t.id', ts: 't.submitted_at', value: 'COALESCE(SUM(l.amount_fen), 0)' },
  cases: { from: 'cases t', ts: 't.opened_at', value: 'COUNT(*)' },
  orders: { from: 'fund_orders o LEFT JOIN reports t ON t.id = o.report_id', ts: 'o.created_at', value: 'COUNT(*)' },
  heldFen: { from: 'fund_orders o LEFT JOIN reports t ON t.id = o.report_id', ts: 'o.answered_at', value: 'COALESCE(SUM(o.held_fen), 0)' },
  returnedFen: { from: 'fund_returns o LEFT JOIN reports t ON t.id = o.report_id', ts: 'o.created_at', value: 'COALESCE(SUM(o.amount_fen), 0)' },
};

/** Counts and sums for the dashboard, bucketed by time in SQL (one query per figure, whatever the number of buckets). */
export class StatsRepository {
  constructor(private readonly db: SqlDriver) {}

  /**
   * The figures for each range [bounds[i], bounds[i+1]); money moved outside any district's report (an order made by
   * hand) counts for the city only.
   */
  async figures(bounds: readonly number[], area: StatsArea): Promise<PeriodFigures[]> {
    const buckets = bounds.length - 1;
    const out = Array.from({ length: buckets }, () => ({ ...EMPTY_FIGURES }));
    if (buckets < 1) return out;
    const { sql: areaSql, params: areaParams } = areaFilter(area);
    for (const [name, m] of Object.entries(METRICS) as Array<[keyof PeriodFigures, (typeof METRICS)[keyof PeriodFigures]]>) {
      const cases = bounds.slice(1, -1).map((_, i) => `WHEN ${m.ts} < ? THEN ${i}`).join(' ');
      const bucket = buckets === 1 ? '0' : `CASE ${cases} ELSE ${buckets - 1} END`;
      const conditions = [`${m.ts} >= ?`, `${m.ts} < ?`, ...(m.where ? [m.where] : []), ...(areaSql ? [areaSql] : [])];
      const rows = await this.db.all<{ b: number; v: number }>(
        `SELECT ${bucket} AS b, ${m.value} AS v FROM ${m.from} WHERE ${conditions.join(' AND ')} GROUP BY 1`,
        [...bounds.slice(1, -1), bounds[0], bounds[buckets], ...areaParams],
      );
      for (const r of rows) out[Number(r.b)][name] = Number(r.v);
    }
    return out;
  }

  /** Warnings, cases and declared loss in [from, to) per fraud type. */
  async byFraudType(from: number, to: number, area: StatsArea): Promise<Share[]> {
    return this.shares('fraud_type', from, to, area);
  }

  /** The same per district (null: not placed in any district). */
  async byDistrict(from: number, to: number, area: StatsArea): Promise<Share[]> {
    return this.shares('district', from, to, area);
  }

  private async shares(column: 'fraud_type' | 'district', from: number, to: number, area: StatsArea): Promise<Share[]> {
    const { sql: areaSql, params: areaParams } = areaFilter(area);
    const and = areaSql ? ` AND ${areaSql}` : '';
    const warnings = await this.db.all<{ k: string | null; n: number }>(
      `SELECT t.${column} AS k, COUNT(*) AS n FROM dispatch_items t WHERE t.created_at >= ? AND t.created_at < ?${and} GROUP BY t.${column}`,
      [from, to, ...areaParams],
    );
    const cases = await this.db.all<{ k: string | null; n: number; loss: number }>(
      `SELECT t.${column} AS k, COUNT(*) AS n, COALESCE(SUM(t.loss_fen), 0) AS loss FROM cases t WHERE t.opened_at >= ? AND t.opened_at < ?${and} GROUP BY t.${column}`,
      [from, to, ...areaParams],
    );
    const byKey = new Map<string, Share>();
    const at = (k: string | null) => {
      const key = k ?? '';
      let s = byKey.get(key);
      if (!s) byKey.set(key, (s = { key, warnings: 0, cases: 0, lossFen: 0 }));
      return s;
    };
    for (const r of warnings) at(r.k).warnings = Number(r.n);
    for (const r of cases) {
      const s = at(r.k);
      s.cases = Number(r.n);
      s.lossFen = Number(r.loss);
    }
    return [...byKey.values()].sort((a, b) => b.warnings + b.cases - (a.warnings + a.cases) || a.key.localeCompare(b.key));
  }
}

/** `t.district = ?` / `t.station = ?`, where t is the row (or the report) that carries the place. */
function areaFilter(area: StatsArea): { sql: string; params: unknown[] } {
  if (area.level === 'city') return { sql: '', params: [] };
  return { sql: `t.${area.level} = ?`, params: [area.code] };
}
