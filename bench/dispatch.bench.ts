/**
 * Dispatch figures (三级预警劝阻):
 *   - routing throughput: warnings placed per second (roster, prefix, home area) in memory, and warnings
 *     dispatched per second through the service with their items and audit rows stored (SQLite file store);
 *   - time from a warning stored to its item received by the station's console over SSE, p50 and p99, at a
 *     steady FANZHA_BENCH_RATE (1,000) warnings/s, with one console per station of Taiyuan (108) listening in a
 *     worker thread of their own (the same wall clock, another event loop).
 * Run: npm run bench:dispatch   (FANZHA_BENCH_RATE, FANZHA_BENCH_SECONDS, FANZHA_BENCH_ROSTER to change the load)
 */
import fs from 'node:fs';
import { openFunds } from '../src/funds/index.js';
import { benchCases } from './cases-context.js';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfig } from '../src/config/index.js';
import { DispatchService, SseReader } from '../src/dispatch/index.js';
import type { Warning, WarningChange } from '../src/domain/warning.js';
import { IndicatorCatalog } from '../src/indicators/index.js';
import { startScreening } from '../src/screening/index.js';
import { buildServer } from '../src/server/app.js';
import { createContext } from '../src/server/context.js';
import { openStore } from '../src/store/index.js';
import { Rng } from './rng.js';
import { Table } from './table.js';

const RATE = Number(process.env.FANZHA_BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.FANZHA_BENCH_SECONDS ?? 20);
const ROSTER = Number(process.env.FANZHA_BENCH_ROSTER ?? 200_000);
const DIR = process.env.FANZHA_BENCH_DIR ?? path.join(os.tmpdir(), 'fanzha-bench-dispatch');

interface ClientJob {
  port: number;
  tokens: string[];
}

