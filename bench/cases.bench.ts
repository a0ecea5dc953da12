/**
 * Case linking figures (issue 7): 100,000 cases holding 1,000,000 distinct indicators, with the skew of real
 * reports (seeded, the same every run): most values in one case only, gang values shared by 2-5 cases of one gang,
 * and a hundred popular values (a meeting app, a bank's number) in more cases than the fan-out cap. Measures the
 * in-memory link (inverted index + union-find + the cluster read that rebuilds components after the cap was
 * crossed), then 1,000 similar-cases queries (p50 / p99), then the load of the same links from a SQLite store at
 * start (FANZHA_BENCH_CASES_STORE=false skips it).
 */
import { CaseLinker, CaseService } from '../src/cases/index.js';
import { openStore } from '../src/store/index.js';
import { Rng } from './rng.js';
import { heap, Table } from './table.js';

const CASES = Number(process.env.FANZHA_BENCH_CASES ?? 100_000);
const INDICATORS = Number(process.env.FANZHA_BENCH_CASE_INDICATORS ?? 1_000_000);
const CAP = 50;
const POPULAR = 100;
const QUERIES = 1000;

const rng = new Rng(7);
const keys: string[][] = Array.from({ length: CASES }, () => []);
let distinct = 0;
let held = 0;
const give = (c: number, key: string) => {
  keys[c].push(key);
  held++;
};

// Popular values: each in 60..3000 random cases (above the cap: they link nothing).
for (let p = 0; p < POPULAR; p++) {
  const key = `app|name:popular${p}`;
  distinct++;
  const n = rng.int(CAP + 10, 3000);
  for (let i = 0; i < n; i++) give(rng.int(0, CASES - 1), key);
}
// Gangs: 40% of the cases, in gangs of 2..40; each gang's values are shared by 2..5 of its cases.
let c = 0;
while (c < CASES * 0.4) {
  const size = Math.min(rng.int(2, 40), CASES - c);
  for (let v = 0; v < size * 2; v++) {
    const key = `phone|+86171${rng.digits(8)}`;
    distinct++;
    const n = Math.min(size, rng.int(2, 5));
    const start = rng.int(0, size - 1);
    for (let i = 0; i < n; i++) give(c + ((start + i) % size), key);
  }
  c += size;
}
// The rest: values of one case each, spread over every case.
let u = 0;
while (distinct < INDICATORS) {
  give(u++ % CASES, `${rng.pick(['phone', 'url', 'bank_card', 'payment_account', 'im_account'])}|${rng.word(6)}${u}`);
  distinct++;
}

const table = new Table();
const before = heap();
const t0 = performance.now();
const linker = new CaseLinker({ maxCases: CAP, excluded: (k) => k.startsWith('phone|+8695') });
for (let i = 0; i < CASES; i++) {
  linker.add(i + 1, keys[i]);
  linker.setType(i + 1, i % 3 === 0 ? 'fake_investment' : 'task_rebate');
}
const indexMs = performance.now() - t0;
const clusters = linker.clusters(1_000_000);
const linkMs = performance.now() - t0;
const bytes = heap() - before;

table.report('cases / distinct indicators / case-indicator pairs', `${CASES.toLocaleString()} / ${linker.keyCount.toLocaleString()} / ${held.toLocaleString()}`, '100,000 / 1,000,000 (a few generated numbers collide)');
table.report('inverted index + incremental union-find', `${(indexMs / 1000).toFixed(2)} s`, '');
table.report('link: index + clusters (components rebuilt past the cap)', `${(linkMs / 1000).toFixed(2)} s`, 'target <= 10 s');
table.report('clusters of 2+ cases / largest', `${clusters.length.toLocaleString()} / ${clusters[0]?.cases.length ?? 0}`, 'gangs of 2..40 (a few joined by a number two gangs drew alike)');
table.report('heap for the linker', `${Math.round(bytes / 1e6)} MB`, '');

const lat: number[] = [];
let found = 0;
for (let q = 0; q < QUERIES; q++) {
  const id = rng.int(1, CASES);
  const s = performance.now();
  found += linker.similar(id, 20).length;
  lat.push(performance.now() - s);
}
lat.sort((a, b) => a - b);
const p = (f: number) => lat[Math.min(lat.length - 1, Math.floor(f * lat.length))];
table.report(`similar cases, ${QUERIES} queries: p50`, `${p(0.5).toFixed(3)} ms`, 'target <= 10 ms');
table.report(`similar cases, ${QUERIES} queries: p99`, `${p(0.99).toFixed(3)} ms`, 'target <= 10 ms');
table.report('similar cases found per query (mean)', `${(found / QUERIES).toFixed(1)}`, '');
if (process.env.FANZHA_BENCH_CASES_STORE !== 'false') {
  const store = await openStore({ sqliteFile: ':memory:' });
  const t = performance.now();
  await store.cases.transaction(async (tx) => {
    for (let i = 0; i < CASES; i++) {
      const caseId = await store.cases.insertCase(tx, { status: 'reported', fraudType: 'task_rebate', lossFen: 0, station: null, district: null, openedAt: 0, updatedAt: 0 });
      await store.cases.insertReport(tx, {
        status: 'submitted', source: 'hotline', victim: { name: null, idNumber: null, phone: null }, occurredAt: null, narrative: null,
        fraudType: 'task_rebate', suggestedType: null, caseId, warningId: null, station: null, district: null, losses: [],
        indicators: keys[i].map((k) => { const bar = k.indexOf('|'); return { kind: 'other' as const, value: k.slice(bar + 1), canonicalKind: k.slice(0, bar) as never, canonical: k.slice(bar + 1), origin: 'report' as const }; }),
        createdBy: 'bench', createdAt: 0, updatedAt: 0, submittedAt: 0,
      });
    }
  });
  table.report('store the reports (SQLite in memory, one transaction; setup)', `${((performance.now() - t) / 1000).toFixed(1)} s`, '');
  const fromStore = new CaseService(store, new CaseLinker({ maxCases: CAP, excluded: () => false }));
  const loaded = await fromStore.load();
  table.report('load the linker from the store at start', `${(loaded.ms / 1000).toFixed(2)} s`, `${loaded.cases.toLocaleString()} cases, ${loaded.keys.toLocaleString()} indicators`);
  await store.close();
}
table.print(`linked ${CASES.toLocaleString()} cases / ${linker.keyCount.toLocaleString()} indicators in ${(linkMs / 1000).toFixed(2)} s; similar p50 ${p(0.5).toFixed(3)} ms, p99 ${p(0.99).toFixed(3)} ms`);
