import type { Freeze, FundReturn, FundTotal, OrderStatus, StopPayOrder, TotalKey } from '../funds/types.js';
import type { LedgerTransfer } from '../funds/trace.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { Where } from './where.js';

const ORDER_COLUMNS =
  'id, report_id, case_id, victim_phone, payer_account, account, bank, hop, amount_fen, arrived_at, reason, status, held_fen, note, created_by, created_at, sent_at, answered_at';
const FREEZE_COLUMNS = 'id, order_id, case_id, account, bank, amount_fen, document_no, until_ts, status, created_by, created_at';
const RETURN_COLUMNS = 'id, freeze_id, report_id, case_id, victim_phone, bank, amount_fen, created_by, created_at';

interface OrderRow {
  id: number; report_id: number | null; case_id: number | null; victim_phone: string | null; payer_account: string | null; account: string; bank: string | null; hop: number;
  amount_fen: number; arrived_at: number; reason: string; status: string; held_fen: number; note: string | null; created_by: string;
  created_at: number; sent_at: number | null; answered_at: number | null;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toOrder(r: OrderRow): StopPayOrder {
  return {
    id: num(r.id), reportId: numOrNull(r.report_id), caseId: numOrNull(r.case_id), victimPhone: r.victim_phone, payerAccount: r.payer_account, account: r.account, bank: r.bank,
    hop: num(r.hop), amountFen: num(r.amount_fen), arrivedAt: num(r.arrived_at), reason: r.reason as StopPayOrder['reason'],
    status: r.status as OrderStatus, heldFen: num(r.held_fen), note: r.note, createdBy: r.created_by, createdAt: num(r.created_at),
    sentAt: numOrNull(r.sent_at), answeredAt: numOrNull(r.answered_at),
  };
}

function toFreeze(r: Record<string, unknown>): Freeze {
  return {
    id: num(r.id), orderId: num(r.order_id), caseId: numOrNull(r.case_id), account: r.account as string, bank: (r.bank as string | null) ?? null,
    amountFen: num(r.amount_fen), documentNo: r.document_no as string, until: num(r.until_ts), status: r.status as Freeze['status'],
    createdBy: r.created_by as string, createdAt: num(r.created_at),
  };
}

function toReturn(r: Record<string, unknown>): FundReturn {
  return {
    id: num(r.id), freezeId: num(r.freeze_id), reportId: numOrNull(r.report_id), caseId: numOrNull(r.case_id), victimPhone: (r.victim_phone as string | null) ?? null,
    bank: (r.bank as string | null) ?? null, amountFen: num(r.amount_fen), createdBy: r.created_by as string, createdAt: num(r.created_at),
  };
}

export type NewOrder = Omit<StopPayOrder, 'id' | 'heldFen' | 'sentAt' | 'answeredAt'>;

export interface OrderFilter {
  bank?: string;
  status?: OrderStatus;
  reportId?: number;
  /** The case's orders, and those of its reports. */
  caseId?: number;
  limit: number;
}

/** China Standard Time day or month of a millisecond time column, per dialect. */
function period(dialect: SqlDriver['dialect'], column: string, key: 'day' | 'month'): string {
  const len = key === 'day' ? 10 : 7;
  return dialect === 'sqlite'
    ? `substr(datetime((${column} + 28800000) / 1000, 'unixepoch'), 1, ${len})`
    : `substr(to_char(to_timestamp((${column} + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 1, ${len})`;
}

/** Stop-payment orders and their outbox, the transfer ledger tracing reads, freezes and returns. */
export class FundsRepository {
  constructor(private readonly db: SqlDriver) {}

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Inserts an order and its outbox row (none for a manual one); an order for the same report and account already there is kept. */
  async insertOrder(tx: SqlExecutor, o: NewOrder, outboxAt: number | null): Promise<StopPayOrder | undefined> {
    const row = await tx.get<OrderRow>(
      `INSERT INTO fund_orders (report_id, case_id, victim_phone, payer_account, account, bank, hop, amount_fen, arrived_at, reason, status, held_fen, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (report_id, account) DO NOTHING RETURNING ${ORDER_COLUMNS}`,
      [o.reportId, o.caseId, o.victimPhone, o.payerAccount, o.account, o.bank, o.hop, o.amountFen, o.arrivedAt, o.reason, o.status, o.note, o.createdBy, o.createdAt],
    );
    if (row && outboxAt !== null) await tx.run('INSERT INTO fund_outbox (order_id, attempts, next_at) VALUES (?, 0, ?)', [row.id, outboxAt]);
    return row && toOrder(row);
  }

