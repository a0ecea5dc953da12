import type { IndicatorKind } from '../domain/indicator.js';
import type { SqlDriver } from './driver.js';

export interface AllowEntry {
  kind: IndicatorKind;
  value: string;
  reason: string;
  addedBy: string;
  addedAt: number;
}

/** Values that can never be blocked (110, 96110, banks' official numbers, government domains, ...). */
export class AllowlistRepository {
  constructor(private readonly db: SqlDriver) {}

  async all(): Promise<AllowEntry[]> {
    const rows = await this.db.all<{ kind: string; value: string; reason: string; added_by: string; added_at: number }>(
      'SELECT kind, value, reason, added_by, added_at FROM allowlist ORDER BY kind, value',
    );
    return rows.map((r) => ({
      kind: r.kind as IndicatorKind,
      value: r.value,
      reason: r.reason,
      addedBy: r.added_by,
      addedAt: Number(r.added_at),
    }));
  }

  /** Adds entries that are not there yet; returns how many were new. */
  async add(entries: readonly AllowEntry[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const e of entries) {
        const { changes } = await tx.run(
          'INSERT INTO allowlist (kind, value, reason, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING',
          [e.kind, e.value, e.reason, e.addedBy, e.addedAt],
        );
        added += changes;
      }
      return added;
    });
  }

  async remove(kind: IndicatorKind, value: string): Promise<boolean> {
    const { changes } = await this.db.run('DELETE FROM allowlist WHERE kind = ? AND value = ?', [kind, value]);
    return changes > 0;
  }
}
