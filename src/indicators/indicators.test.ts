import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config/index.js';
import type { Actor } from '../domain/role.js';
import { testEngines } from '../store/testing.js';
import { IndicatorCatalog, importIndicators } from './index.js';

const config = loadConfig({ FANZHA_VERIFY_THRESHOLD: '3' });
const analyst: Actor = { name: 'analyst 李', role: 'analyst' };
const DAY = 86_400_000;

for (const engine of testEngines()) {
  describe(`indicators on ${engine.name}`, () => {
    after(() => engine.cleanup());

    const setup = async (clock = { now: Date.UTC(2026, 10, 1) }) => {
      const store = await engine.open();
      const { catalog } = await IndicatorCatalog.open(store, config);
      const fresh = new IndicatorCatalog(store, config, () => clock.now);
      await fresh.sync();
      return { store, catalog: fresh, clock, first: catalog };
    };

    it('imports a list once: good lines in, bad lines reported by line number, a re-import changes nothing', async () => {
      const { store, catalog } = await setup();
      try {
        const file = ['# scam numbers', '138 1234 5678', 'not a number', '+86-139-0000-1111', '', '12'].join('\n');
        const opts = { format: 'plain' as const, kind: 'phone' as const, status: 'blocked' as const, reporter: 'import:test', actor: analyst };
        const report = await importIndicators(catalog.service, [file], opts);
        assert.equal(report.created, 2);
        assert.deepEqual(report.rejected.map((p) => p.at), [3, 6]);
        assert.ok(report.rejected.every((p) => typeof p.code === 'string' && p.reason.length > 0));
        const seq = await store.indicators.currentSeq();
        const again = await importIndicators(catalog.service, [file], opts);
        assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2]);
        assert.equal(await store.indicators.currentSeq(), seq, 'a re-import writes nothing');
        for (const form of ['13812345678', '+86 138 1234 5678', '0086 138-1234-5678', '１３８１２３４５６７８']) {
          const r = catalog.checker.check(form);
          assert.equal(r.verdict, 'block', form);
          assert.equal(r.canonical, '+8613812345678');
          assert.equal(r.matches[0].via, 'exact');
        }
      } finally {
        await store.close();
      }
    });

    it('imports CSV with per-line kinds and fraud types, and STIX bundles, reporting each bad line', async () => {
      const { store, catalog } = await setup();
      try {
        const csv = [
          'kind,value,status,fraud_types',
          'phone,138-0000-1111,blocked,impersonate_authority',
          'url,http://fake-police.cn/case/,verified,impersonate_authority;other',
          'bank_card,6222 0212 3456 7890 123,blocked,bogus_type',
          'payment_account,支付宝：13800001111,reported,task_rebate',
        ].join('\n');
        const report = await importIndicators(catalog.service, [csv], { format: 'csv', reporter: 'import:csv', actor: analyst });
        assert.equal(report.created, 3);
        assert.deepEqual(report.rejected.map((p) => [p.at, p.code]), [[4, 'INVALID_FRAUD_TYPE']]);
        assert.equal(catalog.checker.check('http://fake-police.cn/case/123').verdict, 'block');
        assert.deepEqual(catalog.checker.check('alipay:13800001111').fraudTypes, ['task_rebate']);
        const stix = JSON.stringify({
          type: 'bundle',
          objects: [
            { type: 'indicator', pattern_type: 'stix', pattern: "[domain-name:value = 'stix-scam.top']", x_fanzha_fraud_types: ['fake_shopping'] },
            { type: 'indicator', pattern_type: 'stix', pattern: "[x-fanzha-phone:value = '+86 171 0000 2222']" },
            { type: 'indicator', pattern_type: 'stix', pattern: 'not a pattern' },
            { type: 'identity', name: 'partner' },
          ],
        });
        const fromStix = await importIndicators(catalog.service, [stix], { format: 'stix', reporter: 'import:stix', actor: analyst, status: 'blocked' });
        assert.equal(fromStix.created, 2);
        assert.deepEqual(fromStix.rejected.map((p) => p.at), [3]);
        assert.deepEqual(catalog.checker.check('www.stix-scam.top').fraudTypes, ['fake_shopping']);
        assert.equal(catalog.checker.check('17100002222').verdict, 'block');
        assert.equal((await store.indicators.getByValue('phone', '+8613800001111'))?.status, 'blocked');
      } finally {
        await store.close();
      }
    });

    it('counts independent reports, and raises a value for verification at the threshold', async () => {
      const { store, catalog } = await setup();
      try {
        const report = (reporter: string) =>
          catalog.service.ingest([{ kind: 'phone', value: '+8617012345678', at: 0, fraudTypes: ['fake_customer_service'] }], { actor: analyst, reporter });
        await report('report:R-1');
        await report('report:R-1');
        await report('report:R-2');
        let ind = await store.indicators.getByValue('phone', '+8617012345678');
        assert.equal(ind?.sightings, 2);
        assert.equal(ind?.reviewRequestedAt, null);
        assert.equal(catalog.checker.check('170 1234 5678').verdict, 'warn');
        await report('partner:cmcc');
        ind = await store.indicators.getByValue('phone', '+8617012345678');
        assert.equal(ind?.sightings, 3);
        assert.notEqual(ind?.reviewRequestedAt, null);
        const review = await store.indicators.list({ reviewRequested: true, limit: 10 });
        assert.deepEqual(review.map((i) => i.value), ['+8617012345678']);
        const history = await store.indicators.history(ind!.id);
        assert.ok(history.some((h) => h.action === 'review' && /3 independent reports/.test(h.reason)));
        assert.deepEqual((await store.indicators.sightings(ind!.id)).map((s) => s.reporter).sort(), ['partner:cmcc', 'report:R-1', 'report:R-2']);
      } finally {
        await store.close();
      }
    });

    it('never blocks an allow-listed value, but keeps reports of it', async () => {
      const { store, catalog } = await setup();
      try {
        const blocked = await catalog.service.ingest(
          [{ kind: 'phone', value: '+8695588', at: 1, status: 'blocked' }, { kind: 'url', value: 'www.mps.gov.cn/fake', at: 2, status: 'blocked' }],
          { actor: analyst, reporter: 'import:x' },
        );
        assert.deepEqual(blocked.rejected.map((p) => [p.at, p.code]), [[1, 'ALLOWLISTED'], [2, 'ALLOWLISTED']]);
        const reported = await catalog.service.ingest([{ kind: 'phone', value: '+8695588', at: 1 }], { actor: analyst, reporter: 'report:R-9' });
        assert.equal(reported.created, 1);
        const ind = await store.indicators.getByValue('phone', '+8695588');
        await assert.rejects(catalog.service.setStatus(ind!.id, 'blocked', analyst, 'spoofed'), { code: 'ALLOWLISTED' });
        const check = catalog.checker.check('95588');
        assert.equal(check.verdict, 'allow');
        assert.match(check.reason, /工商银行/);
      } finally {
        await store.close();
      }
    });

    it('matches URLs by host suffix and path prefix, domains with their subdomains, IPs by CIDR', async () => {
      const { store, catalog } = await setup();
      try {
        await catalog.service.ingest(
          [
            { kind: 'url', value: 'evil.example/login/', at: 1 },
            { kind: 'domain', value: 'victim.github.io', at: 2 },
            { kind: 'domain', value: 'scam-shop.cn', at: 3 },
            { kind: 'ip', value: '203.0.113.0/24', at: 4 },
          ],
          { actor: analyst, reporter: 'import:x', status: 'blocked', fraudTypes: ['fake_shopping'] },
        );
        const hit = catalog.checker.check('https://A.EVIL.example/login/step2?x=1#y');
        assert.equal(hit.verdict, 'block');
        assert.deepEqual(hit.matches.map((m) => [m.value, m.via]), [['evil.example/login/', 'path_prefix']]);
        assert.equal(catalog.checker.check('https://evil.example/other').verdict, 'unknown');
        assert.equal(catalog.checker.check('https://victim.github.io/pay').verdict, 'block');
        assert.equal(catalog.checker.check('https://github.io/').verdict, 'unknown');
        assert.equal(catalog.checker.check('https://other.github.io/').verdict, 'unknown');
        const sub = catalog.checker.check('pay.scam-shop.cn');
        assert.equal(sub.verdict, 'block');
        assert.equal(sub.matches[0].via, 'domain_suffix');
        assert.deepEqual(sub.fraudTypes, ['fake_shopping']);
        const ip = catalog.checker.check('203.0.113.77');
        assert.equal(ip.verdict, 'block');
        assert.equal(ip.matches[0].via, 'cidr');
        assert.equal(catalog.checker.check('http://203.0.113.9/login').verdict, 'block');
        assert.equal(catalog.checker.check('203.0.114.1').verdict, 'unknown');
      } finally {
        await store.close();
      }
    });

    it('changes status with a reason kept in the history, and forgets a revoked value', async () => {
      const { store, catalog } = await setup();
      try {
        await catalog.service.ingest([{ kind: 'bank_card', value: '6222021234567890123', at: 0 }], { actor: analyst, reporter: 'report:R-1' });
        const ind = (await store.indicators.getByValue('bank_card', '6222021234567890123'))!;
        await assert.rejects(catalog.service.setStatus(ind.id, 'blocked', analyst, '  '), { code: 'VALIDATION_FAILED' });
        await assert.rejects(catalog.service.setStatus(999_999, 'blocked', analyst, 'x'), { code: 'NOT_FOUND' });
        await catalog.service.setStatus(ind.id, 'blocked', analyst, 'confirmed by bank');
        assert.equal(catalog.checker.check('6222 0212 3456 7890 123').verdict, 'block');
        await catalog.service.setStatus(ind.id, 'revoked', analyst, 'account holder was a victim, not a mule');
        assert.equal(catalog.checker.check('6222021234567890123').verdict, 'unknown');
        // A later report does not undo an analyst's revocation.
        await catalog.service.ingest([{ kind: 'bank_card', value: '6222021234567890123', at: 0, status: 'blocked' }], { actor: analyst, reporter: 'import:y' });
        assert.equal((await store.indicators.get(ind.id))?.status, 'revoked');
        const history = await store.indicators.history(ind.id);
        assert.deepEqual(
          history.filter((h) => h.action === 'status').map((h) => [h.fromStatus, h.toStatus, h.reason]),
          [['reported', 'blocked', 'confirmed by bank'], ['blocked', 'revoked', 'account holder was a victim, not a mule']],
        );
      } finally {
        await store.close();
      }
    });

    it('expires indicators past their date', async () => {
      const clock = { now: Date.UTC(2026, 0, 1) };
      const { store, catalog } = await setup(clock);
      try {
        await catalog.service.ingest([{ kind: 'domain', value: 'old-scam.top', at: 0 }], { actor: analyst, reporter: 'x', status: 'blocked' });
        assert.equal(catalog.checker.check('old-scam.top').verdict, 'block');
        clock.now += (config.FANZHA_TTL_DAYS_WEB + 1) * DAY;
        assert.equal(catalog.checker.check('old-scam.top').verdict, 'unknown', 'the index honours the expiry before the sweep');
        assert.equal(await catalog.service.expireDue(), 1);
        assert.equal((await store.indicators.getByValue('domain', 'old-scam.top'))?.status, 'expired');
        // Seen again: it comes back.
        await catalog.service.ingest([{ kind: 'domain', value: 'old-scam.top', at: 0 }], { actor: analyst, reporter: 'y', status: 'blocked' });
        assert.equal(catalog.checker.check('old-scam.top').verdict, 'block');
      } finally {
        await store.close();
      }
    });

    it('loads the store at start and picks up what other processes write', async () => {
      const { store, catalog, first } = await setup();
      try {
        await catalog.service.ingest([{ kind: 'im_account', value: 'qq:123456789', at: 0 }], { actor: analyst, reporter: 'x', status: 'blocked' });
        assert.equal(first.checker.check('qq:123456789').verdict, 'unknown', 'the other process has not synced yet');
        assert.equal(await first.sync(), 1);
        assert.equal(first.checker.check('QQ 123456789').verdict, 'block');
        const { catalog: reopened } = await IndicatorCatalog.open(store, config);
        assert.equal(reopened.index.size, 1);
        assert.equal(reopened.checker.check('qq:123456789').verdict, 'block');
      } finally {
        await store.close();
      }
    });
  });
}
