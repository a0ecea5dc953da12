import type { AuditEntry, BankInstruction, BankStatus, DispatchItem, ItemStatus, SmsMessage, Unit } from '../dispatch/index.js';
import type { SqlDriver, SqlExecutor } from './driver.js';

const ITEM_COLUMNS = [
  'warning_id', 'kind', 'person', 'level', 'fraud_type', 'typology', 'score', 'bank', 'station', 'district', 'route_reason',
  'status', 'claimed_by', 'claimed_at', 'tier', 'late', 'phone_due', 'visit_due', 'contacted_at', 'visited_at', 'next_check',
  'outcome', 'recovery', 'created_at', 'updated_at', 'closed_at', 'version',
] as const;
const COLS = ITEM_COLUMNS.join(', ');
/** What a change may rewrite (everything but the key and the creation time). */
const MUTABLE = ITEM_COLUMNS.filter((c) => c !== 'warning_id' && c !== 'created_at' && c !== 'version');

type ItemRow = Record<(typeof ITEM_COLUMNS)[number], unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toItem(r: ItemRow): DispatchItem {
  return {
    warningId: r.warning_id as string,
    kind: r.kind as DispatchItem['kind'],
    person: r.person as string,
    level: Number(r.level) as DispatchItem['level'],
    fraudType: r.fraud_type as DispatchItem['fraudType'],
    typology: r.typology as string,
    score: Number(r.score),
    bank: (r.bank as string | null) ?? null,
    station: (r.station as string | null) ?? null,
    district: (r.district as string | null) ?? null,
    routeReason: r.route_reason as string,
    status: r.status as ItemStatus,
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedAt: num(r.claimed_at),
    tier: r.tier as DispatchItem['tier'],
    late: Number(r.late) === 1,
    phoneDue: num(r.phone_due),
    visitDue: num(r.visit_due),
    contactedAt: num(r.contacted_at),
    visitedAt: num(r.visited_at),
    nextCheck: num(r.next_check),
    outcome: (r.outcome as DispatchItem['outcome']) ?? null,
    recovery: Number(r.recovery) === 1,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    closedAt: num(r.closed_at),
    version: Number(r.version),
  };
}

function columnValue(item: DispatchItem, c: (typeof ITEM_COLUMNS)[number]): unknown {
  switch (c) {
    case 'warning_id': return item.warningId;
    case 'fraud_type': return item.fraudType;
    case 'route_reason': return item.routeReason;
    case 'claimed_by': return item.claimedBy;
    case 'claimed_at': return item.claimedAt;
    case 'phone_due': return item.phoneDue;
    case 'visit_due': return item.visitDue;
    case 'contacted_at': return item.contactedAt;
    case 'visited_at': return item.visitedAt;
    case 'next_check': return item.nextCheck;
    case 'created_at': return item.createdAt;
    case 'updated_at': return item.updatedAt;
    case 'closed_at': return item.closedAt;
    case 'late': return item.late ? 1 : 0;
    case 'recovery': return item.recovery ? 1 : 0;
    default: return item[c];
  }
}

/** Which items a list may return: a station's, a district's (with its queue), the city's (all), or the city queue only. */
export interface ItemFilter {
  station?: string;
  district?: string;
  /** Only items in no district (the city queue). */
  cityQueue?: boolean;
  /** Only items in no station (a district's queue, with `district`). */
  districtQueue?: boolean;
  status?: ItemStatus | 'active';
  late?: boolean;
  limit: number;
}

export interface OutcomeCount {
  typology: string;
  fraudType: string;
  outcome: string;
  n: number;
}

interface InstructionRow {
  id: number;
  warning_id: string;
  bank: string;
  level: number;
  fraud_type: string;
  status: string;
  note: string | null;
  created_at: number;
  updated_at: number;
}

const INSTRUCTION_COLUMNS = 'id, warning_id, bank, level, fraud_type, status, note, created_at, updated_at';

