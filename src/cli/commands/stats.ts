import type { Command } from 'commander';
import { JurisdictionTree } from '../../dispatch/index.js';
import { FanzhaError } from '../../domain/errors.js';
import type { PeriodFigures, StatsArea } from '../../store/index.js';
import { PERIODS, StatsService, change, type Period } from '../../stats/index.js';
import { run, withRuntime } from '../runtime.js';

const ROWS: Array<[keyof PeriodFigures, string, boolean]> = [
  ['warnings', '预警 warnings', false],
  ['late', '超时 late', false],
  ['dissuaded', '劝阻成功 dissuaded', false],
  ['alreadyLost', '已被骗 already lost', false],
  ['reports', '报案 reports', false],
  ['lossFen', '损失 loss (yuan)', true],
  ['cases', '立案 cases', false],
  ['orders', '止付指令 orders', false],
  ['heldFen', '止付金额 held (yuan)', true],
  ['returnedFen', '返还 returned (yuan)', true],
];

const pct = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

/** `fanzha stats`: the dashboard's key figures for a period, with 环比 and 同比. */
export function statsCommand(program: Command): void {
  program
    .command('stats')
    .description('key figures for a period to date, against the previous period (环比) and last year (同比)')
    .option('--period <period>', PERIODS.join(', '), 'month')
    .option('--at <iso>', 'the point the period runs to (default now)')
    .option('--area <code>', 'a district or station code (default: the city)')
    .option('--json', 'the whole summary as JSON')
    .action((opts: { period: string; at?: string; area?: string; json?: boolean }) =>
      run(async () => {
        if (!(PERIODS as readonly string[]).includes(opts.period)) throw new FanzhaError('VALIDATION_FAILED', `--period must be one of ${PERIODS.join(', ')}`);
        const at = opts.at ? Date.parse(opts.at) : Date.now();
        if (Number.isNaN(at)) throw new FanzhaError('VALIDATION_FAILED', '--at must be an ISO date-time, e.g. 2026-12-02T18:00:00+08:00');
        await withRuntime({ index: false }, async (rt) => {
          const tree = new JurisdictionTree(await rt.store.dispatch.units());
          let area: StatsArea = { level: 'city' };
          if (opts.area) {
            const unit = tree.get(opts.area);
            if (!unit || unit.level === 'city') throw new FanzhaError('INVALID_VALUE', `no district or station ${opts.area} in the jurisdiction tree`);
            area = { level: unit.level, code: unit.code };
          }
          const s = await new StatsService(rt.store, () => tree).summary(area, opts.period as Period, at);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(s)}\n`);
            return;
          }
          process.stdout.write(`${s.current.label} to ${new Date(at).toISOString()}\tnow\t${s.previous.label}\t环比\t${s.lastYear.label}\t同比\n`);
          for (const [key, title, money] of ROWS) {
            const [now, prev, ly] = [s.current, s.previous, s.lastYear].map((p) => p.figures[key]);
            const show = (v: number) => (money ? (v / 100).toFixed(2) : String(v));
            process.stdout.write(`${title}\t${show(now)}\t${show(prev)}\t${pct(change(now, prev))}\t${show(ly)}\t${pct(change(now, ly))}\n`);
          }
        });
      }),
    );
}
