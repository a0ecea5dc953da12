import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ScreeningEvent } from '../domain/event.js';
import type { Actor } from '../domain/role.js';
import type { Store } from '../store/index.js';
import { testEngines } from '../store/testing.js';
import { FundsService, proRata } from './funds.service.js';
import type { StopPayOrder } from './types.js';

const ANALYST: Actor = { name: 'analyst 王', role: 'analyst' };
const SYSTEM: Actor = { name: 'system', role: 'system' };
const T0 = Date.UTC(2026, 2, 2, 2, 0);
const MIN = 60_000;
const VICTIM = '6217000010002345678'; // 中国建设银行
const MULE_ICBC = '6222021234567890128'; // 中国工商银行
const MULE_PAB = '6230580000123456789'; // 平安银行
const MULE_ABC = '6228480012345678'; // 中国农业银行
const UNKNOWN_BANK = '1234567890123';

function transfer(n: number, from: string, to: string, yuan: number, min: number): ScreeningEvent {
  return { sender: 'bank', id: `t${n}`, type: 'transfer', ts: T0 + min * MIN, fromAccount: from, toAccount: to, amountFen: yuan * 100, channel: 'mobile_banking' } as ScreeningEvent;
}

async function logTransfers(store: Store, events: ScreeningEvent[]): Promise<void> {
  await store.screening.transaction((tx) => store.screening.logEvents(tx, events, 0, Date.now() - 60_000));
}

