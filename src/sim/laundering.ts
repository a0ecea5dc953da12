import type { Gang, Mule } from './campaigns/gangs.js';
import type { SimContext } from './context.js';
import { MINUTE, transferBody, type Planned } from './emit.js';
import type { Rng } from './rng.js';

export interface PlannedHop {
  event: Planned;
  from: string;
  to: string;
  amountFen: number;
  tier: number;
}

/**
 * The money after a loss: the first mule splits it to several second-tier mules within minutes (fan-out), and
 * they pass it on to one of the gang's collectors within hours (fan-in), each keeping a little. Small losses
 * go straight to a collector. Hops past the window's end are not written.
 */
export function launder(ctx: SimContext, rng: Rng, gang: Gang, first: Mule, amountFen: number, ts: number): PlannedHop[] {
  const hops: PlannedHop[] = [];
  const hop = (from: Mule, to: Mule, amount: number, at: number, tier: number): void => {
    if (at >= ctx.end || amount < 100) return;
    const channel = rng.chance(0.7) ? 'mobile_banking' : 'online_banking';
    const phone = from.phone !== null && channel === 'mobile_banking' && rng.chance(0.8) ? from.phone.slice(3) : null;
    const event: Planned = { ts: at, type: 'transfer', prefix: from.bank.toLowerCase(), body: transferBody(from.account, to.account, amount, channel, phone, null), id: '' };
    hops.push({ event, from: from.account, to: to.account, amountFen: amount, tier });
  };
  const collector = rng.pick(gang.tier3);
  if (amountFen < 300000) {
    hop(first, collector, amountFen - rng.int(0, Math.floor(amountFen * 0.01)), ts + rng.int(3, 40) * MINUTE, 1);
    return hops;
  }
  const k = Math.min(gang.tier2.length, amountFen >= 5000000 ? rng.int(3, 5) : rng.int(2, 3));
  const seconds = pickDistinct(rng, gang.tier2.filter((m) => m.account !== first.account), k);
  const weights = seconds.map(() => rng.range(0.5, 1.5));
  const total = weights.reduce((a, b) => a + b, 0);
  let left = amountFen;
  let t = ts + rng.int(1, 15) * MINUTE;
  seconds.forEach((m, i) => {
    const part = i === seconds.length - 1 ? left : Math.floor((amountFen * weights[i]) / total / 100) * 100;
    left -= part;
    hop(first, m, part, t, 1);
    // Each second-tier mule forwards most of it to a collector, hours later.
    hop(m, collector, part - Math.floor(part * rng.range(0, 0.02)), t + rng.int(10, 240) * MINUTE, 2);
    t += rng.int(1, 8) * MINUTE;
  });
  return hops;
}

function pickDistinct<T>(rng: Rng, items: readonly T[], k: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < k && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return out;
}
