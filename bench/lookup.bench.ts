/**
 * Indicator store and look-up figures (issue #2). Loads every domain and URL list in the real-data folder
 * through the real import path, tops the store up with generated indicators to FANZHA_BENCH_TOTAL (10 million by
 * default), then measures on this machine:
 *   - time to load the whole store into memory at start, and heap bytes per indicator;
 *   - single-thread look-ups per second for phone and account values, and for URLs including canonicalisation;
 *   - batch look-ups per second through HTTP on loopback.
 * Run: npm run bench:lookup   (FANZHA_BENCH_TOTAL=1000000 for a quick run; FANZHA_BENCH_DIR for the SQLite file)
 */
import { openFunds } from '../src/funds/index.js';
import { benchCases } from './cases-context.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { DispatchService } from '../src/dispatch/index.js';
import { spawn } from 'node:child_process';
import { canonical, IndicatorCatalog } from '../src/indicators/index.js';
import type { IndicatorKind } from '../src/domain/indicator.js';
import { buildServer } from '../src/server/app.js';
import { createContext } from '../src/server/context.js';
import { startScreening } from '../src/screening/index.js';
import type { Store } from '../src/store/index.js';
import { indicatorStore } from './indicator-store.js';
import { heap, Table } from './table.js';
import { Rng } from './rng.js';

const TOTAL = Number(process.env.FANZHA_BENCH_TOTAL ?? 10_000_000);
const DIR = process.env.FANZHA_BENCH_DIR ?? path.join(os.tmpdir(), 'fanzha-bench');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const REAL = config.FANZHA_REALDATA_DIR;
const table = new Table();
const report = table.report;

/**
 * Sends `requests` POSTs over `connections` keep-alive connections from a separate client process (as a
 * partner's system would be); returns values per second.
 */
async function httpLoad(url: string, token: string, body: string, perRequest: number, requests: number, connections: number): Promise<number> {
  const client = `
    const http = require('node:http');
    const { URL: url, TOKEN: token, REQUESTS, CONNECTIONS } = process.env;
    const body = require('node:fs').readFileSync(0, 'utf8');
    const agent = new http.Agent({ keepAlive: true, maxSockets: Number(CONNECTIONS) });
    const target = new URL(url);
    const post = () => new Promise((resolve, reject) => {
      const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: 'Bearer ' + token } }, (res) => {
        if (res.statusCode !== 200) reject(new Error('HTTP ' + res.statusCode));
        res.on('data', () => {});
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
    (async () => {
      let sent = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: Number(CONNECTIONS) }, async () => {
        while (sent < Number(REQUESTS)) { sent++; await post(); }
      }));
      process.stdout.write(String(performance.now() - started));
      agent.destroy();
    })();`;
  const child = spawn(process.execPath, ['-e', client], {
    env: { ...process.env, URL: url, TOKEN: token, REQUESTS: String(requests), CONNECTIONS: String(connections) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(body);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`HTTP client failed (exit ${code})`);
  return (requests * perRequest) / (Number(out) / 1000);
}

function rate(n: number, fn: () => void): number {
  const started = performance.now();
  fn();
  return n / ((performance.now() - started) / 1000);
}

/** Single-thread look-ups over query sets built here; returns a 10,000-value HTTP batch drawn from them. */
async function measureLookups(store: Store, catalog: IndicatorCatalog): Promise<{ body: string; phoneMatch: number; urlRate: number }> {
  // Query sets: half known values (read back from the store), half fresh ones, in the forms people write.
  const rng = new Rng(7);
  let hits = 0;
  const sample = async (kind: IndicatorKind, n: number) => {
    const values = (await store.indicators.list({ kind, limit: n })).map((i) => i.value);
    if (values.length === 0) throw new Error(`no ${kind} indicators to sample`);
    return values;
  };
  const phonesKnown = await sample('phone', 50_000);
  const phones = Array.from({ length: 1_000_000 }, (_, i) => {
    const e164 = i % 2 === 0 ? phonesKnown[i % phonesKnown.length] : `+861${rng.pick(['3', '5', '8'])}${rng.digits(9)}`;
    const national = e164.slice(3);
    switch (i % 4) {
      case 0:
        return e164;
      case 1:
        return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
      case 2:
        return `+86-${national}`;
      default:
        return national;
    }
  });
  const cards = await sample('bank_card', 50_000);
  const accountsKnown = [...cards, ...(await sample('payment_account', 50_000))];
  const accounts = Array.from({ length: 1_000_000 }, (_, i) =>
    i % 2 === 0 ? accountsKnown[i % accountsKnown.length] : `62${rng.digits(17)}`,
  );
  const urlsKnown = [...(await sample('url', 20_000)), ...(await sample('domain', 20_000))];
  const realUrls = fs.existsSync(path.join(REAL, 'openphish/openphish-adblock_archive_2024_urls.txt'))
    ? fs.readFileSync(path.join(REAL, 'openphish/openphish-adblock_archive_2024_urls.txt'), 'utf8').split('\n').filter(Boolean)
    : [];
  const urls = Array.from({ length: 200_000 }, (_, i) => {
    if (i % 4 === 0 && realUrls.length) return realUrls[i % realUrls.length];
    if (i % 4 === 1) return `https://${urlsKnown[i % urlsKnown.length].split('/')[0]}/login/index.html?id=${i}#top`;
    if (i % 4 === 2) return `http://WWW.${rng.word(9)}.com/a/b/../c/${rng.word(4)}.php?q=${i}`;
    return `https://m.${urlsKnown[i % urlsKnown.length]}`;
  });

  const checker = catalog.checker;
  const index = catalog.index;
  const now = Date.now();
  const best = (fn: () => number) => Math.max(fn(), fn(), fn()); // best of three: the machine is shared

  // The match itself: normalise the value, find it in the index, read its verdict.
  const phoneMatch = best(() =>
    rate(phones.length, () => {
      for (let i = 0; i < phones.length; i++) {
        const c = canonical('phone', phones[i]);
        if (c !== null && index.findActive('phone', c, now) >= 0) hits++;
      }
    }),
  );
  report('phone look-ups: normalise + match', `${Math.round(phoneMatch).toLocaleString()} /s`, 'target >= 1,000,000/s');
  const accountKinds = accounts.map((v) => (v.includes(':') ? 'payment_account' : 'bank_card') as IndicatorKind);
  const accountMatch = best(() =>
    rate(accounts.length, () => {
      for (let i = 0; i < accounts.length; i++) {
        const c = canonical(accountKinds[i], accounts[i]);
        if (c !== null && index.findActive(accountKinds[i], c, now) >= 0) hits++;
      }
    }),
  );
  report('account look-ups: normalise + match (cards, payment accounts)', `${Math.round(accountMatch).toLocaleString()} /s`, 'target >= 1,000,000/s');

  // The whole answer the API returns: kind, canonical form, verdict, matches, reason.
  let phoneHits = 0;
  const phoneRate = best(() =>
    rate(phones.length, () => {
      phoneHits = 0;
      for (let i = 0; i < phones.length; i++) if (checker.check(phones[i], 'phone').verdict !== 'unknown') phoneHits++;
    }),
  );
  report('phone check() with the full answer', `${Math.round(phoneRate).toLocaleString()} /s`, `${Math.round((phoneHits / phones.length) * 100)}% hits`);
  const accountRate = best(() =>
    rate(accounts.length, () => {
      for (let i = 0; i < accounts.length; i++) checker.check(accounts[i], accountKinds[i]);
    }),
  );
  report('account check() with the full answer', `${Math.round(accountRate).toLocaleString()} /s`, '');
  let urlHits = 0;
  const urlRate = best(() =>
    rate(urls.length, () => {
      urlHits = 0;
      for (let i = 0; i < urls.length; i++) if (checker.check(urls[i], 'url').verdict !== 'unknown') urlHits++;
    }),
  );
  report('URL check() incl. canonicalisation, hit-heavy mix', `${Math.round(urlRate).toLocaleString()} /s`, `target >= 200,000/s (${Math.round((urlHits / urls.length) * 100)}% hits)`);
  const benign = Array.from({ length: 200_000 }, (_, i) => (i % 10 === 0 ? urls[i] : `https://www.${rng.word(6)}${i % 20_000}.com/news/2026/${i}.html?from=app`));
  const benignRate = best(() =>
    rate(benign.length, () => {
      for (let i = 0; i < benign.length; i++) checker.check(benign[i], 'url');
    }),
  );
  report('URL check() incl. canonicalisation, 90% unknown sites', `${Math.round(benignRate).toLocaleString()} /s`, 'target >= 200,000/s');
  const detectRate = best(() =>
    rate(phones.length, () => {
      for (let i = 0; i < phones.length; i++) checker.check(phones[i]);
    }),
  );
  report('phone check() with the kind detected from the value', `${Math.round(detectRate).toLocaleString()} /s`, '');


  const mixed = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? urls[i] : i % 3 === 1 ? phones[i] : accounts[i]));
  return { body: JSON.stringify({ values: mixed }), phoneMatch, urlRate };
}

