import type { Command } from 'commander';
import { FanzhaError } from '../../domain/errors.js';
import { simulateCity } from '../../sim/index.js';
import { writeSimulation } from '../../sim/writer.js';
import { run } from '../runtime.js';

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new FanzhaError('VALIDATION_FAILED', `--${name} must be a number, not ${value}`);
  return n;
}

/** `fanzha simulate`: a synthetic city's events with fraud campaigns, the ground truth and the known indicators. */
export function simulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('write a synthetic city\'s events (screening schema, time order, deterministic per seed) and its ground truth')
    .option('--seed <n>', 'random seed', '1')
    .option('--people <n>', 'residents', '100000')
    .option('--days <n>', 'days simulated', '7')
    .option('--start <date>', 'first local day (YYYY-MM-DD)', '2026-03-02')
    .option('--city <code>', 'prefecture-level city code from the division lists (1401 = 太原市)', '1401')
    .option('--out <file>', 'events, NDJSON (- for standard output)', 'events.ndjson')
    .option('--truth <file>', 'ground truth, JSON')
    .option('--indicators <file>', 'the indicators the scenario seeds as known, CSV for `fanzha indicators import --format csv`')
    .option('--roster <file>', 'the residents (phone, accounts, district, station), NDJSON')
    .option('--attempt-rate <n>', 'fraud attempts per 10,000 people per day', '5')
    .option('--min-per-type <n>', 'at least this many attempts of every fraud type', '1')
    .option('--known-share <p>', 'share of fraud numbers, sites, apps and accounts already known (0..1)', '0.3')
    .option('--grace-minutes <n>', 'minutes after an attempt\'s last step a warning still counts for it', '1440')
    .action((opts: Record<string, string | undefined>) =>
      run(async () => {
        const city = simulateCity({
          seed: num('seed', opts.seed, 1),
          people: num('people', opts.people, 100_000),
          days: num('days', opts.days, 7),
          start: opts.start,
          cityCode: opts.city,
          attemptRate: num('attempt-rate', opts.attemptRate, 5),
          minPerType: num('min-per-type', opts.minPerType, 1),
          knownShare: num('known-share', opts.knownShare, 0.3),
          graceMinutes: num('grace-minutes', opts.graceMinutes, 1440),
        });
        const out = opts.out ?? 'events.ndjson';
        const report = writeSimulation(city, { out, truth: opts.truth, indicators: opts.indicators, people: opts.roster, progress: true });
        if (out !== '-') {
          const truth = opts.truth ? city.truth() : null;
          const secs = report.ms / 1000;
          process.stderr.write(
            `wrote ${report.events.toLocaleString('en-US')} events (${(report.bytes / 1048576).toFixed(1)} MiB) to ${out} in ${secs.toFixed(1)}s` +
              ` (${Math.round(report.events / Math.max(secs, 0.001)).toLocaleString('en-US')} events/s)` +
              (truth ? `; ${truth.attempts.length} fraud attempts, ${city.knownIndicators.length} known indicators` : '') +
              '\n',
          );
        }
      }),
    );
}