const toInstruction = (r: InstructionRow): BankInstruction => ({
  id: Number(r.id),
  warningId: r.warning_id,
  bank: r.bank,
  level: Number(r.level) as BankInstruction['level'],
  fraudType: r.fraud_type as BankInstruction['fraudType'],
  status: r.status as BankStatus,
  note: r.note,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** Dispatch: the jurisdiction tree, the roster, the items and their audit trail, the SMS outbox, bank instructions. */
export class DispatchRepository {
  constructor(private readonly db: SqlDriver) {}

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  // --- jurisdictions ---------------------------------------------------------------------------------------

  async units(): Promise<Unit[]> {
    const rows = await this.db.all<{ code: string; name: string; level: string; parent: string | null }>(
      'SELECT code, name, level, parent FROM jurisdictions ORDER BY code',
    );
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level as Unit['level'], parent: r.parent }));
  }

  /** Writes units (insert or replace by code). */
  async saveUnits(units: readonly Unit[], at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const u of units) {
        await tx.run(
          `INSERT INTO jurisdictions (code, name, level, parent, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, updated_at = excluded.updated_at`,
          [u.code, u.name, u.level, u.parent, at],
        );
      }
    });
  }

  // --- roster ----------------------------------------------------------------------------------------------

  async saveRoster(rows: ReadonlyArray<{ phone: string; stationCode: string }>, at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.run(
          `INSERT INTO dispatch_roster (phone, station_code, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (phone) DO UPDATE SET station_code = excluded.station_code, updated_at = excluded.updated_at`,
          [r.phone, r.stationCode, at],
        );
      }
    });
  }

  /** The registered stations of these phones (those on the roster). */
  async rosterStations(phones: readonly string[], tx: SqlExecutor = this.db): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < phones.length; i += 500) {
      const chunk = phones.slice(i, i + 500);
      const rows = await tx.all<{ phone: string; station_code: string }>(
        `SELECT phone, station_code FROM dispatch_roster WHERE phone IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) out.set(r.phone, r.station_code);
    }
    return out;
  }

  async roster(): Promise<Array<{ phone: string; stationCode: string }>> {
    const rows = await this.db.all<{ phone: string; station_code: string }>('SELECT phone, station_code FROM dispatch_roster');
    return rows.map((r) => ({ phone: r.phone, stationCode: r.station_code }));
  }

  // --- items -----------------------------------------------------------------------------------------------

  async item(warningId: string, tx: SqlExecutor = this.db): Promise<DispatchItem | undefined> {
    const row = await tx.get<ItemRow>(`SELECT ${COLS} FROM dispatch_items WHERE warning_id = ?`, [warningId]);
    return row && toItem(row);
  }

  async items(ids: readonly string[], tx: SqlExecutor = this.db): Promise<DispatchItem[]> {
    if (ids.length === 0) return [];
    const rows = await tx.all<ItemRow>(`SELECT ${COLS} FROM dispatch_items WHERE warning_id IN (${ids.map(() => '?').join(', ')})`, ids);
    return rows.map(toItem);
  }

  async insertItem(tx: SqlExecutor, item: DispatchItem): Promise<void> {
    await tx.run(`INSERT INTO dispatch_items (${COLS}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`, ITEM_COLUMNS.map((c) => columnValue(item, c)));
  }

  /**
   * Writes a changed item if nobody changed it since it was read at `item.version`; bumps the version.
   * Returns false when another writer got there first.
   */
  async updateItem(tx: SqlExecutor, item: DispatchItem): Promise<boolean> {
    const { changes } = await tx.run(
      `UPDATE dispatch_items SET ${MUTABLE.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE warning_id = ? AND version = ?`,
      [...MUTABLE.map((c) => columnValue(item, c)), item.warningId, item.version],
    );
    if (changes > 0) item.version += 1;
    return changes > 0;
  }

  /**
   * The claim, atomic in one conditional UPDATE: of two officers claiming at once exactly one changes the row.
   * Returns false when the item is already claimed, closed or missing.
   */
  async claim(warningId: string, by: string, at: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE dispatch_items SET claimed_by = ?, claimed_at = ?, status = CASE WHEN status = 'open' THEN 'claimed' ELSE status END,
         updated_at = ?, version = version + 1
       WHERE warning_id = ? AND claimed_by IS NULL AND status <> 'closed'`,
      [by, at, at, warningId],
    );
    return changes > 0;
  }

  async list(filter: ItemFilter): Promise<DispatchItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.station !== undefined) {
      where.push('station = ?');
      params.push(filter.station);
    }
    if (filter.district !== undefined) {
      where.push('district = ?');
      params.push(filter.district);
    }
    if (filter.cityQueue) where.push('district IS NULL');
    if (filter.districtQueue) where.push('station IS NULL');
    if (filter.status === 'active') where.push("status <> 'closed'");
    else if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.late !== undefined) {
      where.push('late = ?');
      params.push(filter.late ? 1 : 0);
    }
    params.push(filter.limit);
    const rows = await this.db.all<ItemRow>(
      `SELECT ${COLS} FROM dispatch_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, warning_id LIMIT ?`,
      params,
    );
    return rows.map(toItem);
  }

  /** Open items with a deadline or an escalation due by `now`, earliest first. */
  async due(now: number, limit: number): Promise<DispatchItem[]> {
    const rows = await this.db.all<ItemRow>(
      `SELECT ${COLS} FROM dispatch_items WHERE next_check IS NOT NULL AND next_check <= ? AND status <> 'closed' ORDER BY next_check LIMIT ?`,
      [now, limit],
    );
    return rows.map(toItem);
  }

  async outcomeCounts(): Promise<OutcomeCount[]> {
    const rows = await this.db.all<{ typology: string; fraud_type: string; outcome: string; n: number }>(
      'SELECT typology, fraud_type, outcome, COUNT(*) AS n FROM dispatch_items WHERE outcome IS NOT NULL GROUP BY typology, fraud_type, outcome',
    );
    return rows.map((r) => ({ typology: r.typology, fraudType: r.fraud_type, outcome: r.outcome, n: Number(r.n) }));
  }

  // --- cursor --------------------------------------------------------------------------------------------

  /** The highest warning change number dispatch has handled. */
  async cursor(): Promise<number> {
    const row = await this.db.get<{ value: number }>("SELECT value FROM counters WHERE name = 'dispatch_warning_seq'");
    return Number(row?.value ?? 0);
  }

  async advanceCursor(tx: SqlExecutor, seq: number): Promise<void> {
    await tx.run("UPDATE counters SET value = CASE WHEN value < ? THEN ? ELSE value END WHERE name = 'dispatch_warning_seq'", [seq, seq]);
  }

  // --- audit -----------------------------------------------------------------------------------------------

  async audit(tx: SqlExecutor, entries: ReadonlyArray<Omit<AuditEntry, 'id'>>): Promise<void> {
    for (const e of entries) {
      await tx.run('INSERT INTO dispatch_audit (warning_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)', [
        e.warningId, e.at, e.actor, e.action, JSON.stringify(e.detail),
      ]);
    }
  }

  async trail(warningId: string): Promise<AuditEntry[]> {
    const rows = await this.db.all<{ id: number; warning_id: string; at: number; actor: string; action: string; detail: string }>(
      'SELECT id, warning_id, at, actor, action, detail FROM dispatch_audit WHERE warning_id = ? ORDER BY id',
      [warningId],
    );
    return rows.map((r) => ({ id: Number(r.id), warningId: r.warning_id, at: Number(r.at), actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  // --- SMS outbox ------------------------------------------------------------------------------------------

  async insertOutbox(m: SmsMessage, at: number): Promise<number> {
    const row = await this.db.get<{ id: number }>(
      'INSERT INTO sms_outbox (warning_id, phone, template, body, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
      [m.warningId, m.to, m.template, m.body, at],
    );
    return Number(row!.id);
  }

  async outbox(warningId: string): Promise<Array<SmsMessage & { id: number; createdAt: number }>> {
    const rows = await this.db.all<{ id: number; warning_id: string; phone: string; template: string; body: string; created_at: number }>(
      'SELECT id, warning_id, phone, template, body, created_at FROM sms_outbox WHERE warning_id = ? ORDER BY id',
      [warningId],
    );
    return rows.map((r) => ({ id: Number(r.id), warningId: r.warning_id, to: r.phone, template: r.template, body: r.body, createdAt: Number(r.created_at) }));
  }

  // --- bank instructions -----------------------------------------------------------------------------------

  /** Inserts the instruction of a fund warning once; returns it, or undefined when it already existed. */
  async insertInstruction(tx: SqlExecutor, i: Omit<BankInstruction, 'id'>): Promise<BankInstruction | undefined> {
    const row = await tx.get<InstructionRow>(
      `INSERT INTO bank_instructions (warning_id, bank, level, fraud_type, status, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (warning_id) DO NOTHING RETURNING ${INSTRUCTION_COLUMNS}`,
      [i.warningId, i.bank, i.level, i.fraudType, i.status, i.note, i.createdAt, i.updatedAt],
    );
    return row && toInstruction(row);
  }

  async instruction(id: number): Promise<BankInstruction | undefined> {
    const row = await this.db.get<InstructionRow>(`SELECT ${INSTRUCTION_COLUMNS} FROM bank_instructions WHERE id = ?`, [id]);
    return row && toInstruction(row);
  }

  async instructions(filter: { bank?: string; limit: number }): Promise<BankInstruction[]> {
    const rows = await this.db.all<InstructionRow>(
      `SELECT ${INSTRUCTION_COLUMNS} FROM bank_instructions ${filter.bank !== undefined ? 'WHERE bank = ?' : ''} ORDER BY id DESC LIMIT ?`,
      filter.bank !== undefined ? [filter.bank, filter.limit] : [filter.limit],
    );
    return rows.map(toInstruction);
  }

  /** Moves an instruction on only from one of `from` (so a late or repeated answer cannot undo a later one). */
  async answerInstruction(tx: SqlExecutor, id: number, from: readonly BankStatus[], to: BankStatus, note: string | null, at: number): Promise<boolean> {
    const { changes } = await tx.run(
      `UPDATE bank_instructions SET status = ?, note = COALESCE(?, note), updated_at = ? WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
      [to, note, at, id, ...from],
    );
    return changes > 0;
  }
}
