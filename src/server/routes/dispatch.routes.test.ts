import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SseReader } from '../../dispatch/index.js';
import type { Role } from '../../domain/role.js';
import { startTestServer, type TestServer } from '../testing.js';

const WUCHENG = '140105001'; // 坞城派出所, 小店分局
const YINGPAN = '140105002'; // 营盘派出所, 小店分局
const XIAODIAN = '140105';
const VICTIM = '+8613812345678';
// A fake-customer-service path (see screening.routes.test.ts): a long overseas call, then screen sharing.
const path = (suffix: string, to: string) => [
  { id: `c${suffix}`, type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to, durationSec: 1500 },
  { id: `a${suffix}`, type: 'app', ts: '2026-03-02T09:12:00+08:00', subscriber: to, app: '腾讯会议', action: 'screen_share_start' },
];

interface Sse {
  events: Array<{ event: string; data: Record<string, unknown> }>;
  /** Resolves with the first event that `match` accepts (already received or yet to come). */
  next(match: (e: { event: string; data: Record<string, unknown> }) => boolean): Promise<{ event: string; data: Record<string, unknown> }>;
  close(): void;
}

/** A console's live stream over real loopback HTTP, parsed frame by frame. */
function openStream(port: number, authorization: string): Promise<Sse> {
  return new Promise((resolve, reject) => {
    const req = http.get({ port, host: '127.0.0.1', path: '/api/v1/dispatch/stream', headers: { authorization } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      const events: Sse['events'] = [];
      const waiters: Array<{ match: (e: Sse['events'][number]) => boolean; done: (e: Sse['events'][number]) => void }> = [];
      const reader = new SseReader();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const frame of reader.push(chunk)) {
          const e = { event: frame.event, data: JSON.parse(frame.data) as Record<string, unknown> };
          events.push(e);
          for (const w of waiters.splice(0)) (w.match(e) ? w.done(e) : waiters.push(w));
        }
      });
      resolve({
        events,
        next: (match) => new Promise((done) => {
          const seen = events.find(match);
          if (seen) done(seen);
          else waiters.push({ match, done });
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('dispatch over HTTP', () => {
  let server: TestServer;
  let port: number;
  let clock = Date.UTC(2026, 2, 2, 1, 0, 0);
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  before(async () => {
    server = await startTestServer({}, { now: () => clock });
    const scoped: Array<[string, Role, string]> = [
      ['wucheng', 'station_officer', WUCHENG],
      ['wucheng2', 'station_officer', WUCHENG],
      ['yingpan', 'station_officer', YINGPAN],
      ['xiaodian', 'station_officer', XIAODIAN],
      ['icbc', 'bank_partner', '中国工商银行'],
      ['unscoped', 'station_officer', ''],
    ];
    for (const [name, role, scope] of scoped) tokens[name] = (await server.ctx.tokens.create(role, name, 'test', scope || null)).secret;
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    port = (server.app.server.address() as AddressInfo).port;
  });
  after(() => server.close());

  it('puts a warning the engine raises into the right station’s live queue, and only there', async () => {
    const { app, auth } = server;
    const roster = [{ phone: '138 1234 5678', accounts: 1, age: 71, district: '小店区', districtCode: XIAODIAN, station: '坞城派出所', stationCode: WUCHENG }];
    const imported = await app.inject({ method: 'POST', url: '/api/v1/dispatch/roster', headers: { ...auth('admin'), 'content-type': 'application/x-ndjson' }, payload: roster.map((r) => JSON.stringify(r)).join('\n') });
    assert.deepEqual(imported.json(), { imported: 1, rejected: [] });

    const station = await openStream(port, as('wucheng').authorization);
    const other = await openStream(port, as('yingpan').authorization);
    const district = await openStream(port, as('xiaodian').authorization);
    const sent = await app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('telecom_partner'), payload: path('1', '138 1234 5678') });
    assert.equal(sent.json().warnings, 1);

    const live = await station.next((e) => e.event === 'item');
    const item = live.data.item as Record<string, unknown>;
    assert.equal(live.data.change, 'created');
    assert.deepEqual([item.station, item.district, item.level, item.person, item.routeReason], [WUCHENG, XIAODIAN, 2, VICTIM, 'roster']);
    assert.equal(item.phoneDue, new Date(clock + 30 * 60_000).toISOString(), 'level 2: phone within 30 minutes');
    const fromDistrict = await district.next((e) => e.event === 'item');
    assert.equal((fromDistrict.data.item as Record<string, unknown>).person, '+86138****5678', 'the district sees the number masked');
    await server.ctx.dispatch.idle();
    assert.deepEqual(other.events, [], 'another station hears nothing');
    for (const s of [station, other, district]) s.close();

    const list = await app.inject({ url: '/api/v1/dispatch/items', headers: as('wucheng') });
    assert.deepEqual(list.json().items.map((i: { person: string }) => i.person), [VICTIM]);
    assert.deepEqual((await app.inject({ url: '/api/v1/dispatch/items', headers: as('yingpan') })).json().items, []);
  });

  it('lets one officer claim, answers the second with 409 CONFLICT, and records the work in the trail', async () => {
    const { app, auth } = server;
    const [item] = (await app.inject({ url: '/api/v1/dispatch/items', headers: as('wucheng') })).json().items;
    const url = `/api/v1/dispatch/items/${item.warningId}`;
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: `${url}/claim`, headers: as('wucheng') }),
      app.inject({ method: 'POST', url: `${url}/claim`, headers: as('wucheng2') }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    assert.equal((a.statusCode === 409 ? a : b).json().error.code, 'CONFLICT');
    const winner = a.statusCode === 200 ? 'wucheng' : 'wucheng2';
    const peek = await app.inject({ method: 'POST', url: `${url}/claim`, headers: as('yingpan') });
    assert.equal(peek.json().error.code, 'NOT_FOUND', 'another station cannot even see it');

    clock += 3 * 60_000;
    const act = await app.inject({ method: 'POST', url: `${url}/act`, headers: as(winner), payload: { action: { type: 'call', reached: true, durationSec: 310, note: '已讲明退款诈骗' }, outcome: 'dissuaded' } });
    assert.equal(act.statusCode, 200, act.body);
    assert.deepEqual([act.json().item.status, act.json().item.outcome], ['closed', 'dissuaded']);
    const bad = await app.inject({ method: 'POST', url: `${url}/act`, headers: as(winner), payload: { outcome: 'maybe' } });
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');

    const shown = (await app.inject({ url, headers: auth('analyst') })).json();
    assert.equal(shown.item.person, '+86138****5678', 'the city sees the number masked');
    assert.deepEqual(shown.trail.map((e: { action: string }) => e.action), ['routed', 'claimed', 'call', 'outcome']);
    assert.equal(shown.trail[2].detail.durationSec, 310);
    assert.match(shown.trail[2].at, /^2026-03-02T01:03:00/);
    const stats = (await app.inject({ url: '/api/v1/dispatch/stats', headers: auth('analyst') })).json();
    assert.deepEqual(stats.byFraudType.map((r: { key: string; total: number }) => [r.key, r.total]), [['fake_customer_service', 1]]);
    assert.equal((await app.inject({ url: '/api/v1/dispatch/stats', headers: as('wucheng') })).json().error.code, 'FORBIDDEN');
  });

  it('escalates what is late through the sweep, and re-assignment belongs to the district and city', async () => {
    const { app, auth } = server;
    // An unrostered Taiyuan number: the city queue.
    await app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('telecom_partner'), payload: path('2', '130 0701 2345') });
    await server.ctx.dispatch.idle();
    const queue = (await app.inject({ url: '/api/v1/dispatch/items?queue=true', headers: auth('analyst') })).json().items;
    assert.deepEqual(queue.map((i: { routeReason: string }) => i.routeReason), ['home_area_unplaced']);
    const url = `/api/v1/dispatch/items/${queue[0].warningId}`;
    assert.equal((await app.inject({ method: 'POST', url: `${url}/reassign`, headers: as('xiaodian'), payload: { to: YINGPAN } })).json().error.code, 'NOT_FOUND');
    const moved = await app.inject({ method: 'POST', url: `${url}/reassign`, headers: auth('analyst'), payload: { to: YINGPAN, note: '户籍在营盘' } });
    assert.equal(moved.json().item.station, YINGPAN);
    assert.equal((await app.inject({ method: 'POST', url: `${url}/reassign`, headers: as('yingpan'), payload: { to: WUCHENG } })).json().error.code, 'FORBIDDEN');
    const within = await app.inject({ method: 'POST', url: `${url}/reassign`, headers: as('xiaodian'), payload: { to: WUCHENG } });
    assert.equal(within.json().item.station, WUCHENG);

    clock += 31 * 60_000;
    const swept = await app.inject({ method: 'POST', url: '/api/v1/dispatch/sweep', headers: auth('admin') });
    assert.equal(swept.json().changed, 1);
    const late = (await app.inject({ url: '/api/v1/dispatch/items?late=true', headers: as('xiaodian') })).json().items;
    assert.deepEqual(late.map((i: { tier: string; late: boolean }) => [i.tier, i.late]), [['district', true]]);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/dispatch/sweep', headers: as('xiaodian') })).json().error.code, 'FORBIDDEN');
  });

  it('scopes by role: bank partners see only their bank’s instructions, a token without jurisdiction nothing', async () => {
    const { app, auth } = server;
    assert.equal((await app.inject({ url: '/api/v1/dispatch/items', headers: as('icbc') })).json().error.code, 'FORBIDDEN');
    assert.equal((await app.inject({ url: '/api/v1/dispatch/items', headers: as('unscoped') })).json().error.code, 'FORBIDDEN');
    assert.equal((await app.inject({ url: '/api/v1/dispatch/items', headers: auth('hotline') })).json().error.code, 'FORBIDDEN');
    assert.equal((await app.inject({ url: '/api/v1/dispatch/items' })).json().error.code, 'UNAUTHENTICATED');
    assert.equal((await app.inject({ url: '/api/v1/dispatch/instructions', headers: as('wucheng') })).json().error.code, 'FORBIDDEN');

    const bankStream = await openStream(port, as('icbc').authorization);
    await server.ctx.dispatch.enqueue([{ change: 'raised', warning: {
      id: 'w_fund_http', kind: 'fund', person: 'account:6222000011112222333', level: 1, fraudType: 'impersonate_authority', score: 95, typology: 'fund.flagged_payee',
      evidence: [], events: ['t1'], action: '资金预警', bank: '中国工商银行', raisedAt: clock, updatedAt: clock, history: [], storedAt: clock, seq: 99,
    } }]);
    const heard = await bankStream.next((e) => e.event === 'instruction');
    assert.deepEqual(Object.keys(heard.data.instruction as object).includes('person'), false, 'a bank never sees the person');
    assert.ok(bankStream.events.every((e) => e.event === 'instruction'), 'a bank hears no items');
    bankStream.close();
    const [instruction] = (await app.inject({ url: '/api/v1/dispatch/instructions', headers: as('icbc') })).json().instructions;
    assert.equal(instruction.bank, '中国工商银行');
    const held = await app.inject({ method: 'POST', url: `/api/v1/dispatch/instructions/${instruction.id}/answer`, headers: as('icbc'), payload: { status: 'held', note: '已暂停' } });
    assert.equal(held.json().instruction.status, 'held');
    const again = await app.inject({ method: 'POST', url: `/api/v1/dispatch/instructions/${instruction.id}/answer`, headers: as('icbc'), payload: { status: 'acknowledged' } });
    assert.equal(again.json().error.code, 'INVALID_TRANSITION');

    const units = (await app.inject({ url: '/api/v1/dispatch/jurisdictions', headers: auth('analyst') })).json().units;
    assert.equal(units.filter((u: { level: string }) => u.level === 'district').length, 11);
    const edit = await app.inject({ method: 'PUT', url: '/api/v1/dispatch/jurisdictions/140105901', headers: auth('admin'), payload: { name: '高新派出所', level: 'station', parent: XIAODIAN } });
    assert.equal(edit.statusCode, 200, edit.body);
    const trail = (await app.inject({ url: '/api/v1/dispatch/trails/unit:140105901', headers: auth('analyst') })).json().trail;
    assert.deepEqual(trail.map((e: { action: string; actor: string }) => [e.action, e.actor]), [['unit_saved', 'token:1 test admin']]);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/dispatch/jurisdictions/140105901', headers: auth('analyst'), payload: { name: 'x', level: 'station', parent: XIAODIAN } })).json().error.code, 'FORBIDDEN');
  });
});
