import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import { IndicatorCatalog } from '../indicators/index.js';
import { testEngines } from '../store/testing.js';
import type { Store } from '../store/index.js';
import { TextService } from '../text/index.js';
import { openCases, type ReportLosses } from './index.js';

const HOTLINE = { name: 'hotline 1', role: 'hotline' as const };
const ANALYST = { name: 'analyst 1', role: 'analyst' as const };

const NARRATIVE = '对方自称京东客服，说我开通了学生贷会影响征信，要我下载腾讯会议共享屏幕，然后把钱转到安全账户，对方电话 17100001111。';
const report = (over: Record<string, unknown> = {}) => ({
  source: 'hotline',
  victim: { name: '张三', idNumber: '110101199001011234', phone: '13800138000' },
  occurredAt: '2026-12-01T10:00:00+08:00',
  narrative: NARRATIVE,
  fraudType: null,
  losses: [
    { fromAccount: '6222020200112233445', toAccount: '6217000010001234567', amountFen: 500000, ts: '2026-12-01T10:30:00+08:00', channel: 'bank_transfer', toBank: '建设银行' },
  ],
  indicators: [{ kind: 'phone', value: '171 0000 1111' }, { kind: 'qq', value: '123456789' }],
  ...over,
});

async function open(store: Store) {
  const config = loadConfig({});
  const { catalog } = await IndicatorCatalog.open(store, config);
  const handed: ReportLosses[] = [];
  const cases = await openCases(store, {
    text: new TextService(catalog.checker),
    indicators: catalog.service,
    maxCases: 3,
    onLosses: async (l) => void handed.push(l),
  });
  return { ...cases, catalog, handed };
}

const issuesOf = async (p: Promise<unknown>): Promise<Array<{ path: string; code: string }>> => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FanzhaError && err.code === 'VALIDATION_FAILED', String(err));
    return (err.details as { issues: Array<{ path: string; code: string }> }).issues;
  }
  assert.fail('expected VALIDATION_FAILED');
};

