import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missingRealdata } from '../config/index.js';
import { after, before, describe, it } from 'node:test';
import type { Warning } from '../domain/warning.js';
import { importIndicators } from '../indicators/index.js';
import { replayFile } from '../screening/index.js';
import { catalogWith, newEngine } from '../screening/testing.js';
import { knownIndicatorsCsv, simulateCity, type Truth } from '../sim/index.js';
import { writeSimulation } from '../sim/writer.js';
import { openStore, type Store } from '../store/index.js';
import { scoreWarnings, type Scoreboard } from './index.js';

/**
 * The prevention loop end to end on a small scenario: simulate -> known indicators in -> replay through the engine
 * -> scoreboard; the scoreboard's figures are checked against the warnings and the truth directly.
 */
describe('simulate -> replay -> evaluate', { skip: missingRealdata() }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-e2e-'));
  let store: Store;
  let truth: Truth;
  let warnings: Warning[];
  let board: Scoreboard;

  before(async () => {
    const city = simulateCity({ seed: 7, people: 3000, days: 2, attemptRate: 60, minPerType: 2 });
    const events = path.join(dir, 'events.ndjson');
    writeSimulation(city, { out: events });
    truth = city.truth();
    store = await openStore({ sqliteFile: ':memory:' });
    const catalog = await catalogWith(store, []);
    const report = await importIndicators(catalog.service, [knownIndicatorsCsv(city.knownIndicators)], { format: 'csv', reporter: 'import:sim', actor: { name: 'test', role: 'admin' } });
    assert.equal(report.rejectedCount, 0);
    const result = await replayFile(events, newEngine(catalog), 'file:events.ndjson');
    assert.equal(result.problemCount, 0, 'the simulator writes only valid events');
    assert.equal(result.events, truth.events);
    warnings = result.warnings;
    board = scoreWarnings(truth, warnings);
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accounts for every attempt once: warned before the loss, only after it, or missed', () => {
    const o = board.overall;
    assert.equal(o.attempts, truth.attempts.length);
    assert.equal(o.warnedBeforeLoss + o.warnedAfterLoss + o.missed, o.attempts);
    assert.equal(o.lossFen, truth.attempts.reduce((s, a) => s + a.totalLossFen, 0));
    assert.ok(o.preventedLossFen <= o.lossFen);
  });

  it('counts as intercepted exactly the attempts whose victim had a person warning before the first loss', () => {
    const person = warnings.filter((w) => w.kind === 'person');
    const withLoss = truth.attempts.filter((a) => a.firstLossAt !== null);
    const intercepted = withLoss.filter((a) => {
      const firstStep = Date.parse(a.firstStepAt);
      const loss = Date.parse(a.firstLossAt!);
      return person.some((w) => w.person === a.victim.phone && w.raisedAt >= firstStep && w.raisedAt < loss);
    });
    assert.equal(board.overall.warnedBeforeLossWithLoss, intercepted.length);
    assert.ok(intercepted.length > 0, 'the engine intercepts some attempts before the money leaves');
    assert.ok(board.byType.fake_customer_service.warnedBeforeLoss > 0, 'the spoofed-call -> screen-share path is caught');
  });

  it('reports false warnings per 10,000 normal people per day from the warnings that match no attempt', () => {
    const f = board.falseWarnings;
    assert.equal(f.normalPeople, truth.normalPeople);
    assert.equal(f.days, 2);
    assert.ok(Math.abs(f.per10kPeoplePerDay - (f.count / f.normalPeople / f.days) * 10_000) < 1e-9);
    assert.ok(f.count <= board.personWarnings);
  });
});
