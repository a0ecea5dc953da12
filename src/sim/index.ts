import { FanzhaError } from '../domain/errors.js';
import type { CampaignPlan, PlannedAttempt } from './campaigns/index.js';
import type { SimContext } from './context.js';
import { DayMemory, IsoClock, type Planned } from './emit.js';
import { prepareCity, renderDay, type ResolvedOptions } from './prepare.js';
import type { Supply } from './supply.js';
import type { Attempt, KnownIndicator, Truth } from './truth.js';
import type { WireEvent } from './wire.js';

export type { Attempt, AttemptStep, CardBurst, Hop, KnownIndicator, Loss, SimFarm, StepKind, Truth } from './truth.js';
export type { WireEvent } from './wire.js';
export { knownIndicatorsCsv } from './truth.js';
export { playDemo, type DemoOptions, type DemoSinks } from './demo.js';

export interface SimulateOptions {
  seed: number;
  people: number;
  days: number;
  /** First local day, 'YYYY-MM-DD' (Asia/Shanghai); 2026-03-02, a Monday, by default. */
  start?: string;
  /** 4-digit prefecture code of the real city; 1401 (太原市) by default. */
  cityCode?: string;
  /** Folder of the real public lists (admin-divisions/…); FANZHA_REALDATA_DIR by default. */
  realdataDir?: string;
  /** Fraud attempts per 10,000 people per day (5 by default: far above real rates, so a week says something). */
  attemptRate?: number;
  /** At least this many attempts of every fraud type (1 by default). */
  minPerType?: number;
  /** Share of the gangs' numbers, sites, apps and mule cards already known as indicators (0.3 by default). */
  knownShare?: number;
  /** Minutes after an attempt's last step during which a warning still counts for it (1440 by default). */
  graceMinutes?: number;
}

/** One resident as dispatch would look them up: phone, accounts, where they live and which station serves them. */
export interface RosterEntry {
  phone: string;
  accounts: string[];
  age: number;
  district: string;
  districtCode: string;
  station: string;
  stationCode: string;
}

/** A simulated city, ready to play: events in time order, and the truth once they have all been produced. */
export interface SimulatedCity {
  readonly options: Readonly<ResolvedOptions>;
  /** The indicators the scenario seeds as already known (for `fanzha indicators import --format csv`). */
  readonly knownIndicators: readonly KnownIndicator[];
  /** The residents, for dispatch. */
  roster(): RosterEntry[];
  /** The events as NDJSON bytes, in time order, a few MiB at a time (the fast path); each chunk's bytes are reused for the next. */
  chunks(): Generator<{ bytes: Buffer; events: number }>;
  /** The events parsed, in time order. */
  events(): AsyncGenerator<WireEvent>;
  [Symbol.asyncIterator](): AsyncGenerator<WireEvent>;
  /** Ground truth; complete once the events have been produced to the end. */
  truth(): Truth;
}

/** Builds the city, its people, the supply side and every fraud attempt; events are produced day by day on demand. */
export function simulateCity(options: SimulateOptions): SimulatedCity {
  const prep = prepareCity(options);
  const { opts, ctx, campaigns, supply } = prep;
  const { city } = ctx;
  let produced = -1;

  function* chunks(): Generator<{ bytes: Buffer; events: number }> {
    const clock = new IsoClock();
    const memory = new DayMemory();
    let total = 0;
    for (let d = 0; d < opts.days; d++) {
      const buf = renderDay(prep, d, clock, memory);
      total += buf.size;
      yield* buf.output();
    }
    produced = total;
  }

  async function* events(): AsyncGenerator<WireEvent> {
    for (const chunk of chunks()) {
      const text = chunk.bytes.toString('utf8');
      let at = 0;
      for (;;) {
        const nl = text.indexOf('\n', at);
        if (nl < 0) break;
        yield JSON.parse(text.slice(at, nl)) as WireEvent;
        at = nl + 1;
      }
    }
  }

  return {
    options: opts,
    knownIndicators: campaigns.known,
    roster: () =>
      ctx.roster.people.map((p) => ({
        phone: p.phone,
        accounts: p.accounts.map((a) => a.value),
        age: p.age,
        district: city.districts[p.district].name,
        districtCode: city.districts[p.district].code,
        station: city.stations[p.station].name,
        stationCode: city.stations[p.station].code,
      })),
    chunks,
    events,
    [Symbol.asyncIterator]: events,
    truth: () => {
      if (produced < 0) throw new FanzhaError('CONFLICT', 'the truth is complete only after every event has been produced');
      return buildTruth(ctx, opts, campaigns, supply, produced);
    },
  };
}

