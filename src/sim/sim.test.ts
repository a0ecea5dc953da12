import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { PACKAGE_ROOT, missingRealdata } from '../config/index.js';
import { FRAUD_TYPE_CODES } from '../domain/fraud-type.js';
import { canonical, normalizeBankCard } from '../indicators/index.js';
import { isEventProblem, validateEvent } from '../screening/index.js';
import { IM_CONTACT } from './campaigns/paths.js';
import { knownIndicatorsCsv, paced, simulateCity, type SimulateOptions, type Truth, type WireEvent } from './index.js';

const SCENARIO: SimulateOptions = { seed: 7, people: 1500, days: 2 };

function produce(options: SimulateOptions): { text: string; truth: Truth; csv: string } {
  const city = simulateCity(options);
  const parts: Buffer[] = [];
  for (const c of city.chunks()) parts.push(Buffer.from(c.bytes));
  return { text: Buffer.concat(parts).toString('utf8'), truth: city.truth(), csv: knownIndicatorsCsv(city.knownIndicators) };
}

// ---------------------------------------------------------------------------------------------------------------
// A small validator for the subset of JSON Schema docs/events.schema.json uses, so the test follows the file.
type Schema = {
  type?: string; required?: string[]; properties?: Record<string, Schema>; oneOf?: Schema[]; enum?: unknown[]; const?: unknown;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; pattern?: string; format?: string; $ref?: string;
  items?: Schema; maxItems?: number; uniqueItems?: boolean;
};
const schema = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'docs/events.schema.json'), 'utf8')) as Schema & { $defs: Record<string, Schema> };

function problems(value: unknown, s: Schema, at: string): string[] {
  if (s.$ref) return problems(value, schema.$defs[s.$ref.replace('#/$defs/', '')], at);
  const out: string[] = [];
  if (s.const !== undefined && value !== s.const) out.push(`${at}: not ${String(s.const)}`);
  if (s.enum && !s.enum.includes(value)) out.push(`${at}: ${String(value)} not in enum`);
  if (s.type === 'string') {
    if (typeof value !== 'string') return [`${at}: not a string`];
    if (s.minLength !== undefined && value.length < s.minLength) out.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern).test(value)) out.push(`${at}: does not match ${s.pattern}`);
    if (s.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) out.push(`${at}: not a date-time`);
  }
  if (s.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`);
    if (s.uniqueItems && new Set(value).size !== value.length) out.push(`${at}: items repeat`);
    if (s.items) value.forEach((item, i) => out.push(...problems(item, s.items!, `${at}[${i}]`)));
  }
  if (s.type === 'integer' && (typeof value !== 'number' || !Number.isInteger(value))) out.push(`${at}: not an integer`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) out.push(`${at}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) out.push(`${at}: above ${s.maximum}`);
  }
  if (s.type === 'object' || s.properties || s.required) {
    const o = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in o)) out.push(`${at}: missing ${key}`);
    for (const [key, sub] of Object.entries(s.properties ?? {})) if (key in o) out.push(...problems(o[key], sub, `${at}.${key}`));
  }
  if (s.oneOf) {
    const fits = s.oneOf.filter((branch) => problems(value, branch, at).length === 0).length;
    if (fits !== 1) out.push(`${at}: fits ${fits} of the oneOf branches`);
  }
  return out;
}