for (const engine of testEngines()) {
  describe(`reports and cases on ${engine.name}`, () => {
    after(() => engine.cleanup());

    it('saves a draft with missing fields, refuses to submit it until complete, then opens a case', async () => {
      const store = await engine.open();
      try {
        const { reports, handed } = await open(store);
        const draft = await reports.create({ draft: true, victim: { phone: '13800138000' }, narrative: NARRATIVE }, HOTLINE);
        assert.equal(draft.report.status, 'draft');
        assert.equal(draft.report.caseId, null);
        assert.equal(draft.report.victim.phone, '+8613800138000');
        assert.ok(draft.suggestion?.fraudType, 'the model suggests a type');
        assert.ok(draft.extracted.some((e) => e.kind === 'phone' && e.value === '+8617100001111'));
        const issues = await issuesOf(reports.submit(draft.report.id, HOTLINE));
        assert.deepEqual(issues.map((i) => i.path).sort(), ['occurredAt', 'victim.idNumber', 'victim.name']);
        assert.ok(issues.every((i) => i.code === 'REQUIRED'));
        const done = await reports.update(draft.report.id, { draft: false, ...report() }, HOTLINE);
        assert.equal(done.report.status, 'submitted');
        assert.ok(done.report.caseId !== null);
        assert.equal(done.report.fraudType, done.suggestion!.fraudType, 'no type given: the model suggestion is kept');
        const c = await store.cases.case(done.report.caseId!);
        assert.equal(c!.status, 'reported');
        assert.equal(c!.lossFen, 500000);
        assert.equal(handed.length, 1);
      } finally {
        await store.close();
      }
    });

    it('names every bad field with its path and code; nothing is written', async () => {
      const store = await engine.open();
      try {
        const { reports } = await open(store);
        const issues = await issuesOf(
          reports.create(report({
            victim: { name: '李四', idNumber: '12345', phone: 'abc' },
            occurredAt: '2026-12-01 10:00',
            losses: [{ fromAccount: 'x', toAccount: 'y', amountFen: -5, ts: '2026-12-01T10:30:00Z', channel: 'bank_transfer' }],
          }), HOTLINE),
        );
        assert.deepEqual(issues.map((i) => i.path), ['losses.0.amountFen']);
        const second = await issuesOf(
          reports.create(report({ victim: { name: '李四', idNumber: '12345', phone: 'abc' }, occurredAt: '2026-12-01 10:00', indicators: [{ kind: 'url', value: 'http://' }] }), HOTLINE),
        );
        assert.deepEqual(second.map((i) => [i.path, i.code]).slice(0, 3), [['victim.idNumber', 'INVALID_ID_NUMBER'], ['victim.phone', 'INVALID_PHONE'], ['occurredAt', 'INVALID_TIME']]);
        assert.ok(second.some((i) => i.path === 'indicators.0.value'));
        assert.deepEqual(await store.cases.reports({ limit: 10 }), []);
      } finally {
        await store.close();
      }
    });

    it('brings report indicators in as reported with the report as a sighting, and hands each loss over once', async () => {
      const store = await engine.open();
      try {
        const { reports, handed } = await open(store);
        const saved = await reports.create(report(), HOTLINE);
        const id = saved.report.id;
        const phone = await store.indicators.getByValue('phone', '+8617100001111');
        assert.equal(phone?.status, 'reported');
        assert.deepEqual((await store.indicators.sightings(phone!.id)).map((s) => s.reporter), [`report:${id}`]);
        assert.ok(await store.indicators.getByValue('im_account', 'qq:123456789'));
        assert.ok(await store.indicators.getByValue('bank_card', '6217000010001234567'), 'the payee account of a loss');
        assert.deepEqual(handed, [{
          reportId: id, caseId: saved.report.caseId, victimPhone: '+8613800138000',
          losses: [{ fromAccount: '6222020200112233445', toAccount: '6217000010001234567', amountFen: 500000, ts: Date.parse('2026-12-01T10:30:00+08:00'), channel: 'bank_transfer' }],
        }]);
        // An edit that adds a second transfer hands over only the new one; saving again hands over nothing.
        const second = { fromAccount: '6222020200112233445', toAccount: 'alipay:13900001111', amountFen: 120000, ts: '2026-12-01T11:00:00+08:00', channel: 'alipay' };
        await reports.update(id, { losses: [...report().losses, second] }, HOTLINE);
        await reports.update(id, { narrative: `${NARRATIVE} 补充。` }, HOTLINE);
        assert.equal(handed.length, 2);
        assert.deepEqual(handed[1].losses.map((l) => l.amountFen), [120000]);
        assert.equal((await store.cases.case(saved.report.caseId!))!.lossFen, 620000);
        // Removing a loss stop-payment already holds is refused.
        await assert.rejects(reports.update(id, { losses: [second] }, HOTLINE), (e: FanzhaError) => e.code === 'INVALID_TRANSITION');
        // A restart finds nothing left to do.
        const again = await open(store);
        assert.equal(again.handed.length, 0);
      } finally {
        await store.close();
      }
    });

    it('moves a case only along its lifecycle, with history; suspects and arrests', async () => {
      const store = await engine.open();
      try {
        const { reports, cases } = await open(store);
        const caseId = (await reports.create(report(), HOTLINE)).report.caseId!;
        const city = { level: 'city' } as const;
        await assert.rejects(cases.move(city, caseId, 'solved', ANALYST), (e: FanzhaError) => e.code === 'INVALID_TRANSITION');
        await cases.move(city, caseId, 'filed', ANALYST, '立案');
        await cases.move(city, caseId, 'investigating', ANALYST);
        await cases.move(city, caseId, 'solved', ANALYST, '破案');
        await cases.move(city, caseId, 'referred', ANALYST, '移送起诉');
        await assert.rejects(cases.move(city, caseId, 'closed', ANALYST), (e: FanzhaError) => e.code === 'INVALID_TRANSITION');
        const history = await store.cases.history(caseId);
        assert.deepEqual(history.map((h) => [h.fromStatus, h.toStatus]), [[null, 'reported'], ['reported', 'filed'], ['filed', 'investigating'], ['investigating', 'solved'], ['solved', 'referred']]);
        assert.equal(history[1].actor, 'analyst 1');
        assert.equal(history[1].note, '立案');
        const s = await cases.addSuspect(city, caseId, { name: '王五', role: 'money_holder', phone: '+8613900002222' }, ANALYST);
        const arrested = await cases.arrest(city, caseId, s.id, ANALYST, Date.parse('2026-12-05T08:00:00Z'));
        assert.equal(arrested.arrestedAt, Date.parse('2026-12-05T08:00:00Z'));
        await assert.rejects(cases.arrest(city, caseId, s.id, ANALYST), (e: FanzhaError) => e.code === 'INVALID_TRANSITION');
        const detail = await cases.show(city, caseId);
        assert.deepEqual(detail.suspects.map((x) => [x.role, x.arrestedAt]), [['money_holder', Date.parse('2026-12-05T08:00:00Z')]]);
        assert.equal(detail.reports.length, 1);
      } finally {
        await store.close();
      }
    });

    it('links cases through shared indicators, not service numbers or popular apps; reloads the links from the store', async () => {
      const store = await engine.open();
      try {
        const { reports, cases } = await open(store);
        const victim = (n: number) => ({ name: `受害人${n}`, idNumber: `11010119900101${String(1000 + n)}`, phone: `1380013${String(8000 + n)}` });
        const make = async (n: number, indicators: Array<{ kind: string; value: string }>) =>
          (await reports.create(report({ victim: victim(n), losses: [], indicators }), HOTLINE)).report.caseId!;
        const a = await make(1, [{ kind: 'wechat', value: 'scam_boss01' }, { kind: 'phone', value: '95588' }]);
        const b = await make(2, [{ kind: 'wechat', value: 'scam_boss01' }]);
        const c = await make(3, [{ kind: 'phone', value: '95588' }, { kind: 'app', value: '腾讯会议' }]);
        const d = await make(4, [{ kind: 'app', value: '腾讯会议' }]);
        // 95588 (allow-list) and 腾讯会议 (a popular meeting app) are shared too, but link nothing.
        const clusters = await cases.clusters();
        assert.deepEqual(clusters.map((x) => x.cases), [[a, b]]);
        assert.deepEqual(clusters[0].shared.map((s) => s.key), ['im_account|wechat:scam_boss01']);
        assert.deepEqual((await cases.similar({ level: 'city' }, a)).map((s) => s.caseId), [b]);
        assert.deepEqual(await cases.similar({ level: 'city' }, c), []);
        assert.ok(d > c);
        const fresh = await open(store);
        assert.deepEqual((await fresh.cases.clusters()).map((x) => x.cases), [[a, b]]);
        // The same victim reporting again joins their open case.
        const again = await reports.create(report({ victim: victim(2), losses: [], indicators: [] }), HOTLINE);
        assert.equal(again.report.caseId, b);
      } finally {
        await store.close();
      }
    });
  });
}
