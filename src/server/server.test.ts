import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { startTestServer, type TestServer } from './testing.js';

describe('HTTP API', () => {
  let server: TestServer;
  let app: FastifyInstance;
  const auth: TestServer['auth'] = (role) => server.auth(role);

  before(async () => {
    server = await startTestServer({ FANZHA_PUBLIC_RATE_PER_MIN: '5', FANZHA_PUBLIC_BATCH_MAX: '3' });
    app = server.app;
  });
  after(() => server.close());

  it('answers a public look-up without a token, and rate-limits it per client', async () => {
    const first = await app.inject({ url: '/api/v1/check?value=138%201234%205678', remoteAddress: '10.9.9.1' });
    assert.equal(first.statusCode, 200);
    const body = first.json();
    assert.equal(body.kind, 'phone');
    assert.equal(body.canonical, '+8613812345678');
    assert.equal(body.verdict, 'unknown');
    assert.equal(body.info.carrier, '中国移动');
    let last = first;
    for (let i = 0; i < 5; i++) last = await app.inject({ url: '/api/v1/check?value=95588', remoteAddress: '10.9.9.1' });
    assert.equal(last.statusCode, 429);
    assert.equal(last.json().error.code, 'RATE_LIMITED');
    const other = await app.inject({ url: '/api/v1/check?value=95588', remoteAddress: '10.9.9.2' });
    assert.equal(other.json().verdict, 'allow');
    for (let i = 0; i < 8; i++) {
      const partner = await app.inject({ url: '/api/v1/check?value=95588', remoteAddress: '10.9.9.1', headers: auth('bank_partner') });
      assert.equal(partner.statusCode, 200, 'token holders are not rate-limited');
    }
  });

  it('refuses non-public routes without a good token, and roles without the right', async () => {
    assert.equal((await app.inject({ url: '/api/v1/indicators' })).json().error.code, 'UNAUTHENTICATED');
    const bad = await app.inject({ url: '/api/v1/indicators', headers: { authorization: 'Bearer fz_nope' } });
    assert.equal(bad.statusCode, 401);
    const malformed = await app.inject({ url: '/api/v1/indicators', headers: { authorization: 'Basic abc' } });
    assert.equal(malformed.json().error.code, 'UNAUTHENTICATED');
    const forbidden = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth('analyst'), payload: { role: 'admin', name: 'x' } });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().error.code, 'FORBIDDEN');
    const feed = await app.inject({ url: '/api/v1/feeds/url', headers: auth('hotline') });
    assert.equal(feed.statusCode, 403);
  });

  it('imports a file over HTTP: good lines in, bad lines reported; partners may only report', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/import?format=plain&kind=domain&status=blocked&fraudTypes=fake_investment&source=test-list',
      headers: { ...auth('analyst'), 'content-type': 'text/plain' },
      payload: '# list\nscam-invest.top\n||fake-bank.cn^\nnot a domain\n0.0.0.0 evil-loan.xyz\n',
    });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.created, 3);
    assert.deepEqual(report.rejected.map((p: { at: number }) => p.at), [4]);
    const partner = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/import?kind=domain&status=blocked',
      headers: { ...auth('telecom_partner'), 'content-type': 'text/plain' },
      payload: 'x.top\n',
    });
    assert.equal(partner.json().error.code, 'FORBIDDEN');
    const check = await app.inject({ url: '/api/v1/check?value=https://www.fake-bank.cn/login', headers: auth('analyst') });
    assert.equal(check.json().verdict, 'block');
    assert.deepEqual(check.json().fraudTypes, ['fake_investment']);
  });

  it('checks batches in order, with a clear error for each bad value', async () => {
    const values = ['scam-invest.top', { value: 'abc', kind: 'phone' }, '', 'http://evil-loan.xyz/a'];
    const res = await app.inject({ method: 'POST', url: '/api/v1/check', headers: auth('telecom_partner'), payload: { values } });
    assert.equal(res.statusCode, 200);
    const results = res.json().results;
    assert.equal(results.length, 4);
    assert.deepEqual(results.map((r: { verdict: string }) => r.verdict), ['block', 'unknown', 'unknown', 'block']);
    assert.equal(results[1].error.code.startsWith('INVALID_PHONE') || results[1].error.code.startsWith('PHONE_'), true);
    assert.ok(results[2].error);
    const tooMany = await app.inject({ method: 'POST', url: '/api/v1/check', remoteAddress: '10.1.1.1', payload: { values: ['a.cn', 'b.cn', 'c.cn', 'd.cn'] } });
    assert.equal(tooMany.statusCode, 413);
    assert.equal(tooMany.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('answers malformed requests with VALIDATION_FAILED and no stack trace', async () => {
    const badJson = await app.inject({ method: 'POST', url: '/api/v1/check', headers: { ...auth('analyst'), 'content-type': 'application/json' }, payload: '{"values": [' });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().error.code, 'VALIDATION_FAILED');
    assert.doesNotMatch(badJson.body, /at .*\.js/);
    const badKind = await app.inject({ url: '/api/v1/check?value=x&kind=fax', headers: auth('analyst') });
    assert.equal(badKind.json().error.code, 'VALIDATION_FAILED');
    assert.equal(badKind.json().error.details[0].at, 'kind');
    const missing = await app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(missing.json().error.code, 'NOT_FOUND');
  });

  it('changes a status with a reason, shows history, and feeds partners the changes after a cursor', async () => {
    const list = await app.inject({ url: '/api/v1/indicators?kind=domain&status=blocked', headers: auth('station_officer') });
    const items = list.json().items as Array<{ id: number; value: string }>;
    assert.equal(items.length, 3);
    const full = await app.inject({ url: '/api/v1/feeds/domain', headers: auth('telecom_partner') });
    const feed = full.json();
    assert.deepEqual(feed.items.map((i: { value: string }) => i.value).sort(), ['evil-loan.xyz', 'fake-bank.cn', 'scam-invest.top']);
    assert.equal(feed.more, false);
    const target = items.find((i) => i.value === 'evil-loan.xyz')!;
    const noReason = await app.inject({ method: 'POST', url: `/api/v1/indicators/${target.id}/status`, headers: auth('analyst'), payload: { status: 'revoked' } });
    assert.equal(noReason.json().error.code, 'VALIDATION_FAILED');
    const byPartner = await app.inject({ method: 'POST', url: `/api/v1/indicators/${target.id}/status`, headers: auth('bank_partner'), payload: { status: 'revoked', reason: 'x' } });
    assert.equal(byPartner.statusCode, 403);
    const revoked = await app.inject({ method: 'POST', url: `/api/v1/indicators/${target.id}/status`, headers: auth('analyst'), payload: { status: 'revoked', reason: 'a legitimate lender' } });
    assert.equal(revoked.json().indicator.status, 'revoked');
    const changes = await app.inject({ url: `/api/v1/feeds/domain?since=${feed.cursor}&format=text`, headers: auth('telecom_partner') });
    assert.match(changes.body, /^-evil-loan\.xyz$/m);
    assert.doesNotMatch(changes.body, /scam-invest/);
    const detail = await app.inject({ url: `/api/v1/indicators/${target.id}`, headers: auth('analyst') });
    const history = detail.json().history as Array<{ action: string; reason: string }>;
    assert.deepEqual(history.map((h) => h.action), ['create', 'status']);
    assert.equal(history[1].reason, 'a legitimate lender');
    assert.equal(detail.json().sightings[0].reporter, 'import:test-list');
    const partnerView = await app.inject({ url: `/api/v1/indicators/${target.id}`, headers: auth('bank_partner') });
    assert.equal(partnerView.json().sightings[0].reporter, 'import', 'partners do not see who reported a value');
    assert.doesNotMatch(JSON.stringify(partnerView.json().history), /test analyst/);
  });

  it('takes reports from partners as reported values, each bad one by index', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: auth('hotline'),
      payload: {
        source: 'hotline',
        ref: 'R-2026-001',
        indicators: [
          { kind: 'phone', value: '+86 171 2345 6789', fraudTypes: ['impersonate_authority'] },
          { kind: 'url', value: 'http://' },
          { kind: 'phone', value: '13900001111', status: 'blocked' },
        ],
      },
    });
    const body = res.json();
    assert.equal(body.created, 1);
    assert.deepEqual(body.rejected.map((p: { at: number; code: string }) => [p.at, p.code]).sort(), [[1, 'INVALID_URL'], [2, 'FORBIDDEN']]);
    const check = await app.inject({ url: '/api/v1/check?value=17123456789', headers: auth('hotline') });
    assert.equal(check.json().verdict, 'warn');
    assert.equal(check.json().info.virtual, true);
  });

  it('lets an admin issue and revoke tokens', async () => {
    const unscoped = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth('admin'), payload: { role: 'bank_partner', name: '工商银行 风控' } });
    assert.equal(unscoped.json().error.code, 'VALIDATION_FAILED', 'a bank token needs its bank');
    const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth('admin'), payload: { role: 'bank_partner', name: '工商银行 风控', scope: '中国工商银行' } });
    assert.equal(created.statusCode, 201);
    const { token, secret } = created.json();
    assert.equal(token.scope, '中国工商银行');
    assert.match(secret, /^fz_/);
    assert.equal((await app.inject({ url: '/api/v1/feeds/bank_card', headers: { authorization: `Bearer ${secret}` } })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: auth('admin') })).statusCode, 204);
    const after = await app.inject({ url: '/api/v1/feeds/bank_card', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(after.statusCode, 401, 'a revoked token stops working at once');
    const list = await app.inject({ url: '/api/v1/tokens', headers: auth('admin') });
    assert.doesNotMatch(list.body, /fz_/, 'secrets are never listed');
  });

  it('classifies a message with the text model and looks up the indicators in it', async () => {
    const scam = '【公安局】您涉嫌一起洗钱案件，请立即将资金转入安全账户配合调查，联系专案民警 138 1234 5678';
    const one = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { id: 7, text: scam } });
    assert.equal(one.statusCode, 200, one.body);
    const body = one.json();
    assert.equal(body.id, 7);
    assert.equal(body.fraud, true);
    assert.equal(body.type, 'impersonate_authority');
    assert.ok(body.score > 0.5 && body.score <= 1);
    assert.ok(body.reasons.some((r: { phrase: string }) => r.phrase.includes('安全账户')));
    assert.equal(body.indicators[0].canonical, '+8613812345678');
    assert.equal(body.verdict, 'warn');
    const pasted = await app.inject({ method: 'POST', url: '/api/v1/check/text', headers: auth('hotline'), payload: { text: scam } });
    assert.equal(pasted.json().fraud, true);
  });

  it('classifies batches in order, with an error entry for each bad item', async () => {
    const items = [{ id: 'a', text: '妈，我今晚回家吃饭，给我留点汤' }, { id: 'b' }, { id: 'c', text: '您好，我是京东客服，您的会员即将扣费，关闭需要下载会议软件共享屏幕操作' }];
    const res = await app.inject({ method: 'POST', url: '/api/v1/classify', headers: auth('telecom_partner'), payload: { items } });
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json().results;
    assert.deepEqual(results.map((r: { id: string }) => r.id), ['a', 'b', 'c']);
    assert.equal(results[0].fraud, false);
    assert.equal(results[1].error.code, 'VALIDATION_FAILED');
    assert.equal(results[2].fraud, true);
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items } });
    assert.equal(anonymous.json().error.code, 'UNAUTHENTICATED');
  });
});
