import { FRAUD_TYPE_CODES, type FraudType } from '../../domain/fraud-type.js';
import type { SimContext } from '../context.js';
import { DAY, MINUTE, type Planned } from '../emit.js';
import { launder, type PlannedHop } from '../laundering.js';
import type { Person } from '../people.js';
import { Rng } from '../rng.js';
import type { Supply } from '../supply.js';
import { PathBuilder, type BuiltLoss, type BuiltStep, type Plan } from './builder.js';
import { buildGangs, knownIndicators, type Gang } from './gangs.js';
import { giveImAccounts, PATHS, TYPICAL_DAYS } from './paths.js';
import type { KnownIndicator } from '../truth.js';

export type { Gang } from './gangs.js';

/** Shares of attempts per type, roughly as the public case statistics rank them. */
export const TYPE_WEIGHTS: Record<FraudType, number> = {
  task_rebate: 20,
  fake_investment: 13,
  fake_loan: 12,
  fake_customer_service: 12,
  impersonate_authority: 7,
  impersonate_acquaintance: 8,
  romance: 6,
  fake_credit: 5,
  game_trade: 5,
  fake_shopping: 8,
  other: 4,
};

/** Who each type reaches: a weight by age. */
function ageWeight(type: FraudType, p: Person): number {
  const a = p.age;
  switch (type) {
    case 'task_rebate':
      return a >= 18 && a <= 45 ? (p.male ? 1 : 1.8) : 0.1;
    case 'fake_investment':
      return a >= 30 && a <= 65 ? 1 : 0.15;
    case 'fake_loan':
      return a >= 20 && a <= 45 ? 1 : 0.1;
    case 'fake_customer_service':
      return a >= 18 && a <= 55 ? 1 : 0.2;
    case 'impersonate_authority':
      return a >= 50 ? 1.5 : a >= 20 ? 0.4 : 0;
    case 'impersonate_acquaintance':
      return p.occupation === 'office' ? 1.5 : a >= 60 ? 1 : 0.2;
    case 'romance':
      return a >= 25 && a <= 55 ? 1 : 0.1;
    case 'fake_credit':
      return a >= 22 && a <= 40 ? 1 : 0.1;
    case 'game_trade':
      return a <= 25 ? 1 : a <= 35 ? 0.2 : 0;
    case 'fake_shopping':
      return a >= 18 && a <= 50 ? 1 : 0.3;
    case 'other':
      return a >= 18 ? 1 : 0.2;
  }
}

/** Of those contacted, how many stop by themselves, pay once, keep paying. */
const PLAN_SHARES: Record<FraudType, [number, number]> = {
  // [stopped, once]; the rest repeat.
  task_rebate: [0.3, 0.25],
  fake_investment: [0.3, 0.2],
  fake_loan: [0.3, 0.35],
  fake_customer_service: [0.35, 0.35],
  impersonate_authority: [0.35, 0.35],
  impersonate_acquaintance: [0.4, 0.45],
  romance: [0.3, 0.15],
  fake_credit: [0.35, 0.35],
  game_trade: [0.35, 0.35],
  fake_shopping: [0.3, 0.55],
  other: [0.35, 0.3],
};

export interface PlannedAttempt {
  id: string;
  type: FraudType;
  gang: Gang;
  victim: Person;
  plan: Plan;
  cut: boolean;
  steps: BuiltStep[];
  losses: BuiltLoss[];
  hops: PlannedHop[];
}

export interface CampaignPlan {
  attempts: PlannedAttempt[];
  gangs: Gang[];
  planned: Planned[];
  known: KnownIndicator[];
}

export interface CampaignOptions {
  /** Attempts per 10,000 people per day. */
  attemptRate: number;
  /** At least this many attempts of every type. */
  minPerType: number;
  /** Share of the gangs' numbers, sites, apps and accounts already known as indicators. */
  knownShare: number;
}

/** Every attempt of the window with its events, the laundering after each loss, and the indicators seeded as known. */
export function planCampaigns(ctx: SimContext, supply: Supply, opts: CampaignOptions): CampaignPlan {
  const rng = Rng.derive(ctx.seed, 'campaigns');
  const people = ctx.roster.people;
  const expected = (people.length / 10_000) * ctx.days * opts.attemptRate;
  const totalWeight = Object.values(TYPE_WEIGHTS).reduce((a, b) => a + b, 0);
  const perType = new Map<FraudType, number>();
  for (const type of FRAUD_TYPE_CODES) {
    perType.set(type, Math.max(opts.minPerType, rng.poisson((expected * TYPE_WEIGHTS[type]) / totalWeight)));
  }
  const gangs = buildGangs(ctx, rng, perType, supply, opts.knownShare);
  giveImAccounts(ctx, gangs, opts.knownShare);
  const gangsOf = (type: FraudType) => gangs.filter((g) => g.fraudType === type);
  const taken = new Set<number>();
  const attempts: PlannedAttempt[] = [];
  const planned: Planned[] = [];
  const window = ctx.end - ctx.start;

  for (const type of FRAUD_TYPE_CODES) {
    const n = perType.get(type)!;
    // An attempt nobody can see (a victim who ignores a chat inside WeChat) is drawn again, up to a few times.
    for (let k = 0, tries = 0; k < n && tries < n * 5; tries++) {
      const victim = pickVictim(rng, people, type, taken);
      if (victim === null) break;
      const gang = rng.pick(gangsOf(type));
      const [stop, once] = PLAN_SHARES[type];
      const x = rng.next();
      const plan: Plan = x < stop ? 'stopped' : x < stop + once ? 'once' : 'repeat';
      // Long paths start early enough to unfold inside the window; every path starts in waking hours.
      const typical = TYPICAL_DAYS[type] * DAY;
      const latest = Math.max(window * 0.15, window - typical * 1.2);
      const day = Math.floor((rng.next() * latest) / DAY);
      const start = ctx.start + day * DAY + Math.round(rng.range(8.5, 21) * 60) * MINUTE;
      const b = new PathBuilder(ctx, rng, gang, victim, start, plan);
      PATHS[type](b);
      // An IM contact alone does not keep an attempt: the same attempts run as before the IM platform joined, so
      // the scoreboard with and without it compares like with like (a victim who only accepted the contact and
      // then ignored it is left out, as before).
      if (!b.steps.some((s) => s.kind !== 'contact_add')) continue;
      taken.add(victim.idx);
      k++;
      const hops: PlannedHop[] = [];
      for (const loss of b.losses) hops.push(...launder(ctx, rng, gang, loss.mule, loss.amountFen, loss.event.ts));
      attempts.push({ id: '', type, gang, victim, plan, cut: b.cut, steps: b.steps, losses: b.losses, hops });
      planned.push(...b.events, ...hops.map((h) => h.event));
    }
  }
  // Ids in order of first step, so A0001 is the earliest attempt.
  attempts.sort((a, b) => a.steps[0].event.ts - b.steps[0].event.ts);
  attempts.forEach((a, i) => (a.id = `A${String(i + 1).padStart(4, '0')}`));
  return { attempts, gangs, planned, known: knownIndicators(gangs, rng) };
}

function pickVictim(rng: Rng, people: readonly Person[], type: FraudType, taken: Set<number>): Person | null {
  for (let tries = 0; tries < 400; tries++) {
    const p = people[rng.int(0, people.length - 1)];
    if (taken.has(p.idx) || p.accounts.length === 0) continue;
    if (rng.next() * 1.8 < ageWeight(type, p)) return p;
  }
  return null;
}

