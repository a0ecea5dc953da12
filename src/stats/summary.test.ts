import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { JurisdictionTree } from '../dispatch/index.js';
import type { Store } from '../store/index.js';
import { testEngines } from '../store/testing.js';
import { StatsService, change } from './summary.js';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const tree = new JurisdictionTree([
  { code: '1401', name: '太原市', level: 'city', parent: null },
  { code: '140105', name: '小店分局', level: 'district', parent: '1401' },
  { code: '140106', name: '迎泽分局', level: 'district', parent: '1401' },
  { code: '140105001', name: '坞城派出所', level: 'station', parent: '140105' },
]);

let seq = 0;
async function warning(store: Store, at: number, o: { district?: string; station?: string; late?: boolean; outcome?: string; closedAt?: number; type?: string } = {}) {
  await store.driver.run(
    `INSERT INTO dispatch_items (warning_id, kind, person, level, fraud_type, typology, score, station, district, route_reason, status, tier, late, outcome, recovery, created_at, updated_at, closed_at, version)
     VALUES (?, 'person', '+8613800000000', 2, ?, 't', 80, ?, ?, 'roster', ?, 'station', ?, ?, 0, ?, ?, ?, 1)`,
    [`w${++seq}`, o.type ?? 'fake_investment', o.station ?? null, o.district ?? null, o.outcome ? 'closed' : 'open', o.late ? 1 : 0, o.outcome ?? null, at, at, o.closedAt ?? null],
  );
}
async function report(store: Store, at: number, lossFen: number, district: string, type = 'fake_investment'): Promise<number> {
  const c = await store.driver.get<{ id: number }>(
    "INSERT INTO cases (status, fraud_type, loss_fen, district, opened_at, updated_at) VALUES ('open', ?, ?, ?, ?, ?) RETURNING id",
    [type, lossFen, district, at, at],
  );
  const r = await store.driver.get<{ id: number }>(
    "INSERT INTO reports (status, source, fraud_type, case_id, district, created_by, created_at, updated_at, submitted_at) VALUES ('submitted', 'hotline', ?, ?, ?, 't', ?, ?, ?) RETURNING id",
    [type, c!.id, district, at, at, at],
  );
  await store.driver.run('INSERT INTO report_losses (report_id, position, amount_fen, ts) VALUES (?, 0, ?, ?)', [r!.id, lossFen, at]);
  await store.driver.run(
    "INSERT INTO fund_orders (report_id, case_id, account, hop, amount_fen, arrived_at, reason, status, held_fen, created_by, created_at, answered_at) VALUES (?, ?, '6217000010001234567', 0, ?, ?, 'report', 'held', ?, 't', ?, ?)",
    [r!.id, c!.id, lossFen, at, Math.floor(lossFen / 2), at, at + 60_000],
  );
  return Number(r!.id);
}

for (const engine of testEngines()) {
  describe(`dashboard figures on ${engine.name}`, () => {
    after(() => engine.cleanup());

    it('counts this month to date against last month (环比) and last year (同比) to the same point, with trend and shares', async () => {
      const store = await engine.open();
      try {
        const at = cst('2026-12-10T12:00:00');
        // This month: 3 warnings (one late, one dissuaded), 2 reports.
        await warning(store, cst('2026-12-01T00:00:00'), { district: '140105', station: '140105001', late: true });
        await warning(store, cst('2026-12-05T09:00:00'), { district: '140105', outcome: 'dissuaded', closedAt: cst('2026-12-05T09:20:00') });
        await warning(store, cst('2026-12-10T11:59:59'), { district: '140106', type: 'task_rebate' });
        await warning(store, cst('2026-12-10T12:00:00'), { district: '140106' }); // at `at` itself: not yet
        await report(store, cst('2026-12-03T10:00:00'), 500_000, '140105');
        await report(store, cst('2026-12-08T10:00:00'), 100_000, '140106', 'task_rebate');
        // Last month: 2 warnings by the 10th at noon, 1 after (outside the same-point window).
        await warning(store, cst('2026-11-02T00:00:00'), { district: '140105' });
        await warning(store, cst('2026-11-10T11:00:00'), { district: '140105' });
        await warning(store, cst('2026-11-20T00:00:00'), { district: '140105' });
        // A year ago: one warning by the same point; one report.
        await warning(store, cst('2025-12-09T00:00:00'), { district: '140106' });
        await report(store, cst('2025-12-01T08:00:00'), 300_000, '140106');
        // Before the last month of November 2025 (still within the 12-month trend).
        await warning(store, cst('2026-01-15T00:00:00'), { district: '140105' });

        const stats = new StatsService(store, () => tree);
        const s = await stats.summary({ level: 'city' }, 'month', at);
        assert.equal(s.current.label, '2026-12');
        assert.equal(s.current.figures.warnings, 3);
        assert.equal(s.current.figures.late, 1);
        assert.equal(s.current.figures.dissuaded, 1);
        assert.equal(s.current.figures.reports, 2);
        assert.equal(s.current.figures.cases, 2);
        assert.equal(s.current.figures.lossFen, 600_000);
        assert.equal(s.current.figures.orders, 2);
        assert.equal(s.current.figures.heldFen, 300_000);
        assert.equal(s.previous.label, '2026-11');
        assert.equal(s.previous.figures.warnings, 2, 'last month to the same point only');
        assert.equal(s.lastYear.label, '2025-12');
        assert.equal(s.lastYear.figures.warnings, 1);
        assert.equal(s.lastYear.figures.lossFen, 300_000);
        assert.equal(change(s.current.figures.warnings, s.previous.figures.warnings), 0.5);

        assert.equal(s.trend.length, 12);
        assert.deepEqual(s.trend.map((t) => t.label).slice(0, 2), ['2026-01', '2026-02']);
        assert.deepEqual(s.trend.map((t) => t.figures.warnings), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3], 'whole months, the current one to date');

        assert.deepEqual(s.fraudTypes.map((f) => [f.key, f.warnings, f.cases, f.lossFen]), [['fake_investment', 2, 1, 500_000], ['task_rebate', 1, 1, 100_000]]);
        assert.deepEqual(s.districts.map((d) => [d.name, d.warnings, d.cases]), [['小店分局', 2, 1], ['迎泽分局', 1, 1]]);

        const district = await stats.summary({ level: 'district', code: '140106' }, 'month', at);
        assert.equal(district.current.figures.warnings, 1);
        assert.equal(district.current.figures.lossFen, 100_000);
        assert.equal(district.current.figures.heldFen, 50_000, 'money follows its report’s district');
        const station = await stats.summary({ level: 'station', code: '140105001' }, 'day', cst('2026-12-01T23:00:00'));
        assert.equal(station.current.figures.warnings, 1);
        assert.equal(station.current.label, '2026-12-01');
      } finally {
        await store.close();
      }
    });
  });
}
