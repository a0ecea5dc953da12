/**
 * Stop-payment and tracing figures (issue 7). (1) From a report's losses handed over to all its first-hop orders
 * stored, in the outbox and delivered (no webhook: left for the banks to pull), for 100 reports of 1-5 losses,
 * p50 / p99. (2) Traces over a ledger of 10,000,000 transfers (FANZHA_BENCH_TRANSFERS; SQLite, kept in
 * $TMPDIR/fanzha-bench and reused): 30 days of transfers between 2,000,000 ordinary accounts, with 100 victims
 * whose money crosses five hops of mules — split three ways, passed on, merged, then to a collector — among them;
 * each trace follows a victim's money from its first payee, p50 / p99.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FundsService, traceMoney } from '../src/funds/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { Rng } from './rng.js';
import { Table } from './table.js';

const TRANSFERS = Number(process.env.FANZHA_BENCH_TRANSFERS ?? 10_000_000);
const ACCOUNTS = 2_000_000;
const VICTIMS = 100;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 1, 1);
const DIR = process.env.FANZHA_BENCH_DIR ?? path.join(os.tmpdir(), 'fanzha-bench');
const CHUNK = 50_000;

const table = new Table();
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
// 621700 is a 中国建设银行 debit BIN, so that the orders go to a bank and through the outbox.
const card = (n: number): string => `6217000${String(n).padStart(12, '0')}`;

interface Victim {
  first: string;
  amountFen: number;
  ts: number;
}

/** The victims' mule chains, the same for every run (seeded); their transfers are mixed into the ledger. */
function victimChains(rng: Rng): { victims: Victim[]; rows: Array<[string, string, number, number]> } {
  const victims: Victim[] = [];
  const rows: Array<[string, string, number, number]> = [];
  for (let v = 0; v < VICTIMS; v++) {
    const mule = (k: number) => `9400${String(v).padStart(3, '0')}${String(k).padStart(6, '0')}`;
    const amount = rng.int(50_000, 500_000) * 100;
    const ts = T0 + rng.int(1, 27) * DAY + rng.int(0, DAY - 1);
    rows.push([`6217${String(v).padStart(15, '0')}`, mule(1), amount, ts]);
    let t = ts;
    const parts = [0.4, 0.35, 0.25].map((share) => Math.floor(amount * share));
    parts.forEach((part, i) => {
      t += rng.int(1, 10) * 60_000;
      rows.push([mule(1), mule(10 + i), part, t]); // hop 2: split
      rows.push([mule(10 + i), mule(20 + i), part - 10_000, t + rng.int(5, 60) * 60_000]); // hop 3
      rows.push([mule(20 + i), mule(30), part - 20_000, t + rng.int(61, 180) * 60_000]); // hop 4: merge
    });
    rows.push([mule(30), mule(40), Math.floor(amount * 0.9), t + 200 * 60_000]); // hop 5: the collector
    victims.push({ first: mule(1), amountFen: amount, ts });
  }
  return { victims, rows };
}

async function ledgerStore(rows: Array<[string, string, number, number]>): Promise<Store> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `funds-ledger-${TRANSFERS}.db`);
  const ready = fs.existsSync(file);
  const store = await openStore({ sqliteFile: file });
  if (ready) {
    console.log(`  ledger of ${TRANSFERS.toLocaleString()} transfers reused from ${file}`);
    return store;
  }
  const rng = new Rng(11);
  const started = performance.now();
  const background = TRANSFERS - rows.length;
  const every = Math.floor(background / rows.length);
  let n = 0;
  let next = 0;
  for (let done = 0; done < background; done += CHUNK) {
    const chunk: Parameters<Store['funds']['addTransfers']>[1][number][] = [];
    for (let i = done; i < Math.min(background, done + CHUNK); i++) {
      chunk.push({ sender: 'bench', eventId: `b${i}`, from: card(rng.int(0, ACCOUNTS - 1)), to: card(rng.int(0, ACCOUNTS - 1)), amountFen: rng.int(1, 500_000) * 100, ts: T0 + Math.floor((i / background) * 30 * DAY) });
      if (i % every === 0 && next < rows.length) {
        const [from, to, amountFen, ts] = rows[next];
        chunk.push({ sender: 'bench', eventId: `v${next++}`, from, to, amountFen, ts });
      }
    }
    await store.funds.transaction((tx) => store.funds.addTransfers(tx, chunk));
    n += chunk.length;
  }
  while (next < rows.length) {
    const [from, to, amountFen, ts] = rows[next];
    await store.funds.transaction((tx) => store.funds.addTransfers(tx, [{ sender: 'bench', eventId: `v${next++}`, from, to, amountFen, ts }]));
    n++;
  }
  console.log(`  wrote a ledger of ${n.toLocaleString()} transfers in ${((performance.now() - started) / 1000).toFixed(0)} s (${file})`);
  return store;
}