for (const engine of testEngines()) {
  describe(`funds on ${engine.name}`, () => {
    after(() => engine.cleanup());

    const open = async (post?: (url: string, o: StopPayOrder) => Promise<void>) => {
      const store = await engine.open();
      const funds = new FundsService(store, { traceWindowMs: 72 * 60 * MIN, traceMaxHops: 8, webhooks: { 中国工商银行: 'http://bank.test/hook' }, post });
      return { store, funds };
    };

    it('orders stop-payment for each payee account at the bank its BIN names, once per report, and delivers through the outbox', async () => {
      const pushed: number[] = [];
      let failOnce = true;
      const { store, funds } = await open(async (_url, o) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('bank webhook down');
        }
        pushed.push(o.id);
      });
      const losses = {
        reportId: 7, caseId: 3, victimPhone: '+8613800138000',
        losses: [
          { fromAccount: VICTIM, toAccount: MULE_ICBC, amountFen: 500_000, ts: T0, channel: 'mobile_banking' },
          { fromAccount: VICTIM, toAccount: MULE_ICBC, amountFen: 100_000, ts: T0 + MIN, channel: 'mobile_banking' },
          { fromAccount: VICTIM, toAccount: MULE_PAB, amountFen: 200_000, ts: T0 + 2 * MIN, channel: 'mobile_banking' },
          { fromAccount: VICTIM, toAccount: UNKNOWN_BANK, amountFen: 50_000, ts: T0 + 3 * MIN, channel: 'other' },
        ],
      };
      const orders = await funds.stopPayForReport(losses, SYSTEM);
      assert.deepEqual(orders.map((o) => [o.account, o.bank, o.amountFen, o.status]), [
        [MULE_ICBC, '中国工商银行', 600_000, 'queued'],
        [MULE_PAB, '平安银行', 200_000, 'queued'],
        [UNKNOWN_BANK, null, 50_000, 'manual'],
      ]);
      assert.deepEqual(await funds.stopPayForReport(losses, SYSTEM), [], 'the same report again orders nothing new');
      const now = await store.funds.orders({ reportId: 7, limit: 10 });
      const icbc = now.find((o) => o.account === MULE_ICBC)!;
      assert.equal(icbc.status, 'queued', 'the webhook failed: still in the outbox, retried later');
      assert.equal(now.find((o) => o.account === MULE_PAB)!.status, 'sent', 'a bank without a webhook pulls its orders');
      await store.funds.retryLater(icbc.id, 1, 0, 'test: due now');
      assert.equal(await funds.deliver(), 1);
      assert.equal(await funds.deliver(), 0, 'delivered once');
      assert.deepEqual(pushed, [icbc.id]);
      await store.close();
    });

    it('lets a bank answer only its own orders, once', async () => {
      const { store, funds } = await open();
      const [order] = await funds.stopPayForReport({ reportId: 1, caseId: null, victimPhone: null, losses: [{ fromAccount: VICTIM, toAccount: MULE_PAB, amountFen: 300_000, ts: T0, channel: 'x' }] }, SYSTEM);
      await assert.rejects(funds.answer(ANALYST, { level: 'bank', bank: '中国工商银行' }, order.id, { status: 'held' }), /NOT_FOUND|no order/);
      const held = await funds.answer(ANALYST, { level: 'bank', bank: '平安银行' }, order.id, { status: 'insufficient', heldFen: 120_000 });
      assert.equal(held.status, 'insufficient');
      assert.equal(held.heldFen, 120_000);
      await assert.rejects(funds.answer(ANALYST, { level: 'city' }, order.id, { status: 'held' }), /answered already/);
      await store.close();
    });

    it('copies logged transfer events into the ledger once, across a restart', async () => {
      const { store, funds } = await open();
      await logTransfers(store, [transfer(1, VICTIM, MULE_ICBC, 100, 0), transfer(2, MULE_ICBC, MULE_PAB, 90, 5)]);
      assert.equal(await funds.tailLedger(), 2);
      const again = new FundsService(store, { traceWindowMs: 72 * 60 * MIN, traceMaxHops: 8, webhooks: {} });
      assert.equal(await again.tailLedger(), 0);
      await logTransfers(store, [transfer(3, MULE_PAB, MULE_ABC, 80, 10)]);
      assert.equal(await again.tailLedger(), 1);
      assert.equal((await store.funds.transfersOf(MULE_PAB, 0, T0 + 60 * MIN)).length, 2);
      await store.close();
    });

    it('traces a report through the ledger and orders stop-payment downstream when the first bank says the money moved', async () => {
      const { store, funds } = await open();
      await logTransfers(store, [
        transfer(1, VICTIM, MULE_ICBC, 10_000, 0),
        transfer(2, MULE_ICBC, MULE_PAB, 6_000, 4),
        transfer(3, MULE_ICBC, MULE_ABC, 4_000, 6),
        transfer(4, MULE_PAB, UNKNOWN_BANK, 5_000, 30),
      ]);
      await funds.tailLedger();
      const [first] = await funds.stopPayForReport({ reportId: 9, caseId: 4, victimPhone: '+8613800138000', losses: [{ fromAccount: VICTIM, toAccount: MULE_ICBC, amountFen: 1_000_000, ts: T0, channel: 'x' }] }, SYSTEM);
      const trace = await funds.traceReport(9);
      assert.deepEqual(trace.nodes.map((n) => [n.account, n.hop, n.heldFen]).sort(), [
        [MULE_ICBC, 1, 0], [MULE_PAB, 2, 100_000], [MULE_ABC, 2, 400_000], [UNKNOWN_BANK, 3, 500_000],
      ].sort());
      assert.equal(trace.edges.length, 3);
      await funds.answer({ name: 'bank', role: 'bank_partner' }, { level: 'bank', bank: '中国工商银行' }, first.id, { status: 'moved' });
      const downstream = (await store.funds.orders({ reportId: 9, limit: 10 })).filter((o) => o.reason === 'downstream');
      assert.deepEqual(downstream.map((o) => [o.account, o.hop, o.amountFen, o.status]).sort(), [
        [MULE_PAB, 2, 100_000, 'sent'], [MULE_ABC, 2, 400_000, 'sent'], [UNKNOWN_BANK, 3, 500_000, 'manual'],
      ].sort());
      await store.close();
    });

    it('freezes up to what was held and returns it pro rata to the victims whose money is there, to the fen', async () => {
      const { store, funds } = await open();
      const lossTo = (reportId: number, fen: number) => funds.stopPayForReport({ reportId, caseId: 1, victimPhone: `+86138000000${reportId}0`, losses: [{ fromAccount: VICTIM, toAccount: MULE_PAB, amountFen: fen, ts: T0, channel: 'x' }] }, SYSTEM);
      const [a] = await lossTo(1, 100_000);
      const [b] = await lossTo(2, 200_000);
      const [c] = await lossTo(3, 100_000);
      const bank = { level: 'bank', bank: '平安银行' } as const;
      for (const o of [a, b, c]) await funds.answer(ANALYST, bank, o.id, { status: 'held', heldFen: o === b ? 1 : o.amountFen });
      await assert.rejects(funds.freeze(ANALYST, { orderId: b.id, amountFen: 2, documentNo: 'D-1', days: 30 }), /too much/);
      const freeze = await funds.freeze(ANALYST, { orderId: a.id, amountFen: 100_001, documentNo: '并冻字〔2026〕1号', days: 180 }).catch(() => null);
      assert.equal(freeze, null, 'more than order a held');
      const f = await funds.freeze(ANALYST, { orderId: a.id, amountFen: 100_000, documentNo: '并冻字〔2026〕1号', days: 180 });
      const returns = await funds.returnFrozen(ANALYST, f.id);
      assert.deepEqual(returns.map((r) => [r.reportId, r.amountFen]), [[1, 25_000], [2, 50_000], [3, 25_000]]);
      await assert.rejects(funds.returnFrozen(ANALYST, f.id), /returned/);
      const totals = await funds.totals('case');
      assert.deepEqual(totals.map((t) => [t.key, t.orders, t.stoppedFen, t.frozenFen, t.returnedFen]), [['1', 3, 200_001, 100_000, 100_000]]);
      const byDay = await funds.totals('day');
      assert.equal(byDay.length, 1);
      assert.match(byDay[0].key ?? '', /^\d{4}-\d{2}-\d{2}$/);
      await store.close();
    });
  });
}

describe('pro-rata shares', () => {
  it('adds up exactly, the remainder to the largest fractions', () => {
    assert.deepEqual(proRata(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(proRata(10, [5, 3, 2]), [5, 3, 2]);
    assert.deepEqual(proRata(7, [0, 0]), [0, 0]);
    const shares = proRata(1_000_003, [333, 333, 334]);
    assert.equal(shares.reduce((a, b) => a + b, 0), 1_000_003);
  });
});
