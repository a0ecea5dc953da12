import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { FraudType } from '../domain/fraud-type.js';
import type { Attempt, Truth } from '../sim/index.js';
import { formatScoreboard, scoreWarnings, type ScoredWarning } from './index.js';

const at = (hhmm: string, day = 2): string => `2026-03-0${day}T${hhmm}:00Z`;
const ms = (hhmm: string, day = 2): number => Date.parse(at(hhmm, day));

function attempt(n: number, fraudType: FraudType, first: string, last: string, losses: Array<[string, number]>): Attempt {
  const phone = `+861380000000${n}`;
  const account = `622200000000000${n}`;
  return {
    id: `A${n}`,
    fraudType,
    gang: `${fraudType}-1`,
    victim: { phone, accounts: [account, `alipay:1380000000${n}`], age: 40, district: '小店区', station: '坞城派出所' },
    outcome: losses.length > 1 ? 'lost_repeatedly' : losses.length ? 'lost_once' : 'stopped',
    firstStepAt: at(first),
    lastStepAt: at(last),
    firstLossAt: losses.length ? at(losses[0][0]) : null,
    totalLossFen: losses.reduce((s, [, f]) => s + f, 0),
    steps: [{ kind: 'call_in', at: at(first), eventId: `call-${n}`, note: '' }],
    losses: losses.map(([t, amountFen], k) => ({ eventId: `loss-${n}-${k}`, at: at(t), amountFen, fromAccount: account, toAccount: '6217000000000000001' })),
    hops: losses.map(([t, amountFen], k) => ({ eventId: `hop-${n}-${k}`, at: at(t), fromAccount: '6217000000000000001', toAccount: '6217000000000000002', amountFen, tier: 1 })),
    muleAccounts: ['6217000000000000001', '6217000000000000002'],
  };
}

const truth: Truth = {
  version: 1, seed: 1, city: { code: '1401', name: '太原市' }, start: at('16:00', 1), end: at('16:00', 3), days: 2, people: 1000,
  normalPeople: 994, graceMinutes: 60, events: 0, supply: { simFarms: [], cardBursts: [] }, knownIndicators: 0,
  attempts: [
    attempt(1, 'task_rebate', '10:00', '12:00', [['11:00', 100_000], ['11:30', 50_000]]),
    attempt(2, 'fake_loan', '10:00', '10:40', [['10:20', 200_000]]),
    attempt(3, 'fake_loan', '09:00', '09:30', [['09:10', 300_000]]),
    attempt(4, 'romance', '08:00', '08:30', []),
    attempt(5, 'task_rebate', '12:00', '15:00', [['14:00', 400_000]]),
    attempt(6, 'fake_customer_service', '06:00', '07:00', [['06:30', 70_000]]),
  ],
};

const person = (id: string, who: string, raised: number): ScoredWarning => ({ id, kind: 'person', person: who, raisedAt: raised, events: [] });
const warnings: ScoredWarning[] = [
  person('w1', '+8613800000001', ms('10:30')), // 30 min before A1's first loss
  person('w1', '+8613800000001', ms('10:45')), // the same warning again (an upgrade line): counted once
  person('w1b', '+8613800000001', ms('11:40')), // a later one for A1 does not move its first warning
  person('w2', 'account:6222000000000002', ms('10:50')), // after A2's loss, inside the 60-minute grace
  person('w4', '+8613800000004', ms('08:10')), // A4 never lost money: warned in time
  person('w5', '+8613800000005', ms('13:00')), // 60 min before A5's loss
  person('w6', '+8613800000006', ms('06:20')), // 10 min before A6's loss
  person('f1', '+8613899999999', ms('12:00')), // nobody's attempt
  person('f2', '+8613800000003', ms('09:00', 3)), // A3's victim, a day after the attempt
  { id: 'fund1', kind: 'fund', person: 'account:6222000000000001', raisedAt: ms('11:00'), events: ['loss-1-0'] },
  { id: 'fund2', kind: 'fund', person: 'account:6217000000000000001', raisedAt: ms('11:05'), events: ['hop-1-0'] },
  { id: 'fund3', kind: 'fund', person: 'account:6222000000009999', raisedAt: ms('11:05'), events: ['other'] },
];