/** Worker: one SSE connection per station token; reports the stored -> received time of every created item. */
function consoles(job: ClientJob): void {
  let open = 0;
  const latencies: number[] = [];
  for (const token of job.tokens) {
    http.get({ host: '127.0.0.1', port: job.port, path: '/api/v1/dispatch/stream', headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('utf8');
      const reader = new SseReader();
      if (++open === job.tokens.length) parentPort!.postMessage({ type: 'ready' });
      res.on('data', (chunk: string) => {
        for (const { data } of reader.push(chunk)) {
          // The bench writes the stored time into the warning id (w_<storedAt>_<n>) so the console needs no side channel.
          const m = /"warningId":"w_(\d+)_\d+"/.exec(data);
          if (m && data.includes('"change":"created"')) latencies.push(Date.now() - Number(m[1]));
        }
      });
    });
  }
  parentPort!.on('message', (msg: string) => {
    if (msg === 'report') parentPort!.postMessage({ type: 'latencies', latencies });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function warning(id: string, person: string, storedAt: number, rng: Rng): Warning {
  const level = rng.int(1, 3) as 1 | 2 | 3;
  return {
    id, kind: 'person', person, level, fraudType: 'fake_customer_service', score: rng.int(50, 99), typology: 'fake_customer_service.refund',
    evidence: [], events: [`e${id}`], action: '电话劝阻', bank: null, raisedAt: storedAt, updatedAt: storedAt, history: [], storedAt, seq: 0,
  };
}

async function main(): Promise<void> {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', FANZHA_DATA_DIR: DIR });
  const table = new Table();
  console.log(`Fanzha dispatch benchmark: ${RATE.toLocaleString()} warnings/s for ${SECONDS} s, roster ${ROSTER.toLocaleString()}, ${os.cpus().length} cores, node ${process.version}`);
  const store = await openStore({ sqliteFile: path.join(DIR, 'fanzha.db') });
  const dispatch = await DispatchService.open(store, config);
  const stations = dispatch.tree.all().filter((u) => u.level === 'station').map((u) => u.code);
  const rng = new Rng(7);
  const rostered: string[] = [];
  const rows: Array<{ phone: string; stationCode: string }> = [];
  for (let i = 0; i < ROSTER; i++) {
    const phone = `+86139${String(10_000_000 + i).padStart(8, '0')}`;
    rostered.push(phone);
    rows.push({ phone, stationCode: stations[i % stations.length] });
  }
  await dispatch.importRoster({ name: 'bench', role: 'admin' }, rows);
  // Four in five warnings are of rostered people; the rest are local or other-city numbers for the queues.
  const personAt = (i: number) => (i % 5 === 4 ? `+86130070${String(i % 100_000).padStart(5, '0')}` : rng.pick(rostered));

  // 1. Routing alone, in memory.
  const N = 1_000_000;
  let t = performance.now();
  let placed = 0;
  // The service reads a batch's roster entries in one query; here they are all in one map.
  const stationsOf = new Map(rows.map((r) => [r.phone, r.stationCode]));
  for (let i = 0; i < N; i++) if (dispatch.place(personAt(i), stationsOf).station) placed++;
  const routeRate = N / ((performance.now() - t) / 1000);
  table.report('routing in memory (roster map, prefix, home area)', `${Math.round(routeRate).toLocaleString()} /s`, `${Math.round((100 * placed) / N)}% to a station`);

  // 2. Dispatch with storage: items, audit rows, live fan-out (nobody listening), in batches of 500.
  const M = 50_000;
  t = performance.now();
  for (let i = 0; i < M; i += 500) {
    const batch: WarningChange[] = [];
    for (let j = i; j < i + 500; j++) batch.push({ change: 'raised', warning: warning(`x_${j}`, personAt(j), Date.now(), rng) });
    await dispatch.handle(batch);
  }
  const storeRate = M / ((performance.now() - t) / 1000);
  table.report('dispatch with roster look-up, items and audit stored (SQLite, batches of 500)', `${Math.round(storeRate).toLocaleString()} /s`, `target >= the warning rate (${RATE.toLocaleString()}/s)`);

  // 3. Latency stored -> on the station's console, at a steady rate, through the real HTTP server.
  const { catalog } = await IndicatorCatalog.open(store, config);
  const screening = await startScreening(store, catalog, config, { screen: true, background: false });
  const ctx = createContext(config, store, catalog, { screening, dispatch, cases: await benchCases(store, catalog, config), funds: openFunds(store, config) });
  screening.onWarnings((changes) => void dispatch.enqueue(changes));
  const tokens: string[] = [];
  for (const code of stations) tokens.push((await ctx.tokens.create('station_officer', `bench ${code}`, 'bench', code)).secret);
  const app = await buildServer(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const worker = new Worker(new URL(import.meta.url), { workerData: { port, tokens } satisfies ClientJob });
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  while (dispatch.live.size < stations.length) await new Promise((r) => setTimeout(r, 10));

  // Warnings come as screening stores them: a batch every 10 ms, as many as the rate has made due.
  const start = Date.now();
  let sent = 0;
  let rostSent = 0;
  while (Date.now() - start < SECONDS * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * RATE) - sent;
    if (due > 0) {
      const now = Date.now();
      const batch: WarningChange[] = [];
      for (let j = 0; j < due; j++) {
        const person = rng.pick(rostered);
        batch.push({ change: 'raised', warning: warning(`w_${now}_${sent + j}`, person, now, rng) });
      }
      sent += due;
      rostSent += due;
      void dispatch.enqueue(batch);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await dispatch.idle();
  await new Promise((r) => setTimeout(r, 500));
  worker.postMessage('report');
  const latencies = await new Promise<number[]>((resolve) => worker.on('message', (m: { type: string; latencies?: number[] }) => m.latencies && resolve(m.latencies)));
  latencies.sort((a, b) => a - b);
  table.report(`warnings sent at ${RATE.toLocaleString()}/s over ${SECONDS} s / received on station consoles`, `${rostSent.toLocaleString()} / ${latencies.length.toLocaleString()}`, `${stations.length} consoles`);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  table.report('stored -> on the station console (SSE), p50', `${p50} ms`, '');
  table.report('stored -> on the station console (SSE), p99', `${p99} ms`, 'target <= 1000 ms');
  table.report('stored -> on the station console (SSE), max', `${latencies.at(-1)} ms`, '');
  await worker.terminate();
  await app.close();
  await screening.stop();
  await store.close();
  table.print(`stored -> station console p99 ${p99} ms (p50 ${p50} ms) at ${RATE.toLocaleString()} warnings/s; routing ${Math.round(routeRate).toLocaleString()}/s in memory, ${Math.round(storeRate).toLocaleString()}/s stored`);
  process.exit(0);
}

if (isMainThread) await main();
else consoles(workerData as ClientJob);
