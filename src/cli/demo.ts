import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NewUser, UserService } from '../auth/index.js';
import type { Config } from '../config/index.js';
import type { DispatchService } from '../dispatch/index.js';
import type { Actor } from '../domain/role.js';
import type { IndicatorCatalog } from '../indicators/index.js';
import { importIndicators } from '../indicators/index.js';
import { readEventBatch, type ScreeningRuntime } from '../screening/index.js';
import { knownIndicatorsCsv, playDemo } from '../sim/index.js';

const DEMO_ACTOR: Actor = { name: 'demo', role: 'system' };

/** Whether `serve` plays the demo city: on the embedded store unless switched off, on PostgreSQL only when asked. */
export function demoWanted(config: Config): boolean {
  return config.FANZHA_DEMO === 'true' || (config.FANZHA_DEMO === 'auto' && config.DATABASE_URL === undefined);
}

/** The demo's console users: one per role a visitor wants to try, the officer over the city's first district. */
function demoUsers(dispatch: DispatchService | null): NewUserSansPassword[] {
  const district = dispatch?.tree.all().find((u) => u.level === 'district');
  return [
    { username: 'demo.analyst', displayName: '演示 · 市反诈中心', role: 'analyst', scope: null },
    ...(district ? [{ username: 'demo.station', displayName: `演示 · ${district.name}`, role: 'station_officer' as const, scope: district.code }] : []),
    { username: 'demo.hotline', displayName: '演示 · 96110 接警', role: 'hotline', scope: null },
    { username: 'demo.bank', displayName: '演示 · 工商银行', role: 'bank_partner', scope: '中国工商银行' },
  ];
}
type NewUserSansPassword = Omit<NewUser, 'password'>;

/**
 * On the demo's first start (no user yet) creates the demo users with random passwords, written to
 * `<dataDir>/demo-users.txt` readable by the owner only; returns that file, or null when users exist already.
 */
export async function createDemoUsers(users: UserService, dispatch: DispatchService | null, dataDir: string): Promise<string | null> {
  if ((await users.list()).length > 0) return null;
  const lines = ['# Fanzha demo users: username, password, role (scope). Sign in on the console at /#/signin'];
  for (const u of demoUsers(dispatch)) {
    const password = randomBytes(9).toString('base64url');
    await users.create({ ...u, password }, DEMO_ACTOR.name);
    lines.push(`${u.username}\t${password}\t${u.role}${u.scope ? ` (${u.scope})` : ''}`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-users.txt');
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** China's calendar day, for the demo week to begin today. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Plays the demo city into this process's screening: its known indicators and its residents' stations are
 * imported (a no-op after the first start), then a week of the city's life runs at FANZHA_DEMO_SPEED. Each start is a new sender, so a restart
 * plays the week again rather than finding every event already seen.
 */
export function startDemo(config: Config, catalog: IndicatorCatalog, screening: ScreeningRuntime, dispatch: DispatchService | null): AbortController {
  const stop = new AbortController();
  const sender = `demo:${new Date().toISOString()}`;
  let warnings = 0;
  screening.onWarnings((changes) => (warnings += changes.filter((c) => c.change === 'raised').length));
  const report = setInterval(() => console.log(`[demo] ${warnings} warnings raised so far`), 60_000).unref();
  playDemo(
    { people: config.FANZHA_DEMO_PEOPLE, days: 7, speed: config.FANZHA_DEMO_SPEED, seed: 1, start: todayInChina(), attemptRate: 30, signal: stop.signal },
    {
      async importKnown(known) {
        await importIndicators(catalog.service, [knownIndicatorsCsv(known)], { format: 'csv', reporter: 'import:demo-city', actor: DEMO_ACTOR });
      },
      // The residents' registered stations, so that dispatch routes the demo's warnings as it would real ones.
      roster: dispatch ? async (people) => void (await dispatch.importRoster(DEMO_ACTOR, people)) : undefined,
      async send(events) {
        const { events: valid } = readEventBatch(events, sender);
        await screening.transport.send(valid);
      },
    },
  )
    .then((sent) => console.log(`[demo] the demo week is over: ${sent} events played, ${warnings} warnings raised`))
    .catch((err: unknown) => console.error('[demo] stopped:', err))
    .finally(() => clearInterval(report));
  return stop;
}
