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

/** The night before 08:00 of the first day is played at once: a demo should open on a busy morning. */
const FAST_FORWARD_MS = 8 * 3_600_000;

/**
 * The demo city, live: builds a simulated city, imports its known indicators, plays its first night at once,
 * then the rest at `speed` times real time, a batch every BATCH_MS of wall time, until the week ends or `signal`
 * aborts. Returns how many events were sent.
 */
export async function playDemo(options: DemoOptions, sinks: DemoSinks): Promise<number> {
  const city = simulateCity({ seed: options.seed, people: options.people, days: options.days, start: options.start, attemptRate: options.attemptRate });
  await sinks.importKnown(city.knownIndicators);
  await sinks.roster?.(city.roster());
  const source = city.events();
  let batch: WireEvent[] = [];
  let sent = 0;
  const flush = async () => {
    if (batch.length === 0 || options.signal?.aborted) return;
    await sinks.send(batch);
    sent += batch.length;
    batch = [];
  };
  // Read by hand: leaving a for-await loop early would close the generator the paced part goes on with.
  let first: WireEvent | undefined;
  let morning = Number.POSITIVE_INFINITY;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const e = next.value;
    morning = Math.min(morning, Date.parse(e.ts) + FAST_FORWARD_MS);
    if (Date.parse(e.ts) >= morning) {
      first = e;
      break;
    }
    batch.push(e);
    if (batch.length >= 5000) await flush();
  }
  await flush();
  async function* rest(): AsyncGenerator<WireEvent> {
    if (first) yield first;
    yield* source;
  }
  let flushedAt = Date.now();
  for await (const e of paced(rest(), { speed: options.speed })) {
    if (options.signal?.aborted) break;
    batch.push(e);
    if (Date.now() - flushedAt >= BATCH_MS || batch.length >= 5000) {
      await flush();
      flushedAt = Date.now();
    }
  }
  await flush();
  return sent;
}
