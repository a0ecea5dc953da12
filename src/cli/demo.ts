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
