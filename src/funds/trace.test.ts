import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { traceMoney, type LedgerReader, type LedgerTransfer } from './trace.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 2, 0);

/** An in-memory ledger: [from, to, yuan, minutes after T0]. */
function ledger(rows: Array<[string, string, number, number]>): LedgerReader {
  const all: LedgerTransfer[] = rows.map(([from, to, yuan, min], i) => ({ id: i + 1, eventId: `e${i + 1}`, from, to, amountFen: yuan * 100, ts: T0 + min * 60_000 }));
  return {
    async transfersOf(account, from, to) {
      return all.filter((t) => (t.from === account || t.to === account) && t.ts >= from && t.ts <= to).sort((a, b) => a.ts - b.ts || a.id - b.id);
    },
  };
}

const options = { windowMs: 72 * H, maxHops: 8, ignore: new Set(['VICTIM']) };
const node = (trace: Awaited<ReturnType<typeof traceMoney>>, account: string) => trace.nodes.find((n) => n.account === account);

describe('money tracing (first in, first out)', () => {
  it('follows a split and a merge, and leaves what is still held where it is', async () => {
    const l = ledger([
      ['VICTIM', 'M1', 10_000, 0],
      ['M1', 'M2', 6_000, 5],
      ['M1', 'M3', 3_000, 6],
      ['M2', 'C', 5_900, 60],
      ['M3', 'C', 2_900, 70],
    ]);
    const trace = await traceMoney(l, [{ account: 'M1', amountFen: 1_000_000, ts: T0 }], options);
    assert.equal(node(trace, 'M1')?.heldFen, 100_000, '1,000 yuan never left the first mule');
    assert.equal(node(trace, 'M2')?.heldFen, 10_000);
    assert.equal(node(trace, 'C')?.victimInFen, 880_000, 'both halves merge at the collector');
    assert.equal(node(trace, 'C')?.hop, 3);
    assert.equal(trace.hops, 3);
    assert.equal(trace.edges.length, 4, "the victim's own payment is the seed, not an edge");
  });

  it('spends money that was there before the victim\'s first, and never counts it as the victim\'s', async () => {
    const l = ledger([
      ['OTHER', 'M1', 2_000, -120],
      ['M1', 'M2', 2_500, 10],
    ]);
    const trace = await traceMoney(l, [{ account: 'M1', amountFen: 1_000_000, ts: T0 }], options);
    assert.equal(node(trace, 'M1')?.priorFen, 200_000);
    assert.equal(trace.edges[0].victimFen, 50_000, 'of 2,500 yuan out, the first 2,000 were the old balance');
    assert.equal(node(trace, 'M1')?.heldFen, 950_000);
  });

  it('handles a cycle, stops at the window and at the hop limit', async () => {
    const l = ledger([
      ['M1', 'M2', 1_000, 10],
      ['M2', 'M1', 1_000, 20],
      ['M1', 'M3', 1_000, 30],
      ['M3', 'LATE', 1_000, 80 * 60],
    ]);
    const trace = await traceMoney(l, [{ account: 'M1', amountFen: 100_000, ts: T0 }], options);
    assert.equal(node(trace, 'M3')?.heldFen, 100_000, 'the money went round once and on to M3, where it stays');
    assert.equal(node(trace, 'LATE'), undefined, 'a transfer 80 h later is outside the 72 h window');
    const short = await traceMoney(l, [{ account: 'M1', amountFen: 100_000, ts: T0 }], { ...options, maxHops: 1 });
    assert.deepEqual(short.nodes.map((n) => n.account), ['M1']);
  });

  it('without an amount follows everything that leaves the account', async () => {
    const l = ledger([
      ['M1', 'M2', 700, 10],
      ['M1', 'M3', 300, 20],
    ]);
    const trace = await traceMoney(l, [{ account: 'M1', amountFen: null, ts: T0 }], options);
    assert.equal(node(trace, 'M2')?.heldFen, 70_000);
    assert.equal(node(trace, 'M3')?.heldFen, 30_000);
  });
});
