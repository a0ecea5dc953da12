import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../testing.js';

describe('sign-in with a username and password over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('the admin creates a user; the user signs in, is who the token says, and signs out', async () => {
    const { app, auth } = server;
    const created = await app.inject({
      method: 'POST', url: '/api/v1/users', headers: auth('admin'),
      payload: { username: 'zhao.bank', displayName: '赵（建行）', role: 'bank_partner', scope: '中国建设银行', password: 'hold-the-money-1' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().user.passwordHash, undefined, 'the hash never leaves the server');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/users', headers: auth('analyst'), payload: {} })).statusCode, 403);

    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'zhao.bank', password: 'hold-the-money-1' } });
    assert.equal(signIn.statusCode, 201, signIn.body);
    const { token, me, expiresAt } = signIn.json();
    assert.deepEqual(me, { role: 'bank_partner', name: '赵（建行）', scope: '中国建设银行' });
    assert.ok(expiresAt > Date.now());
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await app.inject({ url: '/api/v1/me', headers })).json().scope, '中国建设银行');
    assert.equal((await app.inject({ url: '/api/v1/orders', headers })).statusCode, 200, 'the session has the role’s permissions');
    assert.equal((await app.inject({ url: '/api/v1/warnings', headers })).statusCode, 403, 'and no more');

    const machine = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: auth('analyst') });
    assert.deepEqual(machine.json(), { revoked: false }, 'a token made by hand is not revoked by a console sign-out');
    assert.equal((await app.inject({ url: '/api/v1/me', headers: auth('analyst') })).statusCode, 200);
    assert.deepEqual((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers })).json(), { revoked: true });
    assert.equal((await app.inject({ url: '/api/v1/me', headers })).json().error.code, 'UNAUTHENTICATED');
  });

  it('a wrong password, a malformed body and an unknown unit answer stable codes', async () => {
    const { app, auth } = server;
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'zhao.bank', password: 'nope' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'UNAUTHENTICATED');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'x' } })).json().error.code, 'VALIDATION_FAILED');
    const unit = await app.inject({
      method: 'POST', url: '/api/v1/users', headers: auth('admin'),
      payload: { username: 'officer9', displayName: '警员', role: 'station_officer', scope: '999999999', password: 'visit-the-victim' },
    });
    assert.equal(unit.json().error.code, 'INVALID_VALUE', unit.body);
  });

  it('the admin lists, disables and resets users; a disabled user cannot sign in', async () => {
    const { app, auth } = server;
    const list = (await app.inject({ url: '/api/v1/users', headers: auth('admin') })).json().items;
    const zhao = list.find((u: { username: string }) => u.username === 'zhao.bank');
    assert.ok(zhao);
    const off = await app.inject({ method: 'POST', url: `/api/v1/users/${zhao.id}/disabled`, headers: auth('admin'), payload: { disabled: true } });
    assert.ok(off.json().user.disabledAt, off.body);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'zhao.bank', password: 'hold-the-money-1' } })).statusCode, 401);
    await app.inject({ method: 'POST', url: `/api/v1/users/${zhao.id}/disabled`, headers: auth('admin'), payload: { disabled: false } });
    const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${zhao.id}/password`, headers: auth('admin'), payload: { password: 'short' } });
    assert.equal(reset.json().error.code, 'VALIDATION_FAILED');
    await app.inject({ method: 'POST', url: `/api/v1/users/${zhao.id}/password`, headers: auth('admin'), payload: { password: 'a-brand-new-one-2' } });
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'zhao.bank', password: 'a-brand-new-one-2' } })).statusCode, 201);
  });
});