async function main(): Promise<void> {
  console.log(`Fanzha funds benchmark: ${VICTIMS} reports, a ledger of ${TRANSFERS.toLocaleString()} transfers, ${os.cpus().length} cores, node ${process.version}`);
  const rng = new Rng(5);

  // (1) Report saved -> first-hop orders out.
  const orderStore = await openStore({ sqliteFile: path.join(DIR, `funds-orders-${process.pid}.db`) });
  const funds = new FundsService(orderStore, { traceWindowMs: 72 * 3_600_000, traceMaxHops: 8, webhooks: {} });
  const times: number[] = [];
  let orders = 0;
  for (let r = 1; r <= 100; r++) {
    const losses = Array.from({ length: rng.int(1, 5) }, (_, k) => ({ fromAccount: card(r), toAccount: card(1_000_000 + r * 10 + k), amountFen: rng.int(1000, 100_000) * 100, ts: T0 + k * 60_000, channel: 'mobile_banking' }));
    const started = performance.now();
    orders += (await funds.stopPayForReport({ reportId: r, caseId: r, victimPhone: null, losses }, { name: 'bench', role: 'system' })).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const sent = (await orderStore.funds.orders({ status: 'sent', limit: 10_000 })).length;
  table.report(`report -> first-hop stop-payment orders stored and delivered, p50 (${orders} orders, ${sent} sent)`, `${percentile(times, 0.5).toFixed(2)} ms`, '');
  table.report('report -> first-hop stop-payment orders stored and delivered, p99', `${percentile(times, 0.99).toFixed(2)} ms`, 'target <= 1 s');
  await orderStore.close();
  for (const f of fs.readdirSync(DIR).filter((f) => f.startsWith(`funds-orders-${process.pid}`))) fs.rmSync(path.join(DIR, f));

  // (2) Traces over the big ledger.
  const { victims, rows } = victimChains(new Rng(3));
  const ledger = await ledgerStore(rows);
  const traceTimes: number[] = [];
  let hops = 0;
  let heldRight = 0;
  for (const v of victims) {
    const started = performance.now();
    const trace = await traceMoney(ledger.funds, [{ account: v.first, amountFen: v.amountFen, ts: v.ts }], { windowMs: 72 * 3_600_000, maxHops: 8 });
    traceTimes.push(performance.now() - started);
    hops = Math.max(hops, trace.hops);
    if (trace.nodes.some((n) => n.account.endsWith('000040') && n.heldFen > 0)) heldRight++;
  }
  traceTimes.sort((a, b) => a - b);
  table.report(`trace of a victim's money over ${TRANSFERS.toLocaleString()} transfers, p50 (${hops} hops; collector found in ${heldRight}/${VICTIMS})`, `${percentile(traceTimes, 0.5).toFixed(2)} ms`, '');
  table.report('trace of a victim\'s money, p99', `${percentile(traceTimes, 0.99).toFixed(2)} ms`, 'target <= 1 s');
  await ledger.close();
  table.print(`report -> orders p99 ${percentile(times, 0.99).toFixed(1)} ms; 5-hop trace over ${TRANSFERS.toLocaleString()} transfers p99 ${percentile(traceTimes, 0.99).toFixed(1)} ms`);
}

await main();
