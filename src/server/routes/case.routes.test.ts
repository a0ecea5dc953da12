import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../testing.js';

const WUCHENG = '140105001'; // 坞城派出所, 小店分局
const YINGPAN = '140105002';
const VICTIM = '13812345678';
const body = (over: Record<string, unknown> = {}) => ({
  victim: { name: '张三', idNumber: '110101199001011234', phone: VICTIM },
  occurredAt: '2026-12-01T10:00:00+08:00',
  narrative: '自称公安局民警，说我涉嫌洗钱案件，要求把钱转入安全账户配合调查。',
  fraudType: 'impersonate_authority',
  losses: [{ fromAccount: '6222020200112233445', toAccount: '6217000010001234567', amountFen: 500000, ts: '2026-12-01T10:30:00+08:00', channel: 'bank_transfer' }],
  indicators: [{ kind: 'phone', value: '17100002222' }],
  ...over,
});

describe('reports and cases over HTTP', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  before(async () => {
    server = await startTestServer({ FANZHA_PUBLIC_RATE_PER_MIN: '20' });
    tokens.wucheng = (await server.ctx.tokens.create('station_officer', 'wucheng', 'test', WUCHENG)).secret;
    tokens.yingpan = (await server.ctx.tokens.create('station_officer', 'yingpan', 'test', YINGPAN)).secret;
    await server.store.dispatch.saveRoster([{ phone: '+8613812345678', stationCode: WUCHENG }], Date.now());
  });
  after(() => server.close());

  it('takes a hotline report: 201 with the report, its case, the model suggestion and the extracted indicators', async () => {
    const { app, auth } = server;
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth('hotline'), payload: body() });
    assert.equal(res.statusCode, 201, res.body);
    const { report, suggestion, extracted } = res.json();
    assert.equal(report.status, 'submitted');
    assert.ok(report.caseId);
    assert.equal(report.station, WUCHENG, 'placed by the victim’s registered station');
    assert.equal(report.victim.idNumber, '110101199001011234', 'the hotline sees it in full');
    assert.equal(typeof suggestion.fraudType, 'string');
    assert.ok(Array.isArray(extracted));
    assert.equal(server.handedOver.length, 1);
  });

  it('answers a bad body with 400 VALIDATION_FAILED and the path of each issue', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/reports', headers: server.auth('hotline'), payload: body({ losses: [{ amountFen: 1.5 }] }) });
    assert.equal(res.statusCode, 400);
    const { error } = res.json();
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details.issues.map((i: { path: string }) => i.path), ['losses.0.amountFen']);
  });

  it('saves a draft and completes it with PUT, then submit says it is already submitted', async () => {
    const { app, auth } = server;
    const draft = (await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth('hotline'), payload: { draft: true, narrative: '刷单返利被骗' } })).json().report;
    assert.equal(draft.status, 'draft');
    const early = await app.inject({ method: 'POST', url: `/api/v1/reports/${draft.id}/submit`, headers: auth('hotline') });
    assert.equal(early.statusCode, 400);
    assert.ok(early.json().error.details.issues.some((i: { path: string }) => i.path === 'victim.name'));
    const put = await app.inject({ method: 'PUT', url: `/api/v1/reports/${draft.id}`, headers: auth('hotline'), payload: { ...body({ victim: { name: '李四', idNumber: '110101199202021234', phone: '13900001111' } }), draft: true } });
    assert.equal(put.json().report.status, 'draft');
    const submitted = await app.inject({ method: 'POST', url: `/api/v1/reports/${draft.id}/submit`, headers: auth('hotline') });
    assert.equal(submitted.json().report.status, 'submitted');
    const again = await app.inject({ method: 'POST', url: `/api/v1/reports/${draft.id}/submit`, headers: auth('hotline') });
    assert.equal(again.json().error.code, 'INVALID_TRANSITION');
  });

  it('scopes reports and cases to a station officer’s station and masks personal data', async () => {
    const { app, auth } = server;
    const mine = (await app.inject({ url: '/api/v1/reports', headers: as('wucheng') })).json().reports;
    assert.equal(mine.length, 1);
    assert.equal(mine[0].victim.idNumber, '110101********1234');
    assert.equal(mine[0].victim.phone, '+86138****5678');
    assert.equal(mine[0].victim.name, '张*');
    assert.deepEqual((await app.inject({ url: '/api/v1/reports', headers: as('yingpan') })).json().reports, []);
    const all = (await app.inject({ url: '/api/v1/reports', headers: auth('analyst') })).json().reports;
    assert.equal(all.length, 2);
    assert.equal(all.find((r: { station: string }) => r.station === WUCHENG).victim.phone, '+8613812345678');
    const caseId = mine[0].caseId;
    assert.equal((await app.inject({ url: `/api/v1/cases/${caseId}`, headers: as('yingpan') })).statusCode, 404);
    const shown = await app.inject({ url: `/api/v1/cases/${caseId}`, headers: as('wucheng') });
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.json().reports[0].victim.idNumber, '110101********1234');
    const move = await app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/status`, headers: as('wucheng'), payload: { status: 'filed' } });
    assert.equal(move.statusCode, 403, 'officers read cases; analysts manage them');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/reports', headers: auth('bank_partner'), payload: body() })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/v1/reports' })).statusCode, 401);
  });

  it('manages a case: status moves, suspects with arrest, filters, similar cases and clusters', async () => {
    const { app, auth } = server;
    const [c] = (await app.inject({ url: '/api/v1/cases?type=impersonate_authority&period=2026', headers: auth('analyst') })).json().cases.slice(-1);
    assert.ok(c, 'the first case is listed under its type and year');
    const bad = await app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/status`, headers: auth('analyst'), payload: { status: 'solved' } });
    assert.equal(bad.json().error.code, 'INVALID_TRANSITION');
    const filed = await app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/status`, headers: auth('analyst'), payload: { status: 'filed', note: '立案' } });
    assert.equal(filed.json().case.status, 'filed');
    const s = await app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/suspects`, headers: auth('analyst'), payload: { name: '王五', role: 'laundering', phone: '+8613900002222' } });
    assert.equal(s.statusCode, 201);
    const arrest = await app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/suspects/${s.json().suspect.id}/arrest`, headers: auth('analyst'), payload: { at: '2026-12-05T08:00:00Z' } });
    assert.equal(arrest.json().suspect.arrestedAt, '2026-12-05T08:00:00.000Z');
    const officerView = (await app.inject({ url: `/api/v1/cases/${c.id}`, headers: as('wucheng') })).json();
    assert.equal(officerView.suspects[0].phone, '+86139****2222');
    assert.deepEqual(officerView.history.map((h: { toStatus: string }) => h.toStatus), ['reported', 'filed']);
    assert.deepEqual((await app.inject({ url: '/api/v1/cases?status=filed', headers: auth('analyst') })).json().cases.map((x: { id: number }) => x.id), [c.id]);
    // Both reports named 17100002222 and the same payee card: their cases are linked.
    const similar = (await app.inject({ url: `/api/v1/cases/${c.id}/similar`, headers: auth('analyst') })).json().similar;
    assert.equal(similar.length, 1);
    assert.ok(similar[0].shared.includes('phone|+8617100002222'));
    const clusters = (await app.inject({ url: '/api/v1/cases/clusters', headers: auth('analyst') })).json().clusters;
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].size, 2);
    assert.equal((await app.inject({ url: '/api/v1/cases/clusters', headers: as('wucheng') })).statusCode, 403);
  });

  it('takes a public report without a token, answers only an acknowledgement, and rate-limits it', async () => {
    const { app } = server;
    const res = await app.inject({ method: 'POST', url: '/api/v1/public/reports', payload: body({ source: 'hotline', draft: true }) });
    assert.equal(res.statusCode, 201, res.body);
    const answer = res.json();
    assert.deepEqual(Object.keys(answer), ['report']);
    assert.deepEqual(Object.keys(answer.report).sort(), ['id', 'status']);
    assert.equal(answer.report.status, 'submitted', 'a citizen cannot come back to a draft');
    const stored = await server.store.cases.report(answer.report.id);
    assert.equal(stored?.source, 'public');
    const next = await app.inject({ method: 'POST', url: '/api/v1/public/reports', payload: body() });
    assert.equal(next.statusCode, 201);
    const limited = await app.inject({ method: 'POST', url: '/api/v1/public/reports', payload: body() });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'RATE_LIMITED');
  });

  it('opens a draft report for a warning whose outcome is already_lost', async () => {
    const { app, auth } = server;
    const events = [
      { id: 'c9', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: VICTIM, durationSec: 1500 },
      { id: 'a9', type: 'app', ts: '2026-03-02T09:12:00+08:00', subscriber: VICTIM, app: '腾讯会议', action: 'screen_share_start' },
    ];
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('telecom_partner'), payload: events })).json().warnings, 1);
    await server.ctx.dispatch.idle();
    const [item] = (await app.inject({ url: '/api/v1/dispatch/items', headers: auth('analyst') })).json().items;
    const acted = await app.inject({ method: 'POST', url: `/api/v1/dispatch/items/${item.warningId}/act`, headers: auth('analyst'), payload: { outcome: 'already_lost' } });
    assert.equal(acted.statusCode, 200, acted.body);
    let report;
    for (let i = 0; i < 100 && !report; i++) {
      report = await server.store.cases.reportByWarning(item.warningId);
      if (!report) await new Promise((r) => setImmediate(r));
    }
    assert.ok(report, 'a draft was opened');
    assert.deepEqual([report.status, report.source, report.victim.phone, report.station], ['draft', 'dispatch', '+8613812345678', WUCHENG]);
    assert.equal(report.fraudType, item.fraudType);
  });
});