describe('prevention scoreboard', () => {
  it('counts interceptions, lead times, late warnings, misses and the preventable loss', () => {
    const s = scoreWarnings(truth, warnings);
    assert.deepEqual(s.overall, {
      attempts: 6,
      attemptsWithLoss: 5,
      warnedBeforeLoss: 4,
      interceptionRate: 4 / 6,
      warnedBeforeLossWithLoss: 3,
      medianLeadMinutes: 30,
      warnedAfterLoss: 1,
      missed: 1,
      lossFen: 1_120_000,
      preventedLossFen: 620_000,
    });
    assert.equal(s.byType.task_rebate.medianLeadMinutes, 45);
    assert.equal(s.byType.task_rebate.preventedLossFen, 550_000);
    assert.equal(s.byType.fake_loan.warnedAfterLoss, 1);
    assert.equal(s.byType.fake_loan.missed, 1);
    assert.equal(s.byType.romance.warnedBeforeLoss, 1);
    assert.equal(s.byType.romance.medianLeadMinutes, null);
    assert.equal(s.byType.game_trade.interceptionRate, null);
  });

  it('rates false warnings per 10,000 normal people per day and sorts fund warnings', () => {
    const s = scoreWarnings(truth, warnings);
    assert.equal(s.personWarnings, 8);
    assert.equal(s.falseWarnings.count, 2);
    assert.ok(Math.abs(s.falseWarnings.per10kPeoplePerDay - (2 / (994 * 2)) * 10_000) < 1e-9);
    assert.deepEqual(s.fundWarnings, { total: 3, onLoss: 1, onLaundering: 1, unmatched: 1 });
    assert.equal(s.onMuleHolders, 0);
  });

  it("counts warnings about the gangs' mule-account holders apart, not as false alarms about normal people", () => {
    const s = scoreWarnings({ ...truth, muleHolders: ['+8613899999999'] }, warnings);
    assert.equal(s.onMuleHolders, 1);
    assert.equal(s.falseWarnings.count, 1);
    assert.match(formatScoreboard(s), /on mule-account holders: 1; false: 1 =/);
  });

  it('takes the grace from the truth unless told otherwise', () => {
    const strict = scoreWarnings(truth, warnings, { graceMinutes: 0 });
    assert.equal(strict.overall.warnedAfterLoss, 0);
    assert.equal(strict.overall.missed, 2);
    assert.equal(strict.falseWarnings.count, 3);
    const loose = scoreWarnings(truth, warnings, { graceMinutes: 2 * 24 * 60 });
    assert.equal(loose.falseWarnings.count, 1);
    assert.equal(loose.byType.fake_loan.warnedAfterLoss, 2);
  });

  it('prints a table with a row per fraud type that had attempts', () => {
    const text = formatScoreboard(scoreWarnings(truth, warnings));
    assert.match(text, /^task_rebate\s+2\s+2\s+100\.0%\s+45\.0/m);
    assert.match(text, /^all\s+6\s+4\s+66\.7%\s+30\.0\s+1\s+1\s+11,200\s+6,200$/m);
    assert.doesNotMatch(text, /^game_trade/m);
    assert.match(text, /false: 2 = 10\.06 per 10,000/);
  });

  it('reads the truth and a warnings file from the command line, text or --json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-eval-'));
    fs.writeFileSync(path.join(dir, 'truth.json'), JSON.stringify(truth));
    fs.writeFileSync(path.join(dir, 'warnings.ndjson'), warnings.map((w) => JSON.stringify(w)).join('\n') + '\n');
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '../cli/main.js');
    const args = ['evaluate', '--truth', path.join(dir, 'truth.json'), '--warnings', path.join(dir, 'warnings.ndjson')];
    const json = spawnSync(process.execPath, [main, ...args, '--json'], { encoding: 'utf8' });
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(scoreWarnings(truth, warnings))));
    const text = spawnSync(process.execPath, [main, ...args, '--grace-minutes', '0'], { encoding: 'utf8' });
    assert.match(text.stdout, /false: 3 = /);
    fs.writeFileSync(path.join(dir, 'bad.ndjson'), '{"id":"x"}\n');
    const bad = spawnSync(process.execPath, [main, 'evaluate', '--truth', path.join(dir, 'truth.json'), '--warnings', path.join(dir, 'bad.ndjson')], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /line 1: a warning needs/);
  });
});
