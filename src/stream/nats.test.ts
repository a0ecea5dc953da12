import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { connect } from 'nats';
import { loadConfig, PACKAGE_ROOT } from '../config/index.js';
import type { WarningChange } from '../domain/warning.js';
import { IndicatorCatalog } from '../indicators/index.js';
import { startScreening } from '../screening/index.js';
import { openStore } from '../store/index.js';
import { wire } from '../screening/testing.js';

const url = process.env.NATS_URL;
const VICTIM = '13812345678';
const events = [
  { id: 'c1', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: VICTIM, durationSec: 1500 },
  { id: 'a1', type: 'app', ts: '2026-03-02T01:12:00Z', subscriber: VICTIM, app: '向日葵', action: 'install' },
  { id: 'c2', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: '13900001111', durationSec: 1300 },
];

/** Resolves when `check` holds, polling the store; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('screening over NATS JetStream', { skip: url ? false : 'NATS_URL is not set' }, () => {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  after(async () => {
    const nc = await connect({ servers: url });
    const jsm = await nc.jetstreamManager();
    for (const s of ['EVENTS', 'WARNINGS']) await jsm.streams.delete(`${prefix.toUpperCase()}_${s}`).catch(() => undefined);
    await nc.close();
  });

  it('keeps events sent while no worker runs, and a worker that starts later screens each once', async () => {
    const config = loadConfig({ NATS_URL: url, FANZHA_PARTITIONS: '4', FANZHA_TYPOLOGIES: `${PACKAGE_ROOT}/assets/typologies.json` });
    const store = await openStore({ sqliteFile: ':memory:' });
    const { catalog } = await IndicatorCatalog.open(store, config);
    const api = await startScreening(store, catalog, config, { screen: false, background: false, natsPrefix: prefix });
    try {
      const sent = await api.transport.send(wire(events));
      assert.deepEqual([sent.accepted, sent.duplicates, sent.warnings], [3, 0, null]);
      const resent = await api.transport.send(wire(events));
      assert.equal(resent.duplicates, 3, 'JetStream drops re-sent ids within its duplicate window');

      const worker = await startScreening(store, catalog, config, { screen: true, background: false, natsPrefix: prefix });
      const seen: WarningChange[] = [];
      worker.onWarnings((changes) => seen.push(...changes));
      try {
        assert.deepEqual([...worker.services.keys()], [0, 1, 2, 3]);
        await eventually(async () => (await store.screening.countEvents()) === 3);
        await eventually(async () => (await store.screening.listWarnings({ limit: 10 })).some((w) => w.level === 2));
        const warnings = await store.screening.listWarnings({ limit: 10 });
        assert.deepEqual(warnings.map((w) => w.person).sort(), ['+8613812345678', '+8613900001111']);
        assert.ok(seen.length >= 2, 'listeners hear of stored warnings');
      } finally {
        await worker.stop();
      }
    } finally {
      await api.stop();
      await store.close();
    }
  });
});
