import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { missingRealdata } from '../../config/index.js';
import { startTestServer, type TestServer } from '../testing.js';

describe('dashboard figures over HTTP', { skip: missingRealdata() }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('the centre sees the city, an officer only the token’s station; partners and bad periods are refused', async () => {
    const { app, auth, ctx } = server;
    const report = await app.inject({
      method: 'POST', url: '/api/v1/reports', headers: auth('hotline'),
      payload: {
        victim: { name: '王五', idNumber: '110101199001011234', phone: '13812345678' }, occurredAt: new Date().toISOString(), fraudType: 'task_rebate',
        narrative: '刷单返利，先做小单，后来让我垫付大单。', losses: [{ fromAccount: '6222020200112233445', toAccount: '6217000010001234567', amountFen: 250_000, ts: new Date().toISOString(), channel: 'bank_transfer' }], indicators: [],
      },
    });
    assert.equal(report.statusCode, 201, report.body);
    const city = await app.inject({ url: '/api/v1/stats/summary?period=day', headers: auth('analyst') });
    assert.equal(city.statusCode, 200, city.body);
    const s = city.json();
    assert.equal(s.area.level, 'city');
    assert.equal(s.current.figures.reports, 1);
    assert.equal(s.current.figures.lossFen, 250_000);
    assert.equal(s.current.figures.orders, 1, 'the report’s stop-payment order');
    assert.equal(s.trend.length, 12);
    assert.equal(s.fraudTypes[0].key, 'task_rebate');

    const station = (await ctx.tokens.create('station_officer', 'officer', 'test', '140105001')).secret;
    const mine = await app.inject({ url: '/api/v1/stats/summary', headers: { authorization: `Bearer ${station}` } });
    assert.deepEqual(mine.json().area, { level: 'station', code: '140105001' });
    assert.equal(mine.json().current.figures.reports, 0, 'the report was not placed in this station');
    assert.equal((await app.inject({ url: '/api/v1/stats/summary', headers: auth('station_officer') })).statusCode, 403, 'an officer token without a scope');
    assert.equal((await app.inject({ url: '/api/v1/stats/summary', headers: auth('bank_partner') })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/v1/stats/summary?period=decade', headers: auth('analyst') })).json().error.code, 'VALIDATION_FAILED');
    assert.equal((await app.inject({ url: '/api/v1/stats/summary?at=yesterday', headers: auth('analyst') })).json().error.code, 'VALIDATION_FAILED');
    assert.equal((await app.inject({ url: '/api/v1/stats/summary' })).statusCode, 401);
  });
});
