import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig, missingRealdata } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import type { Actor } from '../domain/role.js';
import type { Warning, WarningChange, WarningLevel } from '../domain/warning.js';
import type { Store } from '../store/index.js';
import { testEngines } from '../store/testing.js';
import { checkTree, DispatchService, ROSTER_TRAIL, UNIT_TRAIL, unitsFromDivisions, type LiveEvent, type Scope } from './index.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const config = loadConfig();
const DIVISIONS = path.join(config.FANZHA_REALDATA_DIR, 'admin-divisions');

// Taiyuan (1401): 小店区 140105 with 坞城街道 140105001 and 营盘街道 140105002; 迎泽区 140106.
const WUCHENG = '140105001';
const YINGPAN = '140105002';
const XIAODIAN = '140105';
const YINGZE = '140106';
const YINGZE_STATION = '140106001';
const LOCAL = '+8613007012345'; // a 太原 number
const LOCAL_2 = '+8613513512345'; // another 太原 number
const JINAN = '+8613805311234'; // a 济南 number
const ROSTERED = '+8613912345678';

const officer = (name: string): Actor => ({ name, role: 'station_officer' });
const station = (code: string): Scope => ({ level: 'station', code });
const district = (code: string): Scope => ({ level: 'district', code });
const CITY: Scope = { level: 'city' };

function warning(id: string, person: string, level: WarningLevel, extra: Partial<Warning> = {}): Warning {
  return {
    id, kind: 'person', person, level, fraudType: 'fake_customer_service', score: 60, typology: 'fake_customer_service.refund', evidence: [], events: ['e1'],
    action: '电话劝阻', bank: null, raisedAt: T0, updatedAt: T0, history: [{ level, score: 60, at: T0 }], storedAt: T0, seq: 0, ...extra,
  };
}
const raised = (w: Warning): WarningChange => ({ change: 'raised', warning: w });

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof FanzhaError && err.code === code);
}

describe('jurisdiction tree from the administrative divisions', { skip: missingRealdata() }, () => {
  it('makes Taiyuan a city of 11 district branches and one station per street or town', () => {
    const units = unitsFromDivisions(DIVISIONS, '1401');
    assert.deepEqual(checkTree(units), []);
    assert.equal(units.filter((u) => u.level === 'district').length, 11);
    assert.equal(units.filter((u) => u.level === 'station').length, 108);
    assert.deepEqual(units.find((u) => u.code === WUCHENG), { code: WUCHENG, name: '坞城派出所', level: 'station', parent: XIAODIAN });
    assert.equal(units.find((u) => u.code === XIAODIAN)?.name, '小店分局');
  });
});

