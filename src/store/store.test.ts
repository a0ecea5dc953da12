import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { NewIndicator } from './index.js';
import { testEngines } from './testing.js';

const base = (value: string, over: Partial<NewIndicator> = {}): NewIndicator => ({
  kind: 'phone',
  value,
  status: 'reported',
  fraudTypes: ['impersonate_authority'],
  score: 40,
  source: 'test',
  firstSeen: 1000,
  lastSeen: 1000,
  sightings: 1,
  expiresAt: 5000,
  reviewRequestedAt: null,
  seq: 1,
  updatedAt: 1000,
  ...over,
});

for (const engine of testEngines()) {
  describe(`store on ${engine.name}`, () => {
    after(() => engine.cleanup());

    it('migrates once, seeds the allow-list, and a second migrate applies nothing', async () => {
      const store = await engine.open();
      try {
        assert.deepEqual(await store.driver.migrate(), []);
        const allow = await store.allowlist.all();
        assert.ok(allow.some((e) => e.kind === 'phone' && e.value === '+8696110'));
        assert.ok(allow.some((e) => e.kind === 'domain' && e.value === 'gov.cn'));
      } finally {
        await store.close();
      }
    });

    it('inserts, finds, updates and pages indicators', async () => {
      const store = await engine.open();
      try {
        const repo = store.indicators;
        const ids = await repo.transaction((tx) =>
          repo.insertMany(tx, [base('+8613800000001'), base('+8613800000002', { seq: 2, fraudTypes: [] }), base('evil.example', { kind: 'domain', seq: 3 })]),
        );
        assert.equal(ids.size, 3);
        const found = await repo.transaction((tx) => repo.findByValues(tx, 'phone', ['+8613800000001', '+8613800000002', '+8613899999999']));
        assert.deepEqual([...found.keys()].sort(), ['+8613800000001', '+8613800000002']);
        const one = found.get('+8613800000001')!;
        assert.deepEqual(one.fraudTypes, ['impersonate_authority']);
        assert.deepEqual(found.get('+8613800000002')!.fraudTypes, []);

        await repo.transaction((tx) => repo.update(tx, { ...one, status: 'blocked', seq: 10, sightings: 2 }));
        const again = await repo.get(one.id);
        assert.equal(again?.status, 'blocked');
        assert.equal(again?.sightings, 2);

        const page1 = await repo.list({ kind: 'phone', limit: 1 });
        const page2 = await repo.list({ kind: 'phone', limit: 1, beforeId: page1[0].id });
        assert.equal(page1.length, 1);
        assert.equal(page2.length, 1);
        assert.notEqual(page1[0].id, page2[0].id);
        assert.equal((await repo.list({ contains: 'evil', limit: 10 }))[0].value, 'evil.example');
        assert.equal((await repo.list({ contains: '%', limit: 10 })).length, 0, 'LIKE wildcards are escaped');
        assert.equal((await repo.list({ status: 'blocked', limit: 10 })).length, 1);
        assert.equal(await repo.count(), 3);
      } finally {
        await store.close();
      }
    });

    it('hands out change numbers in order and lists changes after a cursor', async () => {
      const store = await engine.open();
      try {
        const repo = store.indicators;
        const first = await repo.transaction((tx) => repo.reserveSeq(tx, 3));
        const next = await repo.transaction((tx) => repo.reserveSeq(tx, 1));
        assert.equal(next, first + 3);
        assert.equal(await repo.currentSeq(), next);
        await repo.transaction((tx) => repo.insertMany(tx, [base('+8613800000001', { seq: first }), base('+8613800000002', { seq: next })]));
        const changed = await repo.changedSince(first, 10);
        assert.deepEqual(changed.map((c) => c.value), ['+8613800000002']);
        assert.deepEqual((await repo.changedSince(0, 10, 'domain')).length, 0);
      } finally {
        await store.close();
      }
    });

    it('keeps sightings once per reporter, and the history in order', async () => {
      const store = await engine.open();
      try {
        const repo = store.indicators;
        const ids = await repo.transaction((tx) => repo.insertMany(tx, [base('+8613800000001')]));
        const id = ids.get('+8613800000001')!;
        await repo.transaction(async (tx) => {
          await repo.addSightings(tx, [
            { indicatorId: id, reporter: 'a', ref: null, at: 1, note: null },
            { indicatorId: id, reporter: 'a', ref: 'dup', at: 2, note: null },
            { indicatorId: id, reporter: 'b', ref: 'R-1', at: 3, note: 'victim report' },
          ]);
          await repo.addHistory(tx, [
            { indicatorId: id, at: 1, actor: 'x', action: 'create', fromStatus: null, toStatus: 'reported', reason: 'r1', changes: { a: 1 } },
            { indicatorId: id, at: 2, actor: 'y', action: 'status', fromStatus: 'reported', toStatus: 'blocked', reason: 'r2', changes: null },
          ]);
        });
        assert.deepEqual((await repo.sightings(id)).map((s) => s.reporter), ['a', 'b']);
        assert.deepEqual([...(await repo.transaction((tx) => repo.sightedBy(tx, 'b', [id])))], [id]);
        const history = await repo.history(id);
        assert.deepEqual(history.map((h) => h.reason), ['r1', 'r2']);
        assert.deepEqual(history[0].changes, { a: 1 });
      } finally {
        await store.close();
      }
    });

    it('writes nothing of a transaction that fails half-way', async () => {
      const store = await engine.open();
      try {
        const repo = store.indicators;
        await assert.rejects(
          repo.transaction(async (tx) => {
            await repo.insertMany(tx, [base('+8613800000001')]);
            await repo.reserveSeq(tx, 5);
            throw new Error('crash');
          }),
          /crash/,
        );
        assert.equal(await repo.count(), 0);
        assert.equal(await repo.currentSeq(), 0);
      } finally {
        await store.close();
      }
    });

    it('streams every indicator for the index, and finds the ones due to expire', async () => {
      const store = await engine.open();
      try {
        const repo = store.indicators;
        const rows = Array.from({ length: 2500 }, (_, i) => base(`+86138${String(i).padStart(8, '0')}`, { seq: i + 1, expiresAt: i < 10 ? 100 : null }));
        await repo.transaction((tx) => repo.insertMany(tx, rows));
        let n = 0;
        let batches = 0;
        for await (const batch of repo.streamForIndex(1000)) {
          n += batch.length;
          batches++;
          assert.equal(typeof batch[0].id, 'number');
        }
        assert.equal(n, 2500);
        assert.equal(batches, 3);
        assert.equal((await repo.dueForExpiry(200, 100)).length, 10);
      } finally {
        await store.close();
      }
    });

    it('stores tokens hashed and forgets revoked ones', async () => {
      const store = await engine.open();
      try {
        const t = await store.tokens.insert({ name: 'analyst 王', role: 'analyst', hash: 'h1', createdBy: 'test', at: 1 });
        assert.equal((await store.tokens.findActiveByHash('h1', Date.now()))?.id, t.id);
        assert.equal(await store.tokens.countActiveAdmins(), 0);
        assert.equal(await store.tokens.revoke(t.id, 2), true);
        assert.equal(await store.tokens.revoke(t.id, 3), false);
        assert.equal(await store.tokens.findActiveByHash('h1', Date.now()), undefined);
      } finally {
        await store.close();
      }
    });

    it('adds and removes allow-list entries', async () => {
      const store = await engine.open();
      try {
        const entry = { kind: 'phone' as const, value: '+8695000', reason: 'test', addedBy: 't', addedAt: 1 };
        assert.equal(await store.allowlist.add([entry, entry]), 1);
        assert.equal(await store.allowlist.remove('phone', '+8695000'), true);
        assert.equal(await store.allowlist.remove('phone', '+8695000'), false);
      } finally {
        await store.close();
      }
    });
  });
}
