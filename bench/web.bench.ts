/**
 * Console figures (issue 8): the JavaScript the public check page loads on first visit, and first-load times in
 * Debian's Chromium against the real server on loopback (public check page; the console after a username-and-password
 * sign-in; the dashboard), each the
 * median of 10 loads in a fresh browser context (no cache). Needs a build (`npm run build` runs vite) and Chromium.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { startTestServer } from '../src/server/testing.js';
import { Table } from './table.js';

const CHROMIUM = process.env.FANZHA_CHROMIUM ?? '/usr/bin/chromium';
const LOADS = 10;
const table = new Table();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const server = await startTestServer();
  const login = { username: 'bench.analyst', password: 'bench-password-1' };
  await server.ctx.users.create({ ...login, displayName: 'bench', role: 'analyst', scope: null }, 'bench');
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`needs Chromium at ${CHROMIUM}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

  const publicTimes: number[] = [];
  const consoleTimes: number[] = [];
  const dashboardTimes: number[] = [];
  let publicJs = 0;
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let js = 0;
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) void res.body().then((b) => (js += b.length)).catch(() => undefined);
    });
    let started = performance.now();
    await page.goto(base);
    await page.locator('textarea').waitFor();
    publicTimes.push(performance.now() - started);
    await page.waitForLoadState('networkidle');
    publicJs = js;
    started = performance.now();
    await page.goto(`${base}/#/signin`);
    await page.fill('input[name=username]', login.username);
    await page.fill('input[name=password]', login.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=wall]').waitFor();
    consoleTimes.push(performance.now() - started);
    started = performance.now();
    await page.goto(`${base}/#/console/dashboard`);
    await page.locator('[data-testid=figure-warnings]').waitFor();
    dashboardTimes.push(performance.now() - started);
    await context.close();
  }
  table.report('JavaScript loaded by the public check page, first visit', `${(publicJs / 1024).toFixed(1)} KB`, 'target < 300 KB');
  table.report(`public check page, first load to usable (median of ${LOADS})`, `${median(publicTimes).toFixed(0)} ms`, '');
  table.report(`console: username and password to the live wall shown (median of ${LOADS})`, `${median(consoleTimes).toFixed(0)} ms`, '');
  table.report(`console: dashboard opened to its figures shown (median of ${LOADS})`, `${median(dashboardTimes).toFixed(0)} ms`, '');
  await browser.close();
  await server.close();
  table.print(`public page ${(publicJs / 1024).toFixed(1)} KB of JavaScript, first load ${median(publicTimes).toFixed(0)} ms`);
}

await main();
