/**
 * The indicator store the benchmarks run against: every domain and URL list in the real-data folder through the
 * real import path, topped up with generated indicators to a total. The SQLite file is kept and reused.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../src/config/index.js';
import type { IndicatorKind } from '../src/domain/indicator.js';
import type { Actor } from '../src/domain/role.js';
import { IndicatorCatalog, importIndicators, type ImportFormat } from '../src/indicators/index.js';
import { openStore, type NewIndicator, type Store } from '../src/store/index.js';
import { Rng } from './rng.js';
import type { Report } from './table.js';

const actor: Actor = { name: 'bench', role: 'admin' };

const LISTS: Array<[string, ImportFormat, IndicatorKind]> = [
  ['blocklistproject/phishing-nl.txt', 'plain', 'domain'],
  ['blocklistproject/scam-nl.txt', 'plain', 'domain'],
  ['urlhaus/urlhaus-filter.txt', 'plain', 'domain'],
  ['tw165-antifraud/ScamSiteGetFromTaiwan165.txt', 'plain', 'domain'],
  ['tw165-antifraud/ScamSiteGetFromGlobalAntiScamOrg.txt', 'plain', 'domain'],
  ['tw165-antifraud/ScamSiteGetFromFX110.txt', 'plain', 'domain'],
  ['tw165-antifraud/ScamSiteGetFromDcard.txt', 'plain', 'domain'],
  ['phishtank/pihole-phishtank_hosts.txt', 'plain', 'domain'],
  ['jarelllama-scam/scams_light.txt', 'plain', 'domain'],
  ['openphish/openphish-pihole_domains.txt', 'plain', 'domain'],
  ['phishing-army/phishing_army_blocklist_extended.txt', 'plain', 'domain'],
  ['openphish/openphish-adblock_archive_2024_urls.txt', 'plain', 'url'],
];

async function importRealLists(store: Store, config: Config, report: Report): Promise<number> {
  const REAL = config.FANZHA_REALDATA_DIR;
  const catalog = await IndicatorCatalog.openWithoutIndex(store, config);
  let imported = 0;
  const started = performance.now();
  for (const [file, format, kind] of LISTS) {
    const full = path.join(REAL, file);
    if (!fs.existsSync(full)) {
      console.log(`  (missing ${full}, skipped)`);
      continue;
    }
    const r = await importIndicators(catalog.service, fs.createReadStream(full), {
      format,
      kind,
      status: 'blocked',
      reporter: `import:${path.basename(file)}`,
      actor,
    });
    imported += r.created;
    console.log(`  ${file}: ${r.created} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedCount} rejected`);
  }
  const s = (performance.now() - started) / 1000;
  report('import of the real lists (through normalise + lifecycle)', `${Math.round(imported / s).toLocaleString()} /s`, `${imported.toLocaleString()} indicators`);
  return imported;
}

/**
 * Generated phones, cards, payment and IM accounts, domains and URLs, inserted straight into the store (a
 * fixture, not a measured path). Each value embeds a permutation of its running number, so none repeats.
 */
async function generate(store: Store, count: number): Promise<void> {
  const rng = new Rng(20261121);
  const repo = store.indicators;
  const now = Date.now();
  const spread = (i: number, modulus: number) => (i * 7919 + 104_729) % modulus; // a bijection for i < modulus
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const kinds: Array<[IndicatorKind, number, (i: number) => string]> = [
    ['phone', 0.45, (i) => `+861${'35789'[i % 5]}${pad(spread(i, 1e9), 9)}`],
    ['bank_card', 0.2, (i) => `62${pad(spread(i, 1e9), 9)}${rng.digits(rng.int(5, 8))}`],
    ['payment_account', 0.1, (i) => (i % 2 ? `alipay:1${pad(spread(i, 1e10), 10)}` : `wechatpay:wxid_${spread(i, 1e9).toString(36)}${rng.word(4)}`)],
    ['im_account', 0.05, (i) => (i % 2 ? `qq:${10_000 + spread(i, 1e9)}` : `wechat:w${spread(i, 1e9).toString(36)}${rng.word(4)}`)],
    ['domain', 0.12, (i) => `${rng.word(rng.int(3, 8))}${spread(i, 1e9).toString(36)}.${rng.pick(['top', 'xyz', 'cn', 'com', 'vip', 'cc'])}`],
    ['url', 0.08, (i) => `${rng.word(5)}${spread(i, 1e9).toString(36)}.${rng.pick(['top', 'xyz', 'cn'])}/${rng.word(5)}/${rng.word(6)}`],
  ];
  const started = performance.now();
  let seq = await repo.currentSeq();
  let done = 0;
  while (done < count) {
    const n = Math.min(50_000, count - done);
    const batch: NewIndicator[] = [];
    for (let j = 0; j < n; j++) {
      const i = done + j;
      let r = rng.next();
      let k = kinds[0];
      for (const candidate of kinds) {
        k = candidate;
        if ((r -= candidate[1]) < 0) break;
      }
      batch.push({
        kind: k[0],
        value: k[2](i),
        status: rng.next() < 0.7 ? 'blocked' : 'reported',
        fraudTypes: [rng.pick(['task_rebate', 'fake_investment', 'fake_loan', 'fake_customer_service', 'impersonate_authority'] as const)],
        score: 80,
        source: 'bench',
        firstSeen: now,
        lastSeen: now,
        sightings: 1,
        expiresAt: now + 365 * 86_400_000,
        reviewRequestedAt: null,
        seq: ++seq,
        updatedAt: now,
      });
    }
    await repo.transaction(async (tx) => {
      await repo.insertMany(tx, batch);
      await repo.reserveSeq(tx, n);
    });
    done += n;
    if (done % 1_000_000 === 0 || done === count) {
      console.log(`  generated ${done.toLocaleString()} (${Math.round(done / ((performance.now() - started) / 1000)).toLocaleString()} rows/s)`);
    }
  }
}

/** Opens (or builds, when its count differs) the bench store of `total` indicators under `dir`. */
export async function indicatorStore(total: number, dir: string, config: Config, report: Report): Promise<Store> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${total}.db`);
  let store = await openStore({ sqliteFile: file });
  const existing = await store.indicators.count();
  if (existing === total) {
    console.log(`  reusing ${file} (${existing.toLocaleString()} indicators); delete it to rebuild`);
    return store;
  }
  await store.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  store = await openStore({ sqliteFile: file });
  await importRealLists(store, config, report);
  await generate(store, total - (await store.indicators.count()));
  return store;
}
