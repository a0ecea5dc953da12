import type { SimContext } from './context.js';
import { accountOpenBody, DAY, HOUR, MINUTE, simOpenBody, type Planned } from './emit.js';
import { batchFromBlock, residentId } from './numbers.js';
import { Rng } from './rng.js';
import type { CardBurst, SimFarm } from './truth.js';

/** A fraud resource and when it first exists (a SIM is usable once opened, a card once issued). */
export interface Supplied<T> {
  value: T;
  from: number;
  /** Index into the farms or bursts it came from. */
  source: number;
}

export interface MuleCard {
  account: string;
  bank: string;
  holderPhone: string;
}

export interface Supply {
  planned: Planned[];
  farms: Array<SimFarm & { plannedEvents: Planned[] }>;
  bursts: Array<CardBurst & { plannedEvents: Planned[] }>;
  /** Numbers from SIM farms, for the gangs. */
  sims: Array<Supplied<string>>;
  /** Cards from opening bursts, for the mule networks. */
  cards: Array<Supplied<MuleCard>>;
}

const OPERATOR_NAMES: Record<string, string> = { cmcc: '中国移动', cucc: '中国联通', ctcc: '中国电信', cbn: '中国广电' };

function districtShort(name: string): string {
  return name.replace(/(区|县|市)$/, '');
}

/** The branch of `bankName` in a district: '中国工商银行太原小店支行'. */
export function branchName(ctx: SimContext, bankName: string, district: number): string {
  return `${bankName}${ctx.city.shortName}${districtShort(ctx.city.districts[district].name)}支行`;
}

/**
 * The supply side of fraud: SIM farms (猫池: dozens of SIMs opened by two or three holders at one outlet within
 * hours) and card-opening bursts (one holder opening cards at several banks within a day or two), plus the
 * ordinary openings of residents that make them hard to tell apart.
 */
export function planSupply(ctx: SimContext, scale: number): Supply {
  const rng = Rng.derive(ctx.seed, 'supply');
  const planned: Planned[] = [];
  const farms: Supply['farms'] = [];
  const bursts: Supply['bursts'] = [];
  const sims: Supply['sims'] = [];
  const cards: Supply['cards'] = [];
  const { city, numbers } = ctx;
  const span = ctx.end - ctx.start;
  const daytime = (day: number): number => ctx.start + day * DAY + (9 * 60 + rng.int(0, 9 * 60)) * MINUTE;
  const holder = (): { id: string; phone: string; district: number } => {
    const district = rng.int(0, city.districts.length - 1);
    const age = rng.int(19, 32);
    const year = new Date(ctx.start).getUTCFullYear() - age;
    const birth = `${year}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
    return { id: residentId(rng, city.districts[district].code, birth, rng.chance(0.7)), phone: numbers.localMobile(rng), district };
  };

  const farmCount = Math.max(1, Math.round(scale * 1.2));
  for (let f = 0; f < farmCount; f++) {
    // Farms open early in the window so the gangs can use their numbers inside it.
    const day = Math.floor(rng.next() * Math.max(1, Math.ceil(ctx.days / 3)));
    let t = daytime(day);
    const virtual = rng.chance(0.35);
    const msisdns = batchFromBlock(numbers, rng, rng.int(20, 60), virtual);
    const op = numbers.operatorOf(msisdns[0]);
    const station = city.stations[rng.int(0, city.stations.length - 1)];
    const outlet = virtual
      ? `${city.shortName}${districtShort(city.districts[station.district].name)}${station.street}${rng.pick(['通讯', '手机卖场', '数码'])}代理点`
      : `${op.name}${city.shortName}${station.street}${rng.pick(['营业厅', '合作厅', '授权店'])}`;
    const holders = Array.from({ length: rng.int(1, 3) }, holder);
    const events: Planned[] = [];
    for (const msisdn of msisdns) {
      t += rng.int(40, 400) * 1000;
      const h = rng.pick(holders);
      events.push({ ts: t, type: 'sim_open', prefix: op.code, body: simOpenBody(virtual ? `${op.name}(转售)` : op.name, outlet, h.id, msisdn), id: '' });
      sims.push({ value: msisdn, from: t + rng.int(2, 24) * HOUR, source: f });
    }
    planned.push(...events);
    farms.push({ outlet, operator: op.name, holders: holders.map((h) => h.id), msisdns, eventIds: [], usedBy: [], plannedEvents: events });
  }

  const burstCount = Math.max(2, Math.round(scale * 3));
  for (let b = 0; b < burstCount; b++) {
    const h = holder();
    const day = Math.floor(rng.next() * Math.max(1, Math.ceil(ctx.days / 2)));
    let t = daytime(day);
    const n = rng.int(3, 7);
    const accounts: string[] = [];
    const branches: string[] = [];
    const events: Planned[] = [];
    for (let k = 0; k < n; k++) {
      const bank = ctx.cards.residentBank(rng);
      const info = ctx.cards.bank(bank);
      const account = ctx.cards.card(rng, bank);
      const branch = branchName(ctx, info.name, rng.chance(0.6) ? h.district : rng.int(0, city.districts.length - 1));
      t += rng.int(25, 150) * MINUTE;
      if (t > ctx.end - HOUR) break;
      events.push({ ts: t, type: 'account_open', prefix: bank.toLowerCase(), body: accountOpenBody(info.name, branch, h.id, h.phone, account), id: '' });
      accounts.push(account);
      branches.push(branch);
      cards.push({ value: { account, bank, holderPhone: h.phone }, from: t + rng.int(6, 48) * HOUR, source: b });
    }
    planned.push(...events);
    bursts.push({ holder: h.id, holderPhone: h.phone, accounts, branches, eventIds: [], usedBy: [], plannedEvents: events });
  }

  // Ordinary openings: residents getting a salary card or a second SIM.
  const { people } = ctx.roster;
  const ordinary = Math.round(people.length * ctx.days * 0.0012);
  for (let i = 0; i < ordinary; i++) {
    const p = people[rng.int(0, people.length - 1)];
    if (p.age < 18) continue;
    const t = ctx.start + Math.floor(rng.next() * (span / DAY)) * DAY + (9 * 60 + rng.int(0, 8 * 60)) * MINUTE;
    if (rng.chance(0.55)) {
      const bank = ctx.cards.residentBank(rng);
      const info = ctx.cards.bank(bank);
      planned.push({ ts: t, type: 'account_open', prefix: bank.toLowerCase(), body: accountOpenBody(info.name, branchName(ctx, info.name, p.district), p.residentId, p.phone.slice(3), ctx.cards.card(rng, bank)), id: '' });
    } else {
      const msisdn = rng.chance(0.1) ? numbers.virtualMobile(rng, true) : numbers.localMobile(rng);
      const op = numbers.operatorOf(msisdn);
      const station = city.stations[p.station];
      planned.push({ ts: t, type: 'sim_open', prefix: op.code, body: simOpenBody(OPERATOR_NAMES[op.code] ?? op.name, `${op.name}${city.shortName}${station.street}营业厅`, p.residentId, msisdn), id: '' });
    }
  }
  return { planned, farms, bursts, sims, cards };
}
