import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../testing.js';

const VICTIM = '138 1234 5678';
const lines = [
  { id: 'c1', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: VICTIM, durationSec: 1500 },
  { id: 'a1', type: 'app', ts: '2026-03-02T09:12:00+08:00', subscriber: VICTIM, app: '腾讯会议', action: 'screen_share_start' },
  { id: 'bad', type: 'sms', ts: '2026-03-02T01:13:00Z', from: '10086', to: VICTIM },
];

describe('events and warnings over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('takes NDJSON from a telecom partner: screens the good events, rejects the bad one by line, stores the warning', async () => {
    const { app, auth } = server;
    const payload = lines.map((l) => JSON.stringify(l)).join('\n');
    const res = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth('telecom_partner'), 'content-type': 'application/x-ndjson' }, payload });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.accepted, body.duplicates, body.warnings, body.queued], [2, 0, 1, false]);
    assert.deepEqual(body.rejected, [{ at: 3, id: 'bad', field: 'text', code: 'MISSING_FIELD', reason: 'text is required' }]);

    const again = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth('telecom_partner'), 'content-type': 'application/json' }, payload: lines.slice(0, 2) });
    assert.deepEqual([again.json().accepted, again.json().duplicates], [0, 2], 'the same sender’s ids are screened once');

    const list = await app.inject({ url: '/api/v1/warnings?after=0', headers: auth('analyst') });
    const [w] = list.json().warnings;
    assert.equal(list.json().warnings.length, 1);
    assert.equal(w.level, 2);
    assert.equal(w.fraudType, 'fake_customer_service');
    assert.equal(w.person, '+8613812345678');
    assert.deepEqual(w.events, ['c1', 'a1']);
    assert.equal(list.json().cursor, w.seq);
    const one = await app.inject({ url: `/api/v1/warnings/${w.id}`, headers: auth('analyst') });
    assert.equal(one.json().warning.id, w.id);
    const later = await app.inject({ url: `/api/v1/warnings?after=${w.seq}`, headers: auth('analyst') });
    assert.deepEqual(later.json().warnings, []);
  });

  it('lets only partners send events and only the centre read warnings', async () => {
    const { app, auth } = server;
    const citizen = await app.inject({ method: 'POST', url: '/api/v1/events', payload: lines.slice(0, 1) });
    assert.equal(citizen.json().error.code, 'UNAUTHENTICATED');
    const hotline = await app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('hotline'), payload: lines.slice(0, 1) });
    assert.equal(hotline.json().error.code, 'FORBIDDEN');
    const bank = await app.inject({ url: '/api/v1/warnings', headers: auth('bank_partner') });
    assert.equal(bank.json().error.code, 'FORBIDDEN');
    const missing = await app.inject({ url: '/api/v1/warnings/w_nope', headers: auth('analyst') });
    assert.equal(missing.json().error.code, 'NOT_FOUND');
    const garbage = await app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...auth('bank_partner'), 'content-type': 'application/json' }, payload: '{"id":1}' });
    assert.equal(garbage.json().error.code, 'VALIDATION_FAILED');
    const status = await app.inject({ url: '/api/v1/screening', headers: auth('admin') });
    assert.equal(status.json().transport, 'in-process');
    assert.equal(status.json().typologies.ids.length, 13, "one per fraud type, other.fraud_text and other.mule_lead");
  });
});
