import type { KnownIndicator, WireEvent } from './index.js';
import { paced, simulateCity, type RosterEntry } from './index.js';

/** What the demo needs from the running product: somewhere to import the known indicators and to send events. */
export interface DemoSinks {
  importKnown(known: readonly KnownIndicator[]): Promise<void>;
  /** The residents, for whoever routes warnings to stations. */
  roster?(people: readonly RosterEntry[]): Promise<void>;
  send(events: readonly WireEvent[]): Promise<void>;
}

export interface DemoOptions {
  people: number;
  days: number;
  /** Event time played per wall-clock second: 300 plays five simulated minutes a second. */
  speed: number;
  seed: number;
  /** First local day of the city's week (YYYY-MM-DD). */
  start: string;
  /** Fraud attempts per 10,000 people per day: high, so that a new user sees warnings within a minute. */
  attemptRate: number;
  signal?: AbortSignal;
}

const BATCH_MS = 200;

/**
 * The demo city, live: builds a simulated city, imports its known indicators, then plays its events at `speed`
 * times real time, a batch every BATCH_MS of wall time, until the week ends or `signal` aborts.
 */
export async function playDemo(options: DemoOptions, sinks: DemoSinks): Promise<number> {
  const city = simulateCity({ seed: options.seed, people: options.people, days: options.days, start: options.start, attemptRate: options.attemptRate });
  await sinks.importKnown(city.knownIndicators);
  await sinks.roster?.(city.roster());
  let batch: WireEvent[] = [];
  let sent = 0;
  let flushedAt = Date.now();
  for await (const e of paced(city.events(), { speed: options.speed })) {
    if (options.signal?.aborted) break;
    batch.push(e);
    if (Date.now() - flushedAt >= BATCH_MS || batch.length >= 5000) {
      await sinks.send(batch);
      sent += batch.length;
      batch = [];
      flushedAt = Date.now();
    }
  }
  if (batch.length && !options.signal?.aborted) {
    await sinks.send(batch);
    sent += batch.length;
  }
  return sent;
}