async function main(): Promise<void> {
  console.log(`Fanzha look-up benchmark: ${TOTAL.toLocaleString()} indicators, ${os.cpus().length} cores, node ${process.version}`);
  const store = await indicatorStore(TOTAL, DIR, config, report);
  const before = heap();
  const { catalog, stats } = await IndicatorCatalog.open(store, config);
  const after = heap();
  report('load of the whole store at start', `${(stats.ms / 1000).toFixed(1)} s`, `target <= 60 s for 10 M (${stats.indicators.toLocaleString()} loaded)`);
  report('heap bytes per indicator (heap + typed arrays)', `${Math.round((after - before) / stats.indicators)}`, 'target <= 200');

  const { body, phoneMatch, urlRate } = await measureLookups(store, catalog);
  heap(); // the query sets are garbage now: the server below runs with a heap like production's

  // HTTP: batches of 10,000 mixed values over 4 keep-alive connections from a client process.
  const screening = await startScreening(store, catalog, config, { screen: true, background: false });
  const ctx = createContext(config, store, catalog, { screening, dispatch: await DispatchService.open(store, config), cases: await benchCases(store, catalog, config), funds: openFunds(store, config) });
  const { secret } = await ctx.tokens.create('telecom_partner', 'bench', 'bench');
  const app = await buildServer(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const httpRate = await httpLoad(`${address}/api/v1/check`, secret, body, 10_000, 60, 4);
  report('HTTP batch look-ups on loopback (10,000 values a request, client in its own process)', `${Math.round(httpRate).toLocaleString()} /s`, 'target >= 100,000/s');
  await app.close();
  await screening.stop();
  await store.close();

  table.print(`${Math.round(phoneMatch).toLocaleString()} phone look-ups/s, ${Math.round(urlRate).toLocaleString()} URL look-ups/s over ${stats.indicators.toLocaleString()} indicators`);
}

await main();
