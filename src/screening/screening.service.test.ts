import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testEngines } from '../store/testing.js';
import { readEventBatch } from './intake.js';
import { ScreeningService } from './screening.service.js';
import { MIN, T0, catalogWith, iso, newEngine, wire } from './testing.js';

const VICTIM = '13812345678';
const episode = [
  { id: 'c1', type: 'call', ts: iso(T0), from: '+852 9558 8123', to: VICTIM, durationSec: 1500 },
  { id: 'a1', type: 'app', ts: iso(T0 + 12 * MIN), subscriber: VICTIM, app: '腾讯会议', action: 'screen_share_start' },
  { id: 't1', type: 'transfer', ts: iso(T0 + 30 * MIN), fromAccount: '6217000010002345678', toAccount: '6230580000123456789', amountFen: 4_980_000, channel: 'mobile_banking', payerPhone: VICTIM },
];

for (const engine of testEngines()) {
  describe(`screening service on ${engine.name}`, () => {
    after(() => engine.cleanup());

    it('stores warnings once: a batch sent twice, or with an event repeated, is screened once', async () => {
      const store = await engine.open();
      try {
        const catalog = await catalogWith(store, []);
        const service = new ScreeningService(store, () => newEngine(catalog));
        await service.recover();
        const batch = wire([...episode, episode[0]]);
        const first = await service.ingest(batch);
        assert.equal(first.accepted, 3);
        assert.equal(first.duplicates, 1);
        assert.equal(first.changes.length, 1);
        assert.equal(first.changes[0].change, 'raised');
        assert.equal(first.changes[0].warning.level, 1, 'the latest form of the warning is stored');
        const again = await service.ingest(wire(episode));
        assert.deepEqual([again.accepted, again.duplicates, again.changes.length], [0, 3, 0]);
        const mixed = await service.ingest(wire([{ ...episode[1], id: 'a2', ts: iso(T0 + 13 * MIN) }, episode[2]]));
        assert.deepEqual([mixed.accepted, mixed.duplicates], [1, 1], 'a batch of new and seen events logs only the new');
        assert.deepEqual((await store.screening.eventsAfter(0, 0, 10)).map((l) => l.event.id), ['c1', 'a1', 't1', 'a2']);
        const stored = await store.screening.listWarnings({ limit: 10 });
        assert.equal(stored.length, 1);
        assert.ok(stored[0].storedAt > 0 && stored[0].seq > 0);
        assert.deepEqual(stored[0].events, ['c1', 'a1', 't1']);
        assert.equal(await store.screening.countEvents(), 4);
      } finally {
        await store.close();
      }
    });

    it('restarts from a checkpoint plus the logged events after it: nothing lost, no old warning raised again', async () => {
      const store = await engine.open();
      try {
        const catalog = await catalogWith(store, []);
        const first = new ScreeningService(store, () => newEngine(catalog));
        await first.recover();
        await first.ingest(wire(episode.slice(0, 1)));
        await first.checkpoint();
        await first.ingest(wire(episode.slice(1, 2)));
        // The process dies here: the second batch is logged and its upgrade stored, but not in the checkpoint.
        const second = new ScreeningService(store, () => newEngine(catalog));
        assert.equal(await second.recover(), 1, 'one logged event after the checkpoint is screened again');
        const rest = await second.ingest(wire(episode.slice(2)));
        assert.equal(rest.changes.length, 1);
        assert.equal(rest.changes[0].change, 'upgraded');
        assert.deepEqual(rest.changes[0].warning.history.map((h) => h.level), [3, 2, 1]);
        assert.equal((await store.screening.listWarnings({ limit: 10 })).length, 1);
        const feed = await store.screening.listWarnings({ after: 0, limit: 10 });
        assert.equal(feed.length, 1, 'the consumer feed holds each warning once, at its latest change');
      } finally {
        await store.close();
      }
    });

    it('reports each bad event of a batch with its position, id, field and reason, and takes the good ones', () => {
      const body = [
        JSON.stringify(episode[0]),
        '{not json',
        JSON.stringify({ id: 'x2', type: 'call', ts: iso(T0), from: 'abc', to: VICTIM, durationSec: 5 }),
        JSON.stringify({ id: 'x3', type: 'transfer', ts: '2026-03-01 10:00', fromAccount: '6217000010002345678', toAccount: '6230580000123456789', amountFen: 5, channel: 'atm' }),
        JSON.stringify({ id: 'x4', type: 'transfer', ts: iso(T0), fromAccount: '6217000010002345678', toAccount: '6230580000123456789', amountFen: 12.5, channel: 'atm' }),
        JSON.stringify({ id: 'x5', type: 'fax', ts: iso(T0) }),
        JSON.stringify({ id: 'x6', type: 'app', ts: iso(T0), subscriber: VICTIM, app: 'x', action: 'uninstall' }),
        '',
        JSON.stringify(episode[1]),
        JSON.stringify({ id: 's0', type: 'sms', ts: iso(T0), from: '10086', to: VICTIM, text: '' }),
      ].join('\n');
      const { events, problems } = readEventBatch(body, 'partner:test');
      assert.deepEqual(events.map((e) => e.id), ['c1', 'a1', 's0'], 'an SMS without text is an event, as the schema says');
      assert.deepEqual(
        problems.map((p) => [p.at, p.id, p.field, p.code]),
        [
          [2, null, '', 'INVALID_JSON'],
          [3, 'x2', 'from', 'INVALID_PHONE'],
          [4, 'x3', 'ts', 'INVALID_TIME'],
          [5, 'x4', 'amountFen', 'INVALID_FIELD'],
          [6, 'x5', 'type', 'UNKNOWN_TYPE'],
          [7, 'x6', 'action', 'INVALID_FIELD'],
        ],
      );
      assert.ok(problems.every((p) => p.reason.length > 0));
      assert.equal(events[0].type === 'call' && events[0].from, '+85295588123');
    });

    it('takes an IM contact_add with its contact and the platform flags, and names the field of a bad one', () => {
      const add = (id: string, extra: Record<string, unknown>) => JSON.stringify({ id, type: 'app', ts: iso(T0), subscriber: VICTIM, app: 'com.tencent.mm', action: 'contact_add', ...extra });
      const body = [
        add('m1', { contact: 'WeChat:WXID_k2m9x7q4', flags: ['same_name_as_contact', 'new_account'] }),
        add('m2', {}),
        add('m3', { flags: ['same_name_as_contact', 'verified_friend'] }),
        add('m4', { flags: 'overseas' }),
        add('m5', { flags: ['overseas', 'overseas'] }),
        add('m6', { contact: 'dingtalk:someone' }),
        JSON.stringify({ id: 'm7', type: 'app', ts: iso(T0), subscriber: VICTIM, app: 'com.tencent.mm', action: 'open', flags: ['new_account'] }),
      ].join('\n');
      const { events, problems } = readEventBatch(body, 'partner:im');
      assert.deepEqual(events.map((e) => e.type === 'app' && [e.id, e.action, e.contact, e.flags]), [
        ['m1', 'contact_add', 'wechat:wxid_k2m9x7q4', ['same_name_as_contact', 'new_account']],
        ['m2', 'contact_add', undefined, []],
      ]);
      assert.deepEqual(problems.map((p) => [p.id, p.field, p.code]), [
        ['m3', 'flags', 'UNKNOWN_FLAG'],
        ['m4', 'flags', 'INVALID_FIELD'],
        ['m5', 'flags', 'INVALID_FIELD'],
        ['m6', 'contact', 'INVALID_CONTACT'],
        ['m7', 'flags', 'INVALID_FIELD'],
      ]);
    });
  });
}
