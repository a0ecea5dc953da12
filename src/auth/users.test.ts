import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testEngines } from '../store/testing.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { TokenService } from './token.service.js';
import { MAX_FAILED_SIGN_INS, UserService } from './user.service.js';

const HOUR = 3_600_000;

describe('passwords', () => {
  it('hashes with a fresh salt each time and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('correct horse battery', a), true);
    assert.equal(await verifyPassword('correct horse batterY', a), false);
    assert.equal(await verifyPassword('x', 'md5$abc'), false, 'a malformed hash never matches');
  });

  it('refuses short and repetitive passwords', () => {
    assert.match(passwordProblem('short')!, /10 characters/);
    assert.match(passwordProblem('aaaaaaaaaaaa')!, /different/);
    assert.equal(passwordProblem('反诈中心-2026-值班'), null);
  });
});

for (const engine of testEngines()) {
  describe(`console users on ${engine.name}`, () => {
    after(() => engine.cleanup());

    it('a sign-in issues an expiring token of the user’s role and scope; sign-out, disabling and a new password end it', async () => {
      const store = await engine.open();
      try {
        const tokens = new TokenService(store);
        const users = new UserService(store, tokens, 12 * HOUR);
        const user = await users.create({ username: 'Wang.Li', displayName: '王力', role: 'station_officer', scope: '140105001', password: 'station-duty-2026' }, 'test');
        assert.equal(user.username, 'wang.li', 'usernames are case-insensitive');

        const now = Date.now();
        const session = await users.signIn('WANG.LI', 'station-duty-2026', now);
        assert.equal(session.expiresAt, now + 12 * HOUR);
        const token = await tokens.verify(session.secret);
        assert.equal(token?.role, 'station_officer');
        assert.equal(token?.scope, '140105001');
        assert.equal(token?.userId, user.id);
        assert.equal(await store.tokens.findActiveByHash('nothing', now), undefined);
        assert.equal(await store.tokens.countActiveAdmins(), 0, 'a session never counts as the bootstrap admin token');

        await tokens.revoke(session.tokenId);
        assert.equal(await tokens.verify(session.secret), undefined, 'signed out');

        const second = await users.signIn('wang.li', 'station-duty-2026');
        await users.setPassword(user.id, 'a-new-password-1');
        assert.equal(await tokens.verify(second.secret), undefined, 'a new password ends open sessions');
        await assert.rejects(users.signIn('wang.li', 'station-duty-2026'), { code: 'UNAUTHENTICATED' });

        const third = await users.signIn('wang.li', 'a-new-password-1');
        await users.setDisabled(user.id, true);
        assert.equal(await tokens.verify(third.secret), undefined, 'disabling ends sessions');
        await assert.rejects(users.signIn('wang.li', 'a-new-password-1'), { code: 'UNAUTHENTICATED' });
        await users.setDisabled(user.id, false);
        assert.ok(await users.signIn('wang.li', 'a-new-password-1'));
      } finally {
        await store.close();
      }
    });

    it('an expired session is refused', async () => {
      const store = await engine.open();
      try {
        const tokens = new TokenService(store);
        const users = new UserService(store, tokens, HOUR);
        await users.create({ username: 'analyst1', displayName: '分析员', role: 'analyst', scope: null, password: 'watch-the-city-1' }, 'test');
        const old = await users.signIn('analyst1', 'watch-the-city-1', Date.now() - 2 * HOUR);
        assert.equal(await tokens.verify(old.secret), undefined);
      } finally {
        await store.close();
      }
    });

    it(`${MAX_FAILED_SIGN_INS} wrong passwords lock the account, even against the right one; a wrong name answers the same`, async () => {
      const store = await engine.open();
      try {
        const users = new UserService(store, new TokenService(store), HOUR);
        await users.create({ username: 'hotline1', displayName: '接警员', role: 'hotline', scope: null, password: 'answer-96110-fast' }, 'test');
        const wrongName = await users.signIn('nobody', 'answer-96110-fast').catch((e: Error) => e.message);
        for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
          const wrong = await users.signIn('hotline1', 'guess-number-' + i).catch((e: Error) => e.message);
          assert.equal(wrong, wrongName, 'the answer does not tell a wrong name from a wrong password');
        }
        await assert.rejects(users.signIn('hotline1', 'answer-96110-fast'), { code: 'UNAUTHENTICATED' });
        assert.equal((await users.byName('hotline1')).failedAttempts, MAX_FAILED_SIGN_INS);
        assert.ok((await users.byName('hotline1')).lockedUntil! > Date.now());
      } finally {
        await store.close();
      }
    });

    it('refuses bad usernames, a missing scope, weak passwords and duplicates', async () => {
      const store = await engine.open();
      try {
        const users = new UserService(store, new TokenService(store), HOUR);
        const base = { displayName: 'x', role: 'analyst' as const, scope: null, password: 'long-enough-pass' };
        await assert.rejects(users.create({ ...base, username: '王' }, 't'), { code: 'VALIDATION_FAILED' });
        await assert.rejects(users.create({ ...base, username: 'bank1', role: 'bank_partner' }, 't'), /needs a scope/);
        await assert.rejects(users.create({ ...base, username: 'weak', password: '123' }, 't'), /10 characters/);
        await users.create({ ...base, username: 'dup' }, 't');
        await assert.rejects(users.create({ ...base, username: 'DUP' }, 't'), { code: 'CONFLICT' });
      } finally {
        await store.close();
      }
    });
  });
}
