import { loadConfig } from '../config/index.js';
import { FanzhaError } from '../domain/errors.js';
import { Background } from './background.js';
import { ImLife } from './im.js';
import { planCampaigns, type CampaignPlan } from './campaigns/index.js';
import { SCAM_APPS, SCAM_BRANDS, SCAM_SMS } from './campaigns/scam-texts.js';
import * as catalog from './catalog.js';
import { loadCity } from './city.js';
import type { SimContext } from './context.js';
import { assertJsonSafe, DAY, DayBuffer, LOCAL_OFFSET, type DayMemory, type IsoClock, type Planned } from './emit.js';
import type { SimulateOptions } from './index.js';
import { CardIssuer, NumberPlan } from './numbers.js';
import { buildRoster } from './people.js';
import { planSupply, type Supply } from './supply.js';

/** The options with every default filled in. */
export type ResolvedOptions = Required<Omit<SimulateOptions, 'realdataDir'>>;

/** Everything decided before the first event is written: the city, its people, the supply side, every attempt. */
export interface PreparedCity {
  opts: ResolvedOptions;
  realdataDir: string;
  ctx: SimContext;
  supply: Supply;
  campaigns: CampaignPlan;
  background: Background;
  /** Background life's new IM contacts, from their own random stream. */
  im: ImLife;
  /** Planned events by day of the window. */
  byDay: Planned[][];
}

/** Validates the options and plans the city; the same options give the same plan in any thread. */
export function prepareCity(options: SimulateOptions): PreparedCity {
  const opts = {
    seed: options.seed >>> 0,
    people: options.people,
    days: options.days,
    start: options.start ?? '2026-03-02',
    cityCode: options.cityCode ?? '1401',
    attemptRate: options.attemptRate ?? 5,
    minPerType: options.minPerType ?? 1,
    knownShare: options.knownShare ?? 0.3,
    graceMinutes: options.graceMinutes ?? 1440,
  };
  if (!Number.isInteger(opts.people) || opts.people < 10) throw new FanzhaError('VALIDATION_FAILED', 'people must be a whole number of at least 10');
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 366) throw new FanzhaError('VALIDATION_FAILED', 'days must be a whole number from 1 to 366');
  if (!(opts.knownShare >= 0 && opts.knownShare <= 1)) throw new FanzhaError('VALIDATION_FAILED', 'knownShare must be from 0 to 1');
  if (!(opts.attemptRate >= 0)) throw new FanzhaError('VALIDATION_FAILED', 'attemptRate must be 0 or more');
  const startLocal = Date.parse(`${opts.start}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.start) || Number.isNaN(startLocal)) throw new FanzhaError('VALIDATION_FAILED', `start must be a date YYYY-MM-DD, not ${opts.start}`);
  const start = startLocal - LOCAL_OFFSET;
  const realdataDir = options.realdataDir ?? loadConfig().FANZHA_REALDATA_DIR;

  const city = loadCity(realdataDir, opts.cityCode);
  assertJsonSafe(textsOf(catalog, SCAM_SMS, SCAM_BRANDS, SCAM_APPS, city.districts, city.stations), 'simulator catalogs');
  const numbers = new NumberPlan(city.shortName);
  const cards = new CardIssuer();
  const end = start + opts.days * DAY;
  const ctx: SimContext = { seed: opts.seed, start, days: opts.days, end, city, numbers, cards, roster: { people: [], workplaces: [], byDistrict: [], byPhone: new Map() } };
  ctx.roster = buildRoster(opts.seed, opts.people, city, numbers, cards, start);
  const supply = planSupply(ctx, (opts.people * opts.days) / 350_000);
  const campaigns = planCampaigns(ctx, supply, opts);
  const background = new Background(ctx);
  const im = new ImLife(ctx);

  const byDay: Planned[][] = Array.from({ length: opts.days }, () => []);
  for (const p of [...supply.planned, ...campaigns.planned]) {
    if (p.ts < start || p.ts >= end) continue;
    byDay[Math.floor((p.ts - start) / DAY)].push(p);
  }
  return { opts, realdataDir, ctx, supply, campaigns, background, im, byDay };
}

/** Day `d`'s events, planned ones first (so their ids do not depend on how much background the day has). */
export function renderDay(prep: PreparedCity, d: number, clock: IsoClock, memory: DayMemory): DayBuffer {
  const buf = new DayBuffer(prep.ctx.start + d * DAY, clock, memory);
  for (const p of prep.byDay[d]) buf.addPlanned(p);
  prep.background.day(d, buf);
  prep.im.day(d, buf);
  return buf;
}

/** Every string inside the given catalogs (arrays, records, tuples), for the JSON-safety check. */
function textsOf(...values: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return out;
}