  async order(id: number): Promise<StopPayOrder | undefined> {
    const row = await this.db.get<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM fund_orders WHERE id = ?`, [id]);
    return row && toOrder(row);
  }

  async orders(filter: OrderFilter): Promise<StopPayOrder[]> {
    const where = new Where().when(filter.bank, 'bank = ?').when(filter.status, 'status = ?').when(filter.reportId, 'report_id = ?')
      .when(filter.caseId, '(case_id = ? OR report_id IN (SELECT id FROM reports WHERE case_id = ?))');
    const rows = await this.db.all<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM fund_orders ${where} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
    return rows.map(toOrder);
  }

  /** Orders on an account that holds or held victim money, oldest first: who shares what a freeze there returns. */
  async ordersOnAccount(tx: SqlExecutor, account: string): Promise<StopPayOrder[]> {
    const rows = await tx.all<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM fund_orders WHERE account = ? AND status IN ('held', 'insufficient') ORDER BY id`, [account]);
    return rows.map(toOrder);
  }

  /** Records a bank's answer unless the order was answered already. */
  async answerOrder(tx: SqlExecutor, id: number, status: OrderStatus, heldFen: number, note: string | null, at: number): Promise<boolean> {
    const { changes } = await tx.run(
      `UPDATE fund_orders SET status = ?, held_fen = ?, note = COALESCE(?, note), answered_at = ? WHERE id = ? AND status IN ('queued', 'sent', 'manual')`,
      [status, heldFen, note, at, id],
    );
    return changes === 1;
  }

