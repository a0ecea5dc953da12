/**
 * Screening figures (issue #4), with FANZHA_BENCH_TOTAL indicators (1 million by default) in the store:
 *   - events per second through the engine alone, and through screening with the event log and the warnings
 *     persisted (SQLite; PostgreSQL too when DATABASE_URL is set), in batches as partners send them;
 *   - latency from an event's arrival to its warning stored, at a steady 5,000 events/s, p50 and p99;
 *   - memory per tracked person.
 * Run: npm run bench:screening   (FANZHA_BENCH_EVENTS, FANZHA_BENCH_PEOPLE to change the mix)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import type { ScreeningEvent } from '../src/domain/event.js';
import { IndicatorCatalog } from '../src/indicators/index.js';
import { readRulebook, ScreeningEngine, ScreeningService, TextReader } from '../src/screening/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { eventMix } from './event-mix.js';
import { indicatorStore } from './indicator-store.js';
import { heap, Table } from './table.js';

const TOTAL = Number(process.env.FANZHA_BENCH_TOTAL ?? 1_000_000);
const EVENTS = Number(process.env.FANZHA_BENCH_EVENTS ?? 1_000_000);
const PEOPLE = Number(process.env.FANZHA_BENCH_PEOPLE ?? 200_000);
const BATCH = 5000;
const STEADY_RATE = 5000;
const STEADY_SECONDS = 20;
const DIR = process.env.FANZHA_BENCH_DIR ?? path.join(os.tmpdir(), 'fanzha-bench');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const table = new Table();
const report = table.report;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The bench's events under the sender of one measurement. */
function asSender(events: readonly ScreeningEvent[], sender: string): ScreeningEvent[] {
  return events.map((e) => ({ ...e, sender }));
}

