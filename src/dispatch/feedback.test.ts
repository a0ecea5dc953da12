import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../server/testing.js';

/** Outcomes flow back to the indicators that raised a warning: confirmed ones gain a sighting, false alarms lose score. */
describe('dispatch outcomes feed the indicators back', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.ctx.catalog.service.ingest([{ kind: 'domain', value: 'loan-fast.top', at: 1, fraudTypes: ['fake_loan'] }], {
      actor: { name: 'test', role: 'analyst' },
      reporter: 'import:test',
      status: 'blocked',
    });
  });
  after(() => server.close());

  const visit = async (person: string, id: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: server.auth('telecom_partner'),
      payload: [{ id, type: 'web', ts: '2026-03-02T01:00:00Z', subscriber: person, url: 'https://loan-fast.top/apply' }],
    });
    assert.equal(res.json().warnings, 1, res.body);
    await server.ctx.dispatch.idle();
    const [w] = await server.ctx.store.screening.listWarnings({ person: `+86${person}`, limit: 1 });
    assert.deepEqual(w.evidence[0].indicator, { kind: 'domain', value: 'loan-fast.top' }, 'the evidence names the indicator');
    return w.id;
  };
  const act = (warningId: string, outcome: string) =>
    server.app.inject({ method: 'POST', url: `/api/v1/dispatch/items/${warningId}/act`, headers: server.auth('analyst'), payload: { action: { type: 'call', reached: true, durationSec: 120 }, outcome } });
  const indicator = () => server.ctx.store.indicators.getByValue('domain', 'loan-fast.top');

  it('lowers the score of an indicator whose warning was a false alarm, and says so in its history', async () => {
    const before = (await indicator())!;
    const res = await act(await visit('13900001111', 'w1'), 'not_fraud');
    assert.equal(res.statusCode, 200, res.body);
    const after = (await indicator())!;
    assert.equal(after.score, before.score - 10);
    assert.ok((await server.ctx.store.indicators.history(after.id)).some((h) => h.action === 'false_alarm'));
  });

  it('adds the station as an independent sighting when the person was being defrauded', async () => {
    const before = (await indicator())!;
    const res = await act(await visit('13900002222', 'w2'), 'dissuaded');
    assert.equal(res.statusCode, 200, res.body);
    const after = (await indicator())!;
    assert.equal(after.sightings, before.sightings + 1);
    assert.ok((await server.ctx.store.indicators.sightings(after.id)).some((s) => s.reporter.startsWith('dispatch:')));
  });
});