  /** Outbox rows due now, oldest first. */
  async dueOutbox(now: number, limit: number): Promise<Array<{ order: StopPayOrder; attempts: number }>> {
    const rows = await this.db.all<OrderRow & { attempts: number }>(
      `SELECT ${ORDER_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}, x.attempts FROM fund_outbox x JOIN fund_orders o ON o.id = x.order_id
       WHERE x.next_at <= ? ORDER BY x.next_at, x.order_id LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => ({ order: toOrder(r), attempts: num(r.attempts) }));
  }

  /** The order reached its bank: out of the outbox, `sent` (unless the bank answered meanwhile). */
  async delivered(id: number, at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM fund_outbox WHERE order_id = ?', [id]);
      await tx.run("UPDATE fund_orders SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'queued'", [at, id]);
    });
  }

  async retryLater(id: number, attempts: number, nextAt: number, error: string): Promise<void> {
    await this.db.run('UPDATE fund_outbox SET attempts = ?, next_at = ?, last_error = ? WHERE order_id = ?', [attempts, nextAt, error.slice(0, 500), id]);
  }

  // --- the ledger ------------------------------------------------------------------------------------------

  /** Adds transfers (once per sender and event id). */
  async addTransfers(tx: SqlExecutor, rows: ReadonlyArray<{ sender: string; eventId: string; from: string; to: string; amountFen: number; ts: number }>): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const params: unknown[] = [];
      for (const r of chunk) params.push(r.sender, r.eventId, r.from, r.to, r.amountFen, r.ts);
      const { changes } = await tx.run(
        `INSERT INTO fund_ledger (sender, event_id, from_account, to_account, amount_fen, ts) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (sender, event_id) DO NOTHING`,
        params,
      );
      added += changes;
    }
    return added;
  }

  /** An account's transfers either way between two times, oldest first. */
  async transfersOf(account: string, from: number, to: number): Promise<LedgerTransfer[]> {
    const rows = await this.db.all<{ id: number; event_id: string; from_account: string; to_account: string; amount_fen: number; ts: number }>(
      `SELECT id, event_id, from_account, to_account, amount_fen, ts FROM fund_ledger WHERE from_account = ? AND ts >= ? AND ts <= ?
       UNION ALL
       SELECT id, event_id, from_account, to_account, amount_fen, ts FROM fund_ledger WHERE to_account = ? AND from_account <> ? AND ts >= ? AND ts <= ?
       ORDER BY ts, id`,
      [account, from, to, account, account, from, to],
    );
    return rows.map((r) => ({ id: num(r.id), eventId: r.event_id, from: r.from_account, to: r.to_account, amountFen: num(r.amount_fen), ts: num(r.ts) }));
  }

  /** Logged transfer events after the ledger's position, received before `receivedBefore`, in log order. */
  async loggedTransfersAfter(seq: number, receivedBefore: number, limit: number): Promise<Array<{ seq: number; sender: string; body: string }>> {
    const rows = await this.db.all<{ seq: number; sender: string; body: string }>(
      "SELECT seq, sender, body FROM screening_events WHERE seq > ? AND type = 'transfer' AND received_at < ? ORDER BY seq LIMIT ?",
      [seq, receivedBefore, limit],
    );
    return rows.map((r) => ({ seq: num(r.seq), sender: r.sender, body: r.body }));
  }

  async ledgerPosition(tx: SqlExecutor = this.db): Promise<number> {
    const row = await tx.get<{ value: number }>("SELECT value FROM counters WHERE name = 'funds_ledger_seq'");
    return num(row?.value ?? 0);
  }

  async setLedgerPosition(tx: SqlExecutor, seq: number): Promise<void> {
    await tx.run("UPDATE counters SET value = ? WHERE name = 'funds_ledger_seq'", [seq]);
  }

  // --- freezes and returns ---------------------------------------------------------------------------------

  async insertFreeze(tx: SqlExecutor, f: Omit<Freeze, 'id'>): Promise<Freeze> {
    const row = await tx.get<Record<string, unknown>>(
      `INSERT INTO fund_freezes (order_id, case_id, account, bank, amount_fen, document_no, until_ts, status, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${FREEZE_COLUMNS}`,
      [f.orderId, f.caseId, f.account, f.bank, f.amountFen, f.documentNo, f.until, f.status, f.createdBy, f.createdAt],
    );
    return toFreeze(row!);
  }

  async freeze(id: number, tx: SqlExecutor = this.db): Promise<Freeze | undefined> {
    const row = await tx.get<Record<string, unknown>>(`SELECT ${FREEZE_COLUMNS} FROM fund_freezes WHERE id = ?`, [id]);
    return row && toFreeze(row);
  }

  /** Frozen so far on an order's account under the same order. */
  async frozenForOrder(tx: SqlExecutor, orderId: number): Promise<number> {
    const row = await tx.get<{ n: number }>("SELECT COALESCE(SUM(amount_fen), 0) AS n FROM fund_freezes WHERE order_id = ? AND status <> 'released'", [orderId]);
    return num(row?.n ?? 0);
  }

  async freezes(filter: { caseId?: number; limit: number }): Promise<Freeze[]> {
    const where = new Where().when(filter.caseId, 'case_id = ?');
    const rows = await this.db.all<Record<string, unknown>>(`SELECT ${FREEZE_COLUMNS} FROM fund_freezes ${where} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
    return rows.map(toFreeze);
  }

  /** Marks a frozen freeze returned; false when it was not frozen (returned or released already). */
  async markReturned(tx: SqlExecutor, id: number): Promise<boolean> {
    const { changes } = await tx.run("UPDATE fund_freezes SET status = 'returned' WHERE id = ? AND status = 'frozen'", [id]);
    return changes === 1;
  }

  async insertReturn(tx: SqlExecutor, r: Omit<FundReturn, 'id'>): Promise<FundReturn> {
    const row = await tx.get<Record<string, unknown>>(
      `INSERT INTO fund_returns (freeze_id, report_id, case_id, victim_phone, bank, amount_fen, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${RETURN_COLUMNS}`,
      [r.freezeId, r.reportId, r.caseId, r.victimPhone, r.bank, r.amountFen, r.createdBy, r.createdAt],
    );
    return toReturn(row!);
  }

  async returns(filter: { freezeId?: number; limit: number }): Promise<FundReturn[]> {
    const where = new Where().when(filter.freezeId, 'freeze_id = ?');
    const rows = await this.db.all<Record<string, unknown>>(`SELECT ${RETURN_COLUMNS} FROM fund_returns ${where} ORDER BY id DESC LIMIT ?`, [...where.params, filter.limit]);
    return rows.map(toReturn);
  }

  /**
   * 止付 / 冻结 / 返还 totals by case, victim, bank or period (China time). Stopped: what banks held on answered
   * orders; frozen: freezes not released; returned: returns paid — each counted at its own time for periods.
   */
  async totals(by: TotalKey, range: { from?: number; to?: number }): Promise<FundTotal[]> {
    const key = (table: 'o' | 'f' | 'r', at: string): string => {
      if (by === 'day' || by === 'month') return period(this.db.dialect, `${table}.${at}`, by);
      if (by === 'case') return `CAST(${table}.case_id AS TEXT)`;
      if (by === 'bank') return `${table}.bank`;
      return table === 'f' ? `(SELECT MIN(o2.victim_phone) FROM fund_orders o2 WHERE o2.id = f.order_id)` : `${table}.victim_phone`;
    };
    const span = (col: string): { sql: string; params: number[] } => {
      const w = new Where().when(range.from, `${col} >= ?`).when(range.to, `${col} < ?`);
      return { sql: w.toString(), params: w.params as number[] };
    };
    const o = span('o.created_at');
    const f = span('f.created_at');
    const r = span('r.created_at');
    const rows = await this.db.all<{ k: string | null; orders: number; stopped: number; frozen: number; returned: number }>(
      `SELECT k, SUM(orders) AS orders, SUM(stopped) AS stopped, SUM(frozen) AS frozen, SUM(returned) AS returned FROM (
         SELECT ${key('o', 'created_at')} AS k, 1 AS orders, CASE WHEN o.status IN ('held', 'insufficient') THEN o.held_fen ELSE 0 END AS stopped, 0 AS frozen, 0 AS returned FROM fund_orders o ${o.sql}
         UNION ALL
         SELECT ${key('f', 'created_at')}, 0, 0, f.amount_fen, 0 FROM fund_freezes f ${f.sql ? `${f.sql} AND` : 'WHERE'} f.status <> 'released'
         UNION ALL
         SELECT ${key('r', 'created_at')}, 0, 0, 0, r.amount_fen FROM fund_returns r ${r.sql}
       ) t GROUP BY k ORDER BY k`,
      [...o.params, ...f.params, ...r.params],
    );
    return rows.map((x) => ({ key: x.k, orders: num(x.orders), stoppedFen: num(x.stopped), frozenFen: num(x.frozen), returnedFen: num(x.returned) }));
  }
}
