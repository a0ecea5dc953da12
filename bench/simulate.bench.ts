/**
 * Simulator throughput: builds synthetic cities and writes their events to a file, measuring setup (city, people,
 * campaigns) and the events written per second of wall time and per CPU second (the second stays meaningful on a
 * shared, loaded machine). The last scenario is the default one (100,000 people over 7 days) unless
 * FANZHA_BENCH_QUICK=1, which stops at 100,000 people over 1 day.
 * For scale on a shared machine, the same run measures a baseline: JSON.stringify of already-built event objects
 * (the simulator's events, parsed back), i.e. what writing alone costs without simulating anything.
 * Run: npm run bench:simulate   (FANZHA_BENCH_DIR for the output folder; the files are deleted afterwards)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulateCity } from '../src/sim/index.js';
import { writeSimulation } from '../src/sim/writer.js';

const DIR = process.env.FANZHA_BENCH_DIR ?? os.tmpdir();
const QUICK = process.env.FANZHA_BENCH_QUICK === '1';
const SCENARIOS: Array<{ people: number; days: number }> = [
  { people: 10_000, days: 2 },
  { people: 100_000, days: 1 },
  ...(QUICK ? [] : [{ people: 100_000, days: 7 }]),
];

interface Row {
  scenario: string;
  events: number;
  mib: number;
  setupS: number;
  writeS: number;
  perWallS: number;
  perCpuS: number;
  attempts: number;
}

function measure(people: number, days: number): Row {
  const file = path.join(DIR, `fanzha-sim-bench-${process.pid}.ndjson`);
  const t0 = performance.now();
  const city = simulateCity({ seed: 1, people, days });
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const report = writeSimulation(city, { out: file }, () => performance.now());
  const cpu2 = process.cpuUsage(cpu1);
  const truth = city.truth();
  fs.rmSync(file, { force: true });
  const writeS = report.ms / 1000;
  const cpuS = (cpu2.user + cpu2.system) / 1e6;
  return {
    scenario: `${people.toLocaleString('en-US')} people x ${days} d`,
    events: report.events,
    mib: report.bytes / 1048576,
    setupS: (t1 - t0) / 1000,
    writeS,
    perWallS: report.events / writeS,
    perCpuS: report.events / cpuS,
    attempts: truth.attempts.length,
  };
}

/** Events/s of JSON.stringify + UTF-8 encoding over the parsed events of a small city, best of three. */
async function baseline(): Promise<number> {
  const objects: unknown[] = [];
  for await (const e of simulateCity({ seed: 2, people: 10_000, days: 1 })) objects.push(e);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < objects.length; i += 8192) {
      const lines = objects.slice(i, i + 8192).map((o) => JSON.stringify(o));
      bytes += Buffer.from(lines.join('\n') + '\n').length;
    }
    best = Math.max(best, objects.length / ((performance.now() - t0) / 1000));
    void bytes;
  }
  return best;
}

console.log(`Fanzha simulator benchmark: ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
const rows: Row[] = [];
for (const s of SCENARIOS) {
  const row = measure(s.people, s.days);
  rows.push(row);
  console.log(`  ${row.scenario}: ${row.events.toLocaleString('en-US')} events in ${row.writeS.toFixed(1)}s`);
}
console.log('\n| scenario | events | MiB | attempts | setup (s) | write (s) | events/s (wall) | events/s (CPU) |\n|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.scenario} | ${r.events.toLocaleString('en-US')} | ${r.mib.toFixed(0)} | ${r.attempts} | ${r.setupS.toFixed(1)} | ${r.writeS.toFixed(1)} | ` +
      `${Math.round(r.perWallS).toLocaleString('en-US')} | ${Math.round(r.perCpuS).toLocaleString('en-US')} |`,
  );
}
const base = await baseline();
console.log(`| baseline: JSON.stringify + encode of built events | | | | | | ${Math.round(base).toLocaleString('en-US')} | |`);
const last = rows[rows.length - 1];
console.log(
  `\nheadline: ${Math.round(last.perWallS).toLocaleString('en-US')} events/s written (${Math.round(last.perCpuS).toLocaleString('en-US')} per CPU second; ` +
    `${(last.perWallS / base).toFixed(2)}x JSON.stringify alone), ${last.scenario}, ${last.events.toLocaleString('en-US')} events`,
);