for (const engine of testEngines()) {
  describe(`dispatch on ${engine.name}`, { skip: missingRealdata() }, () => {
    let store: Store;
    let clock = T0;
    let dispatch: DispatchService;
    const heard: LiveEvent[] = [];
    before(async () => {
      store = await engine.open();
      dispatch = await DispatchService.open(store, config, { now: () => clock });
      // A configured prefix rule sends one number block to a district queue.
      (dispatch as unknown as { prefixes: Array<[string, string]> }).prefixes.push(['+86135135', YINGZE]);
      dispatch.live.subscribe({ scope: station(WUCHENG), send: (e) => heard.push(e) });
      const report = await dispatch.importRoster({ name: 'admin', role: 'admin' }, [
        { phone: '139 1234 5678', accounts: 2, age: 67, district: '小店区', districtCode: XIAODIAN, station: '坞城派出所', stationCode: WUCHENG },
        { phone: 'not a phone', stationCode: WUCHENG },
        { phone: '13912340000', stationCode: '999' },
      ]);
      assert.equal(report.imported, 1);
      assert.deepEqual(report.rejected.map((r) => [r.at, r.code]), [[2, 'INVALID_VALUE'], [3, 'UNKNOWN_STATION']]);
    });
    after(async () => {
      await store.close();
      await engine.cleanup();
    });

    it('routes by roster, then prefix rule, then home area; what cannot be placed waits in the city queue', async () => {
      clock = T0;
      await dispatch.enqueue([
        raised(warning('w_roster', ROSTERED, 2)),
        raised(warning('w_prefix', LOCAL_2, 2)),
        raised(warning('w_local', LOCAL, 3)),
        raised(warning('w_away', JINAN, 3)),
        raised(warning('w_account', 'account:6222000011112222333', 1, { kind: 'fund' })),
      ]);
      const placed = Object.fromEntries((await dispatch.list(CITY, { limit: 100 })).map((i) => [i.warningId, [i.station, i.district, i.routeReason]]));
      assert.deepEqual(placed.w_roster, [WUCHENG, XIAODIAN, 'roster']);
      assert.deepEqual(placed.w_prefix, [null, YINGZE, 'prefix']);
      assert.deepEqual(placed.w_local, [null, null, 'home_area_unplaced']);
      assert.deepEqual(placed.w_away, [null, null, 'home_area_other_city']);
      assert.deepEqual(placed.w_account, [null, null, 'no_phone']);
      const mine = heard.filter((e) => e.type === 'item').map((e) => (e.type === 'item' ? e.item.warningId : ''));
      assert.deepEqual(mine, ['w_roster'], 'the station’s live queue hears its own warning only');
      const cityQueue = await dispatch.list(CITY, { queue: true, limit: 100 });
      assert.deepEqual(cityQueue.map((i) => i.warningId).sort(), ['w_account', 'w_away', 'w_local']);
    });

    it('scopes by jurisdiction and shows the phone in full only to the station that must call', async () => {
      const [own] = await dispatch.list(station(WUCHENG), { limit: 10 });
      assert.equal(own.person, ROSTERED);
      assert.deepEqual((await dispatch.list(station(YINGPAN), { limit: 10 })).map((i) => i.warningId), []);
      const fromDistrict = await dispatch.list(district(XIAODIAN), { limit: 10 });
      assert.deepEqual(fromDistrict.map((i) => [i.warningId, i.person]), [['w_roster', '+86139****5678']]);
      assert.deepEqual((await dispatch.list(district(YINGZE), { limit: 10 })).map((i) => i.warningId), ['w_prefix']);
      assert.deepEqual((await dispatch.list(district(YINGZE), { queue: true, limit: 10 })).map((i) => i.warningId), ['w_prefix']);
      assert.deepEqual((await dispatch.list(district(XIAODIAN), { queue: true, limit: 10 })).map((i) => i.warningId), []);
      await rejects(dispatch.show(station(YINGPAN), 'w_roster'), 'NOT_FOUND');
      await rejects(dispatch.claim(officer('李'), station(YINGPAN), 'w_roster'), 'NOT_FOUND');
      await rejects(dispatch.list({ level: 'none' }, { limit: 10 }), 'FORBIDDEN');
      assert.equal((await dispatch.show(CITY, 'w_account')).item.person, 'account:6222***********2333');
    });

    it('gives one of two simultaneous claims the item and the other a CONFLICT', async () => {
      const results = await Promise.allSettled([
        dispatch.claim(officer('王'), station(WUCHENG), 'w_roster'),
        dispatch.claim(officer('张'), station(WUCHENG), 'w_roster'),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof FanzhaError && lost.reason.code === 'CONFLICT', String(lost.reason));
      const won = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ claimedBy: string }>).value.claimedBy;
      const other = won === '王' ? '张' : '王';
      await rejects(dispatch.act(officer(other), station(WUCHENG), 'w_roster', { action: { type: 'call', reached: true } }), 'CONFLICT');
      const item = await dispatch.act(officer(won), station(WUCHENG), 'w_roster', { action: { type: 'call', reached: true, durationSec: 240 }, outcome: 'dissuaded' });
      assert.equal(item.status, 'closed');
      assert.equal(item.late, false);
    });

    it('enforces level-1 deadlines: late to the district when the call is missed, to the city one step later', async () => {
      clock = T0 + 100 * MIN;
      const start = clock;
      await dispatch.enqueue([raised(warning('w_l1', ROSTERED, 1))]);
      let item = (await dispatch.show(CITY, 'w_l1')).item;
      assert.deepEqual([item.phoneDue, item.visitDue], [start + 5 * MIN, start + 30 * MIN]);
      clock = start + 4 * MIN;
      await dispatch.sweep();
      assert.equal((await dispatch.show(CITY, 'w_l1')).item.late, false, 'not late before the deadline');
      clock = start + 6 * MIN;
      await dispatch.sweep();
      item = (await dispatch.show(CITY, 'w_l1')).item;
      assert.deepEqual([item.late, item.tier], [true, 'district']);
      assert.deepEqual((await dispatch.list(district(XIAODIAN), { late: true, limit: 10 })).map((i) => i.warningId), ['w_l1']);
      clock = start + 11 * MIN;
      await dispatch.sweep();
      assert.equal((await dispatch.show(CITY, 'w_l1')).item.tier, 'city');
      // A late call still counts; the visit is still owed.
      clock = start + 12 * MIN;
      item = await dispatch.act(officer('王'), station(WUCHENG), 'w_l1', { action: { type: 'call', reached: false, durationSec: 0 }, outcome: 'unreachable' });
      assert.deepEqual([item.status, item.contactedAt, item.visitDue], ['visit_required', null, start + 30 * MIN]);
      clock = start + 20 * MIN;
      item = await dispatch.act(officer('王'), station(WUCHENG), 'w_l1', { action: { type: 'visit', note: '上门' }, outcome: 'dissuaded' });
      assert.deepEqual([item.status, item.outcome, item.nextCheck], ['closed', 'dissuaded', null]);
      const trail = (await dispatch.show(CITY, 'w_l1')).trail.map((e) => [e.action, e.actor, e.at - start]);
      assert.deepEqual(trail, [
        ['routed', 'system', 0],
        ['escalated', 'system', 6 * MIN],
        ['escalated', 'system', 11 * MIN],
        ['claimed', '王', 12 * MIN],
        ['call', '王', 12 * MIN],
        ['outcome', '王', 12 * MIN],
        ['visit', '王', 20 * MIN],
        ['outcome', '王', 20 * MIN],
      ]);
    });

    it('keeps an item on time when it is worked within the deadline', async () => {
      clock = T0 + 200 * MIN;
      await dispatch.enqueue([raised(warning('w_l2', ROSTERED, 2))]);
      clock += 10 * MIN;
      await dispatch.act(officer('王'), station(WUCHENG), 'w_l2', { action: { type: 'hotline_96110', reached: true, durationSec: 60 } });
      clock += 60 * MIN;
      await dispatch.sweep();
      const item = (await dispatch.show(CITY, 'w_l2')).item;
      assert.deepEqual([item.late, item.tier, item.status, item.nextCheck], [false, 'station', 'claimed', null]);
    });

    it('sweeps a backlog larger than one page', async () => {
      clock = T0 + 250 * MIN;
      const ids = ['w_b1', 'w_b2', 'w_b3', 'w_b4', 'w_b5'];
      await dispatch.enqueue(ids.map((id) => raised(warning(id, ROSTERED, 2))));
      clock += 31 * MIN;
      assert.ok((await dispatch.sweep(2)) >= ids.length);
      const items = await Promise.all(ids.map(async (id) => (await dispatch.show(CITY, id)).item));
      assert.deepEqual(items.map((i) => [i.late, i.tier]), ids.map(() => [true, 'district']));
    });

    it('tightens the deadlines of an upgraded warning instead of making a new item', async () => {
      clock = T0 + 300 * MIN;
      const start = clock;
      await dispatch.enqueue([raised(warning('w_up', ROSTERED, 3))]);
      assert.equal((await dispatch.show(CITY, 'w_up')).item.phoneDue, start + 24 * 60 * MIN);
      clock = start + 2 * MIN;
      heard.length = 0;
      await dispatch.enqueue([{ change: 'upgraded', warning: warning('w_up', ROSTERED, 1, { score: 90 }) }]);
      const item = (await dispatch.show(CITY, 'w_up')).item;
      assert.deepEqual([item.level, item.score, item.phoneDue, item.visitDue], [1, 90, start + 7 * MIN, start + 32 * MIN]);
      assert.equal((await dispatch.list(CITY, { limit: 1000 })).filter((i) => i.warningId === 'w_up').length, 1);
      assert.deepEqual(heard.map((e) => (e.type === 'item' ? [e.change, e.item.level] : [])), [['upgraded', 1]]);
      // The same level again (a replay) changes nothing.
      await dispatch.enqueue([{ change: 'upgraded', warning: warning('w_up', ROSTERED, 1, { score: 90 }) }]);
      assert.equal((await dispatch.show(CITY, 'w_up')).trail.filter((e) => e.action === 'upgraded').length, 1);
    });

    it('texts through the outbox, records every outcome, flags recovery, and feeds false-alarm rates back', async () => {
      clock = T0 + 400 * MIN;
      const people = ['w_o1', 'w_o2', 'w_o3', 'w_o4'];
      await dispatch.enqueue(people.map((id) => raised(warning(id, ROSTERED, 3, { typology: 'task_rebate.ad', fraudType: 'task_rebate' }))));
      const sms = await dispatch.act(officer('王'), station(WUCHENG), 'w_o1', { action: { type: 'sms' } });
      assert.notEqual(sms.contactedAt, null, 'a text is contact enough for level 3');
      const sent = (await dispatch.show(CITY, 'w_o1')).sms;
      assert.equal(sent.length, 1);
      assert.match(sent[0].body, /刷单返利都是诈骗/);
      await dispatch.act(officer('王'), station(WUCHENG), 'w_o1', { outcome: 'not_fraud', note: '本人在正规平台兼职' });
      const lost = await dispatch.act(officer('王'), station(WUCHENG), 'w_o2', { action: { type: 'call', reached: true }, outcome: 'already_lost' });
      assert.deepEqual([lost.status, lost.recovery], ['closed', true]);
      await dispatch.act(officer('王'), station(WUCHENG), 'w_o3', { action: { type: 'call', reached: true }, outcome: 'refused' });
      await dispatch.act(officer('王'), station(WUCHENG), 'w_o4', { action: { type: 'call', reached: true }, outcome: 'not_fraud' });
      await rejects(dispatch.act(officer('王'), station(WUCHENG), 'w_o4', { outcome: 'dissuaded' }), 'INVALID_TRANSITION');
      const stats = await dispatch.stats();
      const row = stats.byTypology.find((r) => r.key === 'task_rebate.ad')!;
      assert.deepEqual([row.total, row.outcomes.not_fraud, row.falseAlarmRate], [4, 2, 0.5]);
      assert.equal(stats.byFraudType.find((r) => r.key === 'task_rebate')?.falseAlarmRate, 0.5);
    });

    it('re-assigns from the city queue; a district only within itself, a station not at all', async () => {
      clock = T0 + 500 * MIN;
      await rejects(dispatch.reassign(officer('王'), station(WUCHENG), 'w_local', YINGPAN), 'FORBIDDEN');
      await rejects(dispatch.reassign(officer('赵'), district(XIAODIAN), 'w_prefix', YINGPAN), 'NOT_FOUND');
      await rejects(dispatch.reassign(officer('赵'), district(YINGZE), 'w_prefix', YINGPAN), 'FORBIDDEN');
      const moved = await dispatch.reassign({ name: 'analyst 陈', role: 'analyst' }, CITY, 'w_local', YINGPAN, '住址在营盘');
      assert.deepEqual([moved.station, moved.district, moved.routeReason], [YINGPAN, XIAODIAN, 'reassigned']);
      const back = await dispatch.reassign(officer('赵'), district(YINGZE), 'w_prefix', YINGZE_STATION);
      assert.equal(back.station, YINGZE_STATION);
      assert.deepEqual((await dispatch.list(station(YINGPAN), { limit: 10 })).map((i) => [i.warningId, i.person]), [['w_local', LOCAL]]);
      const trail = (await dispatch.show(CITY, 'w_local')).trail;
      assert.deepEqual(trail.at(-1)?.detail.to, { station: YINGPAN, district: XIAODIAN });
    });

    it('sends a fund warning to the payer’s bank, which answers only its own instructions', async () => {
      clock = T0 + 600 * MIN;
      await dispatch.enqueue([raised(warning('w_fund', 'account:6222000011112222333', 1, { kind: 'fund', bank: '中国工商银行' }))]);
      const icbc: Scope = { level: 'bank', bank: '中国工商银行' };
      const [instruction] = await dispatch.instructions(icbc, 10);
      assert.deepEqual([instruction.warningId, instruction.status], ['w_fund', 'sent']);
      assert.deepEqual(await dispatch.instructions({ level: 'bank', bank: '中国银行' }, 10), []);
      await rejects(dispatch.answerInstruction({ name: 'boc', role: 'bank_partner' }, { level: 'bank', bank: '中国银行' }, instruction.id, 'held'), 'NOT_FOUND');
      await dispatch.answerInstruction({ name: 'icbc', role: 'bank_partner' }, icbc, instruction.id, 'acknowledged');
      await rejects(dispatch.answerInstruction({ name: 'icbc', role: 'bank_partner' }, icbc, instruction.id, 'released'), 'INVALID_TRANSITION');
      await dispatch.answerInstruction({ name: 'icbc', role: 'bank_partner' }, icbc, instruction.id, 'held', '在途资金已拦截');
      const done = await dispatch.answerInstruction({ name: 'icbc', role: 'bank_partner' }, icbc, instruction.id, 'confirmed_fraud');
      assert.equal(done.status, 'confirmed_fraud');
      const trail = (await dispatch.show(CITY, 'w_fund')).trail.map((e) => e.action);
      assert.deepEqual(trail, ['routed', 'bank_instruction', 'bank_acknowledged', 'bank_held', 'bank_confirmed_fraud']);
      await rejects(dispatch.instructions(station(WUCHENG), 10), 'FORBIDDEN');
    });

    it('catches up at start with warnings stored while nobody dispatched them', async () => {
      clock = T0 + 700 * MIN;
      const missed = [warning('w_missed1', ROSTERED, 2), warning('w_missed2', JINAN, 3)];
      await store.screening.transaction((tx) => store.screening.saveWarnings(tx, missed, clock));
      const fresh = await DispatchService.open(store, config, { now: () => clock });
      assert.equal(await fresh.catchUp(), 2);
      assert.deepEqual((await fresh.show(CITY, 'w_missed1')).item.station, WUCHENG);
      assert.equal(await fresh.catchUp(), 0, 'the cursor moved on');
    });

    it('keeps a token’s jurisdiction scope', async () => {
      const t = await store.tokens.insert({ name: '坞城 王', role: 'station_officer', hash: `h${engine.name}`, createdBy: 'test', at: T0, scope: WUCHENG });
      assert.equal((await store.tokens.findActiveByHash(`h${engine.name}`, Date.now()))?.scope, WUCHENG);
      assert.equal(dispatch.scopeOf(t).level, 'station');
      assert.deepEqual(dispatch.scopeOf({ role: 'station_officer', scope: XIAODIAN }), district(XIAODIAN));
      assert.deepEqual(dispatch.scopeOf({ role: 'station_officer', scope: null }), { level: 'none' });
      assert.deepEqual(dispatch.scopeOf({ role: 'bank_partner', scope: '中国工商银行' }), { level: 'bank', bank: '中国工商银行' });
    });

    it('lets an admin edit the tree, and keeps it valid', async () => {
      await dispatch.saveUnit({ name: 'admin', role: 'admin' }, { code: '140105901', name: '高新派出所', level: 'station', parent: XIAODIAN });
      assert.equal(dispatch.tree.districtOf('140105901'), XIAODIAN);
      const unitTrail = await dispatch.trailOf(CITY, `${UNIT_TRAIL}140105901`);
      assert.deepEqual(unitTrail.map((e) => [e.action, e.actor, e.detail.before]), [['unit_saved', 'admin', null]]);
      assert.deepEqual((await dispatch.trailOf(CITY, ROSTER_TRAIL)).map((e) => [e.action, e.detail.imported]), [['roster_imported', 1]]);
      await rejects(dispatch.trailOf(district(XIAODIAN), ROSTER_TRAIL), 'FORBIDDEN');
      await rejects(dispatch.saveUnit({ name: 'admin', role: 'admin' }, { code: '140105902', name: '孤儿所', level: 'station', parent: WUCHENG }), 'INVALID_VALUE');
      const reopened = await DispatchService.open(store, config, { now: () => clock });
      assert.equal(reopened.tree.get('140105901')?.name, '高新派出所', 'edits are kept in the store');
      assert.equal((await reopened.locate(ROSTERED)).station, WUCHENG, 'the roster is kept in the store');
    });
  });
}