describe('synthetic city', { skip: missingRealdata() }, () => {
  let run: ReturnType<typeof produce>;
  let events: WireEvent[];
  let byId: Map<string, WireEvent>;
  before(() => {
    run = produce(SCENARIO);
    events = run.text.trimEnd().split('\n').map((l) => JSON.parse(l) as WireEvent);
    byId = new Map(events.map((e) => [e.id, e]));
  });

  it('is deterministic for a seed: the same bytes, truth and indicators; another seed differs', () => {
    const again = produce(SCENARIO);
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    assert.equal(hash(again.text), hash(run.text));
    assert.deepEqual(again.truth, run.truth);
    assert.equal(again.csv, run.csv);
    assert.notEqual(hash(produce({ ...SCENARIO, seed: 8 }).text), hash(run.text));
  });

  it('writes events in time order with unique ids, and enough of every kind of life', () => {
    assert.equal(events.length, run.truth.events);
    for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].ts <= events[i].ts, `event ${i} is out of order`);
    assert.equal(byId.size, events.length, 'ids are unique');
    const types = new Map<string, number>();
    for (const e of events) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    for (const t of ['call', 'sms', 'web', 'app', 'transfer', 'account_open', 'sim_open']) assert.ok((types.get(t) ?? 0) > 0, `no ${t} events`);
    assert.ok(events.length > SCENARIO.people * SCENARIO.days * 3, 'a few events per person per day');
  });

  it('validates every event against docs/events.schema.json, with normalisable phones and Luhn-valid cards', () => {
    const bad: string[] = [];
    for (const e of events) {
      bad.push(...problems(e, schema, e.id));
      const o = e as unknown as Record<string, unknown>;
      for (const key of ['from', 'to', 'subscriber', 'payerPhone', 'holderPhone', 'msisdn']) {
        if (typeof o[key] === 'string' && canonical('phone', o[key] as string) === null) bad.push(`${e.id}.${key}: ${String(o[key])} does not normalise`);
      }
      if (e.type === 'app' && e.contact !== undefined && canonical('im_account', e.contact) !== e.contact) bad.push(`${e.id}: contact ${e.contact} is not a canonical IM account`);
      if (e.type === 'transfer' || e.type === 'account_open') {
        for (const acct of e.type === 'transfer' ? [e.fromAccount, e.toAccount] : [e.account]) {
          if (/^\d+$/.test(acct)) {
            const card = normalizeBankCard(acct);
            if (!card.ok || !card.info.luhnValid || card.info.bankCode === null) bad.push(`${e.id}: card ${acct} not Luhn-valid with a known BIN`);
          }
        }
      }
      if (bad.length > 10) break;
    }
    assert.deepEqual(bad, []);
  });

  it('holds schema examples that the schema and the intake both accept, an IM contact_add among them', () => {
    const examples = (schema as unknown as { examples: unknown[] }).examples;
    assert.ok(examples.some((e) => (e as { action?: string }).action === 'contact_add'));
    for (const e of examples) {
      assert.deepEqual(problems(e, schema, 'example'), []);
      assert.ok(!isEventProblem(validateEvent(e, 'docs', 0)), JSON.stringify(e));
    }
    assert.notDeepEqual(problems({ id: 'x', type: 'app', ts: '2026-03-01T09:20:00Z', subscriber: '13812345678', app: 'com.tencent.mm', action: 'contact_add', flags: ['vip'] }, schema, 'x'), []);
  });

  it('records every fraud type with steps, losses and laundering hops that are events of the file', () => {
    const t = run.truth;
    for (const type of FRAUD_TYPE_CODES) assert.ok(t.attempts.some((a) => a.fraudType === type), `no ${type} attempt`);
    assert.equal(t.normalPeople, t.people - new Set(t.attempts.map((a) => a.victim.phone)).size);
    let hops = 0;
    for (const a of t.attempts) {
      assert.ok(a.steps.length > 0 && a.firstStepAt <= a.lastStepAt);
      for (const s of a.steps) assert.equal(byId.get(s.eventId)?.ts, s.at, `${a.id} step ${s.eventId}`);
      for (const l of a.losses) {
        const e = byId.get(l.eventId);
        assert.ok(e?.type === 'transfer', `${a.id} loss ${l.eventId} is a transfer`);
        assert.deepEqual([e.fromAccount, e.toAccount, e.amountFen], [l.fromAccount, l.toAccount, l.amountFen]);
        assert.ok(a.victim.accounts.includes(l.fromAccount));
      }
      for (const h of a.hops) {
        const e = byId.get(h.eventId);
        assert.ok(e?.type === 'transfer', `${a.id} hop ${h.eventId} is a transfer`);
        assert.deepEqual([e.fromAccount, e.toAccount, e.amountFen], [h.fromAccount, h.toAccount, h.amountFen]);
        assert.ok(a.muleAccounts.includes(h.toAccount) && a.muleAccounts.includes(h.fromAccount));
        hops++;
      }
      assert.equal(a.totalLossFen, a.losses.reduce((s, l) => s + l.amountFen, 0));
      assert.equal(a.firstLossAt, a.losses[0]?.at ?? null);
    }
    assert.ok(hops > 0, 'money moves on from the first mules');
    assert.ok(t.attempts.some((a) => a.outcome === 'stopped'), 'some victims stop by themselves');
    assert.ok(t.attempts.some((a) => a.losses.length > 0));
  });

  it('has the IM platform report new contacts: everyday ones at a few a month with few flags, the gangs\' as their paths add victims', () => {
    const adds = events.filter((e) => e.type === 'app' && e.action === 'contact_add');
    const perPersonDay = adds.length / (SCENARIO.people * SCENARIO.days);
    assert.ok(perPersonDay > 0.03 && perPersonDay < 0.15, `${perPersonDay} new contacts per person per day`);
    const sameName = adds.filter((e) => e.type === 'app' && e.flags?.includes('same_name_as_contact')).length;
    assert.ok(sameName / adds.length < 0.05, 'few ordinary new contacts copy a friend\'s name');
    // A scenario with many attempts, for the fraud side.
    const busy = produce({ ...SCENARIO, attemptRate: 300, minPerType: 6 });
    const byIdBusy = new Map(busy.text.trimEnd().split('\n').map((l) => JSON.parse(l) as WireEvent).map((e) => [e.id, e]));
    const fakeBoss: WireEvent[] = [];
    for (const a of busy.truth.attempts) {
      for (const s of a.steps.filter((x) => x.kind === 'contact_add')) {
        const e = byIdBusy.get(s.eventId);
        assert.ok(e?.type === 'app' && e.action === 'contact_add' && e.subscriber === a.victim.phone && e.contact, `${a.id} ${s.eventId}`);
        assert.ok(IM_CONTACT[a.fraudType], `${a.fraudType} adds no IM contact on its path`);
        if (a.fraudType === 'impersonate_acquaintance') fakeBoss.push(e);
      }
      assert.ok(a.steps.some((x) => x.kind !== 'contact_add'), 'an attempt is more than an IM contact');
    }
    assert.ok(fakeBoss.length >= 3);
    const copied = fakeBoss.filter((e) => e.type === 'app' && e.flags?.includes('same_name_as_contact')).length;
    assert.ok(copied / fakeBoss.length >= 0.5, 'the fake boss mostly copies a friend\'s nickname and avatar');
  });

  it('runs SIM farms and card-opening bursts whose events are in the file', () => {
    const { simFarms, cardBursts } = run.truth.supply;
    assert.ok(simFarms.length > 0 && cardBursts.length > 0);
    for (const f of simFarms) {
      assert.ok(f.msisdns.length >= 20 && f.holders.length <= 3);
      const opens = f.eventIds.map((id) => byId.get(id));
      assert.ok(opens.every((e) => e?.type === 'sim_open' && e.outlet === f.outlet));
    }
    for (const b of cardBursts) assert.ok(b.eventIds.every((id) => byId.get(id)?.type === 'account_open'));
  });

  it('plays the same events through the async API, and paces them by event time', async () => {
    const city = simulateCity(SCENARIO);
    let n = 0;
    let first: WireEvent | undefined;
    for await (const e of city) {
      first ??= e;
      n++;
    }
    assert.equal(n, events.length);
    assert.deepEqual(first, events[0]);
    assert.equal(city.truth().attempts.length, run.truth.attempts.length);
    const slept: number[] = [];
    async function* three() {
      yield { ts: '2026-03-02T00:00:00Z' };
      yield { ts: '2026-03-02T00:01:00Z' };
      yield { ts: '2026-03-02T00:01:30Z' };
    }
    const played: string[] = [];
    for await (const e of paced(three(), { speed: 60, sleep: async (ms) => void slept.push(ms) })) played.push(e.ts);
    assert.equal(played.length, 3);
    assert.deepEqual(slept, [1000, 500]);
  });

  it('writes files from the CLI whose known indicators import cleanly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanzha-sim-'));
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '../cli/main.js');
    const env = { ...process.env, DATABASE_URL: '', FANZHA_DATA_DIR: dir };
    const out = path.join(dir, 'events.ndjson');
    const sim = spawnSync(process.execPath, [main, 'simulate', '--seed', '7', '--people', '1500', '--days', '2', '--out', out, '--truth', path.join(dir, 'truth.json'), '--indicators', path.join(dir, 'known.csv'), '--roster', path.join(dir, 'people.ndjson')], { env, encoding: 'utf8' });
    assert.equal(sim.status, 0, sim.stderr);
    assert.equal(fs.readFileSync(out, 'utf8'), run.text);
    const roster = fs.readFileSync(path.join(dir, 'people.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(roster.length, 1500);
    assert.ok(roster[0].station.endsWith('派出所') && /^\+86\d{11}$/.test(roster[0].phone));
    const imp = spawnSync(process.execPath, [main, 'indicators', 'import', '--format', 'csv', '--json', path.join(dir, 'known.csv')], { env, encoding: 'utf8' });
    assert.equal(imp.status, 0, imp.stderr);
    const report = JSON.parse(imp.stdout);
    assert.equal(report.rejectedCount, 0, JSON.stringify(report.rejected));
    assert.equal(report.created, run.truth.knownIndicators);
  });
});
