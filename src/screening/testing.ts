import { loadConfig, PACKAGE_ROOT, type Config } from '../config/index.js';
import type { ScreeningEvent } from '../domain/event.js';
import type { FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind } from '../domain/indicator.js';
import { canonical, IndicatorCatalog } from '../indicators/index.js';
import type { Store } from '../store/index.js';
import { ScreeningEngine } from './engine.js';
import { readEventBatch } from './intake.js';
import { readRulebook } from './rulebook.js';
import { TextReader } from './text-reader.js';

/** Test fixtures: a catalog with some blocked values, an engine over the shipped typologies, events from wire form. */
export const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
export const MIN = 60_000;

export const testConfig: Config = loadConfig({ FANZHA_TYPOLOGIES: `${PACKAGE_ROOT}/assets/typologies.json` });

export async function catalogWith(store: Store, blocked: Array<{ kind: IndicatorKind; value: string; fraudTypes: FraudType[] }>): Promise<IndicatorCatalog> {
  const { catalog } = await IndicatorCatalog.open(store, testConfig);
  for (const b of blocked) {
    const value = canonical(b.kind, b.value);
    if (value === null) throw new Error(`fixture ${b.value} is not a ${b.kind}`);
    const summary = await catalog.service.ingest([{ kind: b.kind, value, at: 1, fraudTypes: b.fraudTypes }], {
      actor: { name: 'test', role: 'analyst' },
      reporter: 'import:test',
      status: 'blocked',
    });
    if (summary.rejected.length) throw new Error(`fixture ${b.value}: ${summary.rejected[0].reason}`);
  }
  return catalog;
}

export function newEngine(catalog: IndicatorCatalog): ScreeningEngine {
  return new ScreeningEngine(catalog.checker, new TextReader(), readRulebook(testConfig.FANZHA_TYPOLOGIES));
}

/** Wire events (ISO times, numbers in any form) through the real intake, as partners send them. */
export function wire(events: Array<Record<string, unknown>>, sender = 'partner:test'): ScreeningEvent[] {
  const { events: out, problems } = readEventBatch(events, sender);
  if (problems.length) throw new Error(`fixture event rejected: ${JSON.stringify(problems[0])}`);
  return out;
}

export const iso = (ms: number) => new Date(ms).toISOString();