/** A fresh SQLite file for the event log and warnings, so no earlier run's log is replayed into the engine. */
async function freshSqlite(name: string): Promise<{ store: Store; remove: () => Promise<void> }> {
  const file = path.join(DIR, `screening-${name}-${process.pid}.db`);
  const store = await openStore({ sqliteFile: file });
  return {
    store,
    async remove() {
      await store.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

async function persisted(name: string, store: Store, newEngine: () => ScreeningEngine, events: ScreeningEvent[]): Promise<number> {
  const service = new ScreeningService(store, newEngine, 0);
  await service.recover();
  const batch = asSender(events, `bench:${name}`);
  let warnings = 0;
  const started = performance.now();
  for (let i = 0; i < batch.length; i += BATCH) warnings += (await service.ingest(batch.slice(i, i + BATCH))).changes.length;
  const rate = batch.length / ((performance.now() - started) / 1000);
  report(`screening + event log + warnings persisted (${name}, batches of ${BATCH})`, `${Math.round(rate).toLocaleString()} /s`, `target >= 100,000/s (${warnings.toLocaleString()} warning changes)`);
  return rate;
}

/**
 * A steady stream: every millisecond the events that have arrived by then go in as one batch; an event's latency
 * is from its arrival to the commit of the batch that stored it (and its warning).
 */
async function steady(store: Store, newEngine: () => ScreeningEngine, events: ScreeningEvent[]): Promise<void> {
  const service = new ScreeningService(store, newEngine, 0);
  await service.recover();
  const n = Math.min(events.length, STEADY_RATE * STEADY_SECONDS);
  const stream = asSender(events.slice(0, n), 'bench:steady');
  const all = new Float64Array(n);
  const warned: number[] = [];
  const gapMs = 1000 / STEADY_RATE;
  const start = performance.now();
  let next = 0;
  while (next < n) {
    const now = performance.now() - start;
    let end = next;
    while (end < n && end * gapMs <= now) end++;
    if (end === next) {
      await new Promise((r) => setImmediate(r));
      continue;
    }
    const summary = await service.ingest(stream.slice(next, end));
    const done = performance.now() - start;
    // The event that raised or upgraded a warning is its latest piece of evidence.
    const raisedBy = new Set(summary.changes.map((c) => c.warning.evidence[c.warning.evidence.length - 1].eventId));
    for (let i = next; i < end; i++) {
      all[i] = done - i * gapMs;
      if (raisedBy.has(stream[i].id)) warned.push(all[i]);
    }
    next = end;
  }
  all.sort();
  const w = Float64Array.from(warned).sort();
  report(`latency arrival -> stored at ${STEADY_RATE.toLocaleString()} events/s, p50 (all events)`, `${percentile(all, 0.5).toFixed(2)} ms`, '');
  report(`latency arrival -> stored at ${STEADY_RATE.toLocaleString()} events/s, p99 (all events)`, `${percentile(all, 0.99).toFixed(2)} ms`, 'target <= 10 ms');
  if (w.length) {
    report(`latency event -> warning stored, p50 (${w.length} warning events)`, `${percentile(w, 0.5).toFixed(2)} ms`, '');
    report(`latency event -> warning stored, p99 (${w.length} warning events)`, `${percentile(w, 0.99).toFixed(2)} ms`, 'target <= 10 ms');
  }
}

/** The engine alone, in memory: what one core screens when storage keeps up; cold, then the same city a day later. */
function inMemory(newEngine: () => ScreeningEngine, events: ScreeningEvent[]): { engineRate: number; warmRate: number } {
  const before = heap();
  const engine = newEngine();
  let changes = 0;
  const started = performance.now();
  for (const e of events) changes += engine.process(e).length;
  const engineRate = events.length / ((performance.now() - started) / 1000);
  const perPerson = (heap() - before) / engine.people.size;
  report('engine alone, cold (in memory, one core; every person new)', `${Math.round(engineRate).toLocaleString()} /s`, `${changes.toLocaleString()} warning changes`);
  report('memory per tracked person', `${Math.round(perPerson)} B`, `${engine.people.size.toLocaleString()} people tracked`);
  // The same city a day later: its people are known, as in a running deployment.
  const nextDay = events.map((e) => ({ ...e, id: `${e.id}d2`, ts: e.ts + 86_400_000 }));
  const warmStarted = performance.now();
  for (const e of nextDay) engine.process(e);
  const warmRate = nextDay.length / ((performance.now() - warmStarted) / 1000);
  report('engine alone, warm (the same people a day later)', `${Math.round(warmRate).toLocaleString()} /s`, 'target >= 100,000/s');
  return { engineRate, warmRate };
}

async function main(): Promise<void> {
  console.log(`Fanzha screening benchmark: ${TOTAL.toLocaleString()} indicators, ${EVENTS.toLocaleString()} events over ${PEOPLE.toLocaleString()} people, ${os.cpus().length} cores, node ${process.version}`);
  const store = await indicatorStore(TOTAL, DIR, config, report);
  const { catalog, stats } = await IndicatorCatalog.open(store, config);
  console.log(`  ${stats.indicators.toLocaleString()} indicators in memory (${stats.ms} ms)`);
  const rules = readRulebook(config.FANZHA_TYPOLOGIES);
  const text = new TextReader(config.FANZHA_TEXT_THRESHOLD);
  const newEngine = () => new ScreeningEngine(catalog.checker, text, rules, { maxPeople: config.FANZHA_MAX_PEOPLE, maxAccountLinks: config.FANZHA_MAX_PEOPLE * 2 });
  const { events } = await eventMix(store, EVENTS, PEOPLE);
  const mix = new Map<string, number>();
  for (const e of events) mix.set(e.type, (mix.get(e.type) ?? 0) + 1);
  console.log(`  mix: ${[...mix].map(([t, n]) => `${t} ${((n / events.length) * 100).toFixed(1)}%`).join(', ')}`);

  // The engine alone, in memory, in a function of its own: its engine (and the next day's copy of the events) is
  // garbage once it returns, so the persisted runs below hold one engine, as a screening process does.
  const { engineRate, warmRate } = inMemory(newEngine, events);
  heap();

  const sqlite = await freshSqlite('throughput');
  const sqliteRate = await persisted('SQLite', sqlite.store, newEngine, events);
  await sqlite.remove();
  if (process.env.DATABASE_URL) {
    const schema = `bench_${Date.now()}`;
    const pgStore = await openStore({ databaseUrl: process.env.DATABASE_URL, pgSchema: schema });
    await persisted('PostgreSQL', pgStore, newEngine, events);
    await pgStore.close();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
  const steadyStore = await freshSqlite('steady');
  await steady(steadyStore.store, newEngine, events);
  await steadyStore.remove();
  await store.close();
  table.print(`${Math.round(sqliteRate).toLocaleString()} events/s screened and persisted on SQLite (engine alone: ${Math.round(engineRate).toLocaleString()} /s cold, ${Math.round(warmRate).toLocaleString()} /s warm)`);
}

await main();
