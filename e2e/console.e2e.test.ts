/**
 * The console end to end, in Debian's Chromium through playwright-core, against the real server on loopback:
 * a citizen checks a link and a message on a phone-sized page, each role signs in to its own home, a warning
 * arrives live on the centre's wall without a reload, a station officer claims it and records the outcome, the
 * hotline form suggests the fraud type and files a report whose stop-payment order the bank then sees.
 * Screenshots go to artifacts/screenshots/ (git-ignored).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { missingRealdata } from '../src/config/index.js';
import type { Role } from '../src/domain/role.js';
import { startTestServer, type TestServer } from '../src/server/testing.js';

const CHROMIUM = process.env.FANZHA_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = new URL('../../artifacts/screenshots/', import.meta.url).pathname;
const WUCHENG = '140105001';
const PASSWORD = 'e2e-duty-password';
const skip = !fs.existsSync(CHROMIUM) ? `needs Chromium at ${CHROMIUM} (apt-get install chromium)` : missingRealdata();

describe('the console in Chromium', { skip }, () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const secrets: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    for (const role of ['admin', 'analyst', 'hotline', 'telecom_partner'] as Role[]) secrets[role] = (await server.ctx.tokens.create(role, `e2e ${role}`, 'e2e')).secret;
    secrets.station = (await server.ctx.tokens.create('station_officer', 'e2e 坞城', 'e2e', WUCHENG)).secret;
    secrets.bank = (await server.ctx.tokens.create('bank_partner', 'e2e 建行', 'e2e', '中国建设银行')).secret;
    const users: Array<[string, Role, string | null]> = [['admin', 'admin', null], ['station', 'station_officer', WUCHENG], ['hotline', 'hotline', null], ['bank', 'bank_partner', '中国建设银行']];
    for (const [username, role, scope] of users) await server.ctx.users.create({ username, displayName: `e2e ${username}`, role, scope, password: PASSWORD }, 'e2e');
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async (page: Page, secret: string): Promise<void> => {
    await page.goto(`${base}/#/signin`);
    await page.getByRole('button', { name: '使用令牌登录' }).click();
    await page.fill('input[name=token]', secret);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=console-nav]');
  };

  it('lets a citizen check a flagged link and a scam message on a phone', async () => {
    const imported = await server.app.inject({
      method: 'POST',
      url: '/api/v1/indicators/import?format=plain&kind=domain&status=blocked&fraudTypes=fake_investment&source=e2e',
      headers: { ...server.auth('analyst'), 'content-type': 'text/plain' },
      payload: 'gupiao-e2e.top\n',
    });
    assert.equal(imported.statusCode, 200, imported.body);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(base);
    await page.fill('textarea', 'https://gupiao-e2e.top/vip');
    await page.click('button[type=submit]');
    const verdict = page.locator('[data-testid=verdict]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'block');
    await page.screenshot({ path: `${SHOTS}public-check-phone.png`, fullPage: true });
    await page.fill('textarea', '【公安局】您涉嫌一起洗钱案件，请立即将资金转入安全账户配合调查，否则将冻结您名下所有账户。');
    await page.click('button[type=submit]');
    await page.locator('[data-testid=verdict][data-verdict=block]').waitFor();
    await page.goto(`${base}/#/learn`);
    await page.getByText('冒充公检法').waitFor();
    await page.close();
  });

  it('lets an analyst find an indicator, read its history and change its status', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(page, secrets.analyst);
    await page.goto(`${base}/#/console/indicators`);
    await page.fill('input[name=q]', 'gupiao-e2e');
    await page.click('form.row button[type=submit]');
    const row = page.locator('[data-testid=indicators] tbody tr', { hasText: 'gupiao-e2e.top' });
    await row.waitFor();
    await row.click();
    await page.locator('[data-testid=indicator] .timeline li').first().waitFor();
    await page.selectOption('select[name=newStatus]', 'revoked');
    await page.fill('input[name=reason]', '误报：该域名属于合法证券公司');
    await page.click('[data-testid=indicator] button[type=submit]');
    await page.locator('[data-testid=indicator] .timeline li', { hasText: '误报' }).waitFor();
    await page.screenshot({ path: `${SHOTS}indicators.png`, fullPage: true });
    const check = await server.app.inject({ url: '/api/v1/check?value=https://gupiao-e2e.top/vip' });
    assert.notEqual(check.json().verdict, 'block');
  });

  it('signs each role in with a username and password to its own home page, and refuses a wrong password', async () => {
    const homes: Array<[string, string]> = [['admin', '预警墙'], ['station', '本站预警'], ['hotline', '接警登记'], ['bank', '止付指令']];
    for (const [who, title] of homes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/#/signin`);
      await page.fill('input[name=username]', who);
      await page.fill('input[name=password]', who === 'bank' ? 'not-the-password' : PASSWORD);
      await page.click('button[type=submit]');
      if (who === 'bank') {
        await page.getByRole('alert').waitFor();
        await page.fill('input[name=password]', PASSWORD);
        await page.click('button[type=submit]');
      }
      await page.waitForSelector('[data-testid=console-nav]');
      assert.equal(await page.locator('.tabs a.active').textContent(), title, who);
      await page.getByRole('button', { name: '退出' }).click();
      await page.getByRole('link', { name: '登录' }).waitFor();
      await context.close();
    }
  });

  it('shows a warning live on the wall, and the station works it to an outcome', async () => {
    await server.store.dispatch.saveRoster([{ phone: '+8613812345678', stationCode: WUCHENG }], Date.now());
    const centre = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(centre, secrets.analyst);
    await centre.locator('.live.on').waitFor();
    const before = Number(await centre.locator('[data-testid=today-count]').textContent());
    const sent = await server.app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: server.auth('telecom_partner'),
      payload: [
        { id: 'e2e-c1', type: 'call', ts: '2026-03-02T01:00:00Z', from: '+852 9558 8123', to: '138 1234 5678', durationSec: 1500 },
        { id: 'e2e-a1', type: 'app', ts: '2026-03-02T09:12:00+08:00', subscriber: '138 1234 5678', app: '腾讯会议', action: 'screen_share_start' },
      ],
    });
    assert.equal(sent.statusCode, 200, sent.body);
    await centre.locator('[data-testid=today-count]', { hasText: String(before + 1) }).waitFor();
    await centre.locator('[data-testid=wall] tbody tr').first().waitFor();
    await centre.screenshot({ path: `${SHOTS}centre-wall.png`, fullPage: true });
    await centre.click('button:has-text("EN")');
    await centre.locator('.tabs a.active', { hasText: 'Warning wall' }).waitFor();
    await centre.screenshot({ path: `${SHOTS}centre-wall-en.png`, fullPage: true });

    const station = await (await browser.newContext()).newPage();
    await signIn(station, secrets.station);
    const row = station.locator('[data-testid=queue] tbody tr').first();
    await row.waitFor();
    await row.locator('button:has-text("认领")').click();
    await row.getByText('已认领').waitFor();
    await row.click();
    await station.locator('[data-testid=item] .timeline li').first().waitFor();
    assert.match((await station.locator('[data-testid=item] .timeline').textContent()) ?? '', /9558|屏幕共享/);
    await station.selectOption('select[name=outcome]', 'dissuaded');
    await station.click('[data-testid=item] button[type=submit]');
    await station.locator('[data-testid=queue] tbody tr').first().waitFor({ state: 'detached' });
    await station.screenshot({ path: `${SHOTS}station.png`, fullPage: true });
    const items = (await server.app.inject({ url: '/api/v1/dispatch/items?status=closed', headers: server.auth('analyst') })).json().items;
    assert.equal(items[0]?.outcome, 'dissuaded');
  });

  it('files a hotline report with the suggested type, and the payee bank sees its stop-payment order', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, secrets.hotline);
    await page.fill('input[name=name]', '张三');
    await page.fill('input[name=idNumber]', '110101199001011234');
    await page.fill('input[name=phone]', '13800138000');
    await page.fill('textarea[name=narrative]', '对方自称公安局民警，说我涉嫌洗钱，要求我把存款转到安全账户配合调查，我转了五千元。');
    await page.locator('[data-testid=suggested]').waitFor();
    const loss = page.locator('fieldset').nth(1);
    await loss.locator('input').nth(0).fill('6222020200112233445');
    await loss.locator('input').nth(1).fill('6217000010001234567');
    await loss.locator('input').nth(2).fill('5000');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=result]', { hasText: '#' }).waitFor();
    assert.match((await page.locator('[data-testid=result]').textContent()) ?? '', /submitted/);
    await page.screenshot({ path: `${SHOTS}hotline.png`, fullPage: true });

    const bank = await (await browser.newContext()).newPage();
    await signIn(bank, secrets.bank);
    await bank.locator('[data-testid=orders] tbody tr').first().waitFor();
    await bank.locator('button:has-text("已止付")').first().click();
    await bank.locator('[data-testid=orders] td[data-status=held]').first().waitFor();
    await bank.screenshot({ path: `${SHOTS}bank-orders.png`, fullPage: true });
  });

  it('imports a list with bad lines, showing progress and each bad line with its number', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, secrets.analyst);
    await page.goto(`${base}/#/console/indicators`);
    const good = Array.from({ length: 4500 }, (_, i) => `import-e2e-${i}.top`);
    const lines = [...good.slice(0, 10), 'https://', ...good.slice(10, 3000), '||^', ...good.slice(3000)];
    await page.setInputFiles('[data-testid=import] input[type=file]', { name: 'list.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await page.selectOption('[data-testid=import] select[name=kind]', 'domain');
    await page.selectOption('[data-testid=import] select[name=status]', 'blocked');
    await page.click('[data-testid=import] button[type=submit]');
    await page.locator('[data-testid=import-progress]', { hasText: '4,502 / 4,502' }).waitFor();
    const summary = (await page.locator('[data-testid=import-summary]').textContent()) ?? '';
    assert.match(summary, /新增 4500/);
    assert.match(summary, /错误行 2/);
    const problemLines = await page.locator('[data-testid=import-problems] tbody tr td:first-child').allTextContents();
    assert.deepEqual(problemLines, ['11', '3002'], 'line numbers count across the pieces the file was sent in');
    await page.screenshot({ path: `${SHOTS}indicator-import.png`, fullPage: true });
    const check = await server.app.inject({ url: '/api/v1/check?value=import-e2e-4499.top' });
    assert.equal(check.json().verdict, 'block');
  });

  it('shows a case’s linked cases and money trail as graphs, orders stop-payment downstream, and counts it on the dashboard', async () => {
    const { app, auth, ctx } = server;
    const victim = '6222020200112233445';
    const mule = '6217000010001234567'; // 中国建设银行
    const second = '6222020200998877665'; // 中国工商银行
    const lossAt = new Date(Date.now() - 20 * 60_000);
    const reportIds: number[] = [];
    for (const [k, name] of ['赵六', '钱七'].entries()) {
      const saved = await app.inject({
        method: 'POST', url: '/api/v1/reports', headers: auth('hotline'),
        payload: {
          victim: { name, idNumber: k ? '110101199202021234' : '110101199101011234', phone: k ? '13900139001' : '13900139000' },
          occurredAt: lossAt.toISOString(), fraudType: 'task_rebate', narrative: '刷单返利，客服让我垫付任务款，说完成后返还本金和佣金。',
          losses: [{ fromAccount: victim, toAccount: mule, amountFen: 1_000_000, ts: new Date(lossAt.getTime() + k * 60_000).toISOString(), channel: 'bank_transfer' }],
          indicators: [{ kind: 'phone', value: '17100003333' }],
        },
      });
      assert.equal(saved.statusCode, 201, saved.body);
      reportIds.push(saved.json().report.id);
    }
    const onward = await app.inject({
      method: 'POST', url: '/api/v1/events', headers: auth('bank_partner'),
      payload: [{ id: 'e2e-hop-1', type: 'transfer', ts: new Date(lossAt.getTime() + 5 * 60_000).toISOString(), fromAccount: mule, toAccount: second, amountFen: 1_500_000, channel: 'mobile_banking' }],
    });
    assert.equal(onward.statusCode, 200, onward.body);
    await new Promise((r) => setTimeout(r, 2100)); // the ledger takes logged transfers once they are 2 s old
    assert.equal(await ctx.funds.tailLedger(), 1);
    const caseId = (await app.inject({ url: `/api/v1/reports/${reportIds[1]}`, headers: auth('analyst') })).json().report.caseId as number;

    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(page, secrets.analyst);
    await page.goto(`${base}/#/console/cases`);
    await page.locator('[data-testid=cases] tbody tr', { hasText: String(caseId) }).first().click();
    await page.locator('[data-testid=case] h2', { hasText: `#${caseId}` }).waitFor();
    const graph = page.locator('[data-testid=link-graph]');
    await graph.locator('[data-node="i:phone|+8617100003333"]').waitFor();
    await graph.locator(`[data-node="i:bank_card|${mule}"]`).waitFor();
    assert.ok((await graph.locator('[data-node^="c:"]').count()) >= 2, 'this case and those sharing the number or the mule card');
    const trail = page.locator('[data-testid=money-trail]');
    await trail.locator(`[data-node="a:${second}"]`).waitFor();
    await trail.locator(`[data-node="a:${victim}"]`).waitFor();
    await page.screenshot({ path: `${SHOTS}case.png`, fullPage: true });
    await trail.locator('button').click();
    await page.locator('[data-testid=orders] tbody tr', { hasText: '中国工商银行' }).waitFor();
    const orders = (await app.inject({ url: `/api/v1/orders?caseId=${caseId}`, headers: auth('analyst') })).json().orders;
    assert.ok(orders.some((o: { account: string; hop: number }) => o.account === second && o.hop === 2), JSON.stringify(orders));

    // The bank holds the mule's money; the centre freezes it from the case page and returns it to the victims.
    const muleOrder = orders.find((o: { account: string; hop: number }) => o.account === mule && o.hop === 1);
    const held = await app.inject({ method: 'POST', url: `/api/v1/orders/${muleOrder.id}/answer`, headers: { authorization: `Bearer ${secrets.bank}` }, payload: { status: 'held', heldFen: 1_000_000 } });
    assert.equal(held.statusCode, 200, held.body);
    await page.reload();
    await page.locator('[data-testid=cases] tbody tr', { hasText: String(caseId) }).first().click();
    page.once('dialog', (d) => void d.accept('并公（反诈）冻字〔2026〕118号'));
    await page.locator('[data-testid=orders] tbody tr', { hasText: mule }).getByRole('button', { name: '冻结' }).click();
    const freeze = page.locator('[data-testid=freezes] tbody tr', { hasText: '118号' });
    await freeze.getByRole('button', { name: '返还受害人' }).click();
    await freeze.locator('td[data-status=returned]').waitFor();

    await page.goto(`${base}/#/console/dashboard`);
    const reports = page.locator('[data-testid=figure-reports] strong');
    await reports.waitFor();
    assert.ok(Number(await reports.textContent()) >= 2);
    await page.locator('[data-testid=dashboard] .segmented button', { hasText: '日' }).click();
    await page.locator('[data-testid=figure-returnedFen] strong', { hasText: '¥10,000.00' }).waitFor();
    await page.screenshot({ path: `${SHOTS}dashboard.png`, fullPage: true });
  });

  it('lets the admin create a user who then signs in, and issue a partner token shown once', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, secrets.admin);
    await page.goto(`${base}/#/console/users`);
    await page.fill('input[name=username]', 'sun.officer');
    await page.fill('input[name=displayName]', '孙警官');
    await page.selectOption('select[name=role]', 'station_officer');
    await page.fill('input[name=scope]', WUCHENG);
    await page.fill('input[name=password]', 'wucheng-duty-2026');
    await page.click('form.card button[type=submit] >> text=创建');
    await page.locator('[data-testid=users] tbody tr', { hasText: 'sun.officer' }).waitFor();
    await page.fill('input[name=tokenName]', '移动 · 信令接口');
    await page.selectOption('select[name=tokenRole]', 'telecom_partner');
    await page.locator('form', { has: page.locator('input[name=tokenName]') }).locator('button[type=submit]').click();
    const secret = (await page.locator('[data-testid=secret] code').textContent()) ?? '';
    assert.match(secret, /^fz_/);
    assert.equal((await server.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } })).json().role, 'telecom_partner');
    await page.screenshot({ path: `${SHOTS}users.png`, fullPage: true });

    const officer = await (await browser.newContext()).newPage();
    await officer.goto(`${base}/#/signin`);
    await officer.fill('input[name=username]', 'sun.officer');
    await officer.fill('input[name=password]', 'wucheng-duty-2026');
    await officer.click('button[type=submit]');
    await officer.locator('.tabs a.active', { hasText: '本站预警' }).waitFor();
  });
});
