import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TokenService, UserService } from '../auth/index.js';
import { openStore } from '../store/index.js';
import { createDemoUsers } from './demo.js';

describe('the demo’s users', () => {
  it('are created once, with random passwords in a file only the owner reads, and can sign in', async () => {
    const store = await openStore({ sqliteFile: ':memory:' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-demo-'));
    try {
      const users = new UserService(store, new TokenService(store), 3_600_000);
      const file = await createDemoUsers(users, null, dir);
      assert.ok(file);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
      assert.deepEqual(rows.map((r) => r[0]), ['demo.analyst', 'demo.hotline', 'demo.bank'], 'no station officer without a jurisdiction tree');
      assert.notEqual(rows[0][1], rows[1][1]);
      const session = await users.signIn(rows[2][0], rows[2][1]);
      assert.equal(session.user.scope, '中国工商银行');
      assert.equal(await createDemoUsers(users, null, dir), null, 'a restart leaves them alone');
    } finally {
      await store.close();
    }
  });
});
