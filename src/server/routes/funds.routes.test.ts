import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../testing.js';

const VICTIM_CARD = '6222020200112233445';
const MULE_CCB = '6217000010001234567'; // 中国建设银行
const report = {
  victim: { name: '李四', idNumber: '110101199001011234', phone: '13812345678' },
  occurredAt: '2026-12-01T10:00:00+08:00',
  narrative: '对方自称客服，让我开屏幕共享，然后转账到指定账户验证流水。',
  fraudType: 'fake_customer_service',
  losses: [{ fromAccount: VICTIM_CARD, toAccount: MULE_CCB, amountFen: 880_000, ts: '2026-12-01T10:30:00+08:00', channel: 'bank_transfer' }],
  indicators: [],
};

describe('stop-payment, tracing and money over HTTP', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  before(async () => {
    server = await startTestServer();
    tokens.ccb = (await server.ctx.tokens.create('bank_partner', 'ccb', 'test', '中国建设银行')).secret;
    tokens.icbc = (await server.ctx.tokens.create('bank_partner', 'icbc', 'test', '中国工商银行')).secret;
    tokens.bankless = (await server.ctx.tokens.create('bank_partner', 'no scope', 'test')).secret;
  });
  after(() => server.close());

  it('a hotline report sends a stop-payment order to the payee bank at once; that bank sees it, masked, and answers it', async () => {
    const { app, auth } = server;
    const saved = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth('hotline'), payload: report });
    assert.equal(saved.statusCode, 201, saved.body);
    const reportId = saved.json().report.id as number;

    const list = await app.inject({ url: `/api/v1/orders?reportId=${reportId}`, headers: auth('hotline') });
    const [order] = list.json().orders;
    assert.equal(order.account, MULE_CCB);
    assert.equal(order.bank, '中国建设银行');
    assert.equal(order.status, 'sent', 'out of the outbox, waiting for the bank to pull it');
    assert.equal(order.amountFen, 880_000);
    assert.equal(order.victimPhone, '+8613812345678', 'the centre sees the victim in full');

    const ccb = (await app.inject({ url: '/api/v1/orders', headers: as('ccb') })).json().orders;
    assert.deepEqual(ccb.map((o: { id: number }) => o.id), [order.id]);
    assert.notEqual(ccb[0].victimPhone, '+8613812345678', 'a bank sees the victim masked');
    assert.notEqual(ccb[0].payerAccount, VICTIM_CARD, 'and the victim’s own account too');
    assert.equal(order.payerAccount, VICTIM_CARD);
    assert.deepEqual((await app.inject({ url: '/api/v1/orders', headers: as('icbc') })).json().orders, []);
    assert.equal((await app.inject({ url: `/api/v1/orders/${order.id}`, headers: as('icbc') })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/v1/orders', headers: as('bankless') })).json().error.code, 'FORBIDDEN');
    assert.equal((await app.inject({ url: '/api/v1/orders', headers: auth('station_officer') })).statusCode, 403);

    const bad = await app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/answer`, headers: as('ccb'), payload: { status: 'kept' } });
    assert.equal(bad.statusCode, 400);
    const answered = await app.inject({ method: 'POST', url: `/api/v1/orders/${order.id}/answer`, headers: as('ccb'), payload: { status: 'held', heldFen: 880_000 } });
    assert.equal(answered.json().order.status, 'held', answered.body);

    const freeze = await app.inject({ method: 'POST', url: '/api/v1/freezes', headers: auth('analyst'), payload: { orderId: order.id, amountFen: 880_000, documentNo: '冻字1号' } });
    assert.equal(freeze.statusCode, 201, freeze.body);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/freezes', headers: auth('hotline'), payload: { orderId: order.id, amountFen: 1, documentNo: 'x' } })).statusCode, 403);
    const returned = await app.inject({ method: 'POST', url: `/api/v1/freezes/${freeze.json().freeze.id}/return`, headers: auth('analyst') });
    assert.deepEqual(returned.json().returns.map((r: { amountFen: number }) => r.amountFen), [880_000]);
    const totals = (await app.inject({ url: '/api/v1/funds/totals?by=bank', headers: auth('analyst') })).json().totals;
    assert.deepEqual(totals, [{ key: '中国建设银行', orders: 1, stoppedFen: 880_000, frozenFen: 880_000, returnedFen: 880_000 }]);
  });

  it('validates stop-payment requests and traces from an account', async () => {
    const { app, auth } = server;
    const bad = await app.inject({ method: 'POST', url: '/api/v1/orders/stop-pay', headers: auth('hotline'), payload: { reportId: 5, losses: [{ fromAccount: VICTIM_CARD, toAccount: MULE_CCB, amountFen: -1, ts: 'yesterday' }] } });
    assert.equal(bad.statusCode, 400);
    const trace = await app.inject({ url: `/api/v1/trace?account=${MULE_CCB}&since=2026-12-01T00:00:00Z`, headers: auth('analyst') });
    assert.equal(trace.statusCode, 200, trace.body);
    assert.deepEqual(trace.json().trace.nodes.map((n: { account: string }) => n.account), [MULE_CCB]);
    assert.equal((await app.inject({ url: '/api/v1/trace/report/999', headers: auth('analyst') })).statusCode, 404);
  });
});