const iso = (ts: number): string => new Date(ts).toISOString().replace('.000Z', 'Z');

function buildTruth(ctx: SimContext, opts: SimulatedCity['options'], campaigns: CampaignPlan, supply: Supply, events: number): Truth {
  const attempts = campaigns.attempts.map((a) => attemptTruth(ctx, a));
  const victims = new Set(attempts.map((a) => a.victim.phone));
  const muleHolders = new Set<string>();
  for (const g of campaigns.gangs) for (const m of [...g.tier1, ...g.tier2, ...g.tier3]) if (m.phone !== null && !victims.has(m.phone)) muleHolders.add(m.phone);
  const residentMules = ctx.roster.people.filter((p) => muleHolders.has(p.phone)).length;
  const mark = (list: Planned[]): string[] => list.map((e) => e.id).filter((id) => id !== '');
  const used = (pred: (g: CampaignPlan['gangs'][number]) => boolean) => campaigns.gangs.filter(pred).map((g) => g.id);
  return {
    version: 1,
    seed: opts.seed,
    city: { code: ctx.city.code, name: ctx.city.name },
    start: iso(ctx.start),
    end: iso(ctx.end),
    days: opts.days,
    people: opts.people,
    normalPeople: opts.people - victims.size - residentMules,
    muleHolders: [...muleHolders].sort(),
    graceMinutes: opts.graceMinutes,
    events,
    attempts,
    supply: {
      simFarms: supply.farms.map(({ plannedEvents, ...f }, i) => ({ ...f, eventIds: mark(plannedEvents), usedBy: used((g) => g.phones.some((p) => p.farm === i)) })),
      cardBursts: supply.bursts.map(({ plannedEvents, ...b }, i) => ({ ...b, eventIds: mark(plannedEvents), usedBy: used((g) => [...g.tier1, ...g.tier2].some((m) => m.burst === i)) })),
    },
    knownIndicators: campaigns.known.length,
  };
}

function attemptTruth(ctx: SimContext, a: PlannedAttempt): Attempt {
  const steps = a.steps.map((s) => ({ kind: s.kind, at: iso(s.event.ts), eventId: s.event.id, note: s.note }));
  const losses = a.losses.map((l) => ({ eventId: l.event.id, at: iso(l.event.ts), amountFen: l.amountFen, fromAccount: l.from, toAccount: l.mule.account }));
  const hops = a.hops.map((h) => ({ eventId: h.event.id, at: iso(h.event.ts), fromAccount: h.from, toAccount: h.to, amountFen: h.amountFen, tier: h.tier }));
  const mules: string[] = [];
  for (const account of [...losses.map((l) => l.toAccount), ...hops.map((h) => h.toAccount)]) if (!mules.includes(account)) mules.push(account);
  const outcome: Attempt['outcome'] = losses.length > 1 ? 'lost_repeatedly' : losses.length === 1 ? 'lost_once' : a.plan === 'stopped' ? 'stopped' : 'cut_off';
  const v = a.victim;
  return {
    id: a.id,
    fraudType: a.type,
    gang: a.gang.id,
    victim: { phone: v.phone, accounts: v.accounts.map((x) => x.value), age: v.age, district: ctx.city.districts[v.district].name, station: ctx.city.stations[v.station].name },
    outcome,
    firstStepAt: steps[0].at,
    lastStepAt: steps[steps.length - 1].at,
    firstLossAt: losses.length ? losses[0].at : null,
    totalLossFen: losses.reduce((s, l) => s + l.amountFen, 0),
    steps,
    losses,
    hops,
    muleAccounts: mules,
  };
}

/**
 * Plays events at `speed` times real time (event time, not the wall clock): 60 plays a simulated minute per
 * second. A gap longer than `maxGapMs` of wall time is shortened to it, so a quiet night does not stall a demo.
 */
export async function* paced<T extends { ts: string }>(
  events: AsyncIterable<T>,
  options: { speed: number; maxGapMs?: number; sleep?: (ms: number) => Promise<void> },
): AsyncGenerator<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxGap = options.maxGapMs ?? 2000;
  let last: number | null = null;
  let debt = 0;
  for await (const e of events) {
    const ts = Date.parse(e.ts);
    if (last !== null && ts > last) {
      debt += Math.min(maxGap, (ts - last) / options.speed);
      // Sleep in steps of at least 10 ms: timers are not finer, and a sleep per event would cap the rate.
      if (debt >= 10) {
        await sleep(debt);
        debt = 0;
      }
    }
    last = ts;
    yield e;
  }
}
