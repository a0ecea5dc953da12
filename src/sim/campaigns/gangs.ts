import type { FraudType } from '../../domain/fraud-type.js';
import type { SimContext } from '../context.js';
import { overseasLookalike, overseasPlain } from '../numbers.js';
import type { Rng } from '../rng.js';
import type { Supply } from '../supply.js';
import type { KnownIndicator } from '../truth.js';
import { SCAM_APPS, SCAM_DOMAIN_WORDS, SCAM_TLDS } from './scam-texts.js';

/** A resource a gang uses, when it first exists, and whether it is already a known indicator. */
export interface GangPhone {
  value: string;
  from: number;
  farm: number;
  known: boolean;
}

export interface Mule {
  account: string;
  bank: string;
  /** The phone the mule's bank knows, when it reports one. */
  phone: string | null;
  from: number;
  burst: number;
  known: boolean;
}

/** An IM account a gang adds victims from; whether the platform marks it new or abroad is the account's. */
export interface GangImAccount {
  contact: string;
  app: readonly [string, string];
  newAccount: boolean;
  overseas: boolean;
  /** Already reported to the centre (an earlier victim gave the account), like the gang's known numbers. */
  known: boolean;
  /** Its status when known: blocked (the platform shut it) or verified. */
  blocked: boolean;
}

export interface Gang {
  id: string;
  fraudType: FraudType;
  phones: GangPhone[];
  domains: Array<{ value: string; known: boolean }>;
  apps: Array<{ pkg: string; name: string; known: boolean }>;
  /** IM ids in their messages (QQ numbers, WeChat ids). */
  im: string[];
  /** IM accounts that add victims (empty for types whose path has no new IM contact); see paths.ts IM_CONTACT. */
  imAccounts: GangImAccount[];
  /** Bulk-SMS platform senders (1069…) hired for ad-like scam messages; empty for types that do not advertise. */
  bulk: string[];
  tier1: Mule[];
  tier2: Mule[];
  tier3: Mule[];
}

// Shares of caller-number kinds per type: [overseas looking like 95xxx/400, virtual segment, SIM-farm mobile, other mobile].
const PHONE_MIX: Record<FraudType, [number, number, number, number]> = {
  task_rebate: [0, 0.4, 0.3, 0.3],
  fake_investment: [0.1, 0.3, 0.3, 0.3],
  fake_loan: [0, 0.45, 0.3, 0.25],
  fake_customer_service: [0.45, 0.3, 0.15, 0.1],
  impersonate_authority: [0.6, 0.2, 0.1, 0.1],
  impersonate_acquaintance: [0, 0.3, 0.3, 0.4],
  romance: [0.3, 0.2, 0.2, 0.3],
  fake_credit: [0.4, 0.35, 0.15, 0.1],
  game_trade: [0, 0.4, 0.3, 0.3],
  fake_shopping: [0, 0.4, 0.3, 0.3],
  other: [0.3, 0.3, 0.2, 0.2],
};
// Types whose first contact is an advertisement (刷单 / 贷款 / 购物 / 博彩 ads, stock-group invites).
const BULK_SMS_TYPES = new Set<FraudType>(['task_rebate', 'fake_loan', 'fake_shopping', 'other', 'fake_investment', 'fake_credit']);
const SERVICE_LOOKS = ['95588', '95533', '95599', '95566', '95555', '95511', '95518', '40082', '40066', '95105'];

/** Gangs with their numbers, sites, apps and mule networks; farm SIMs and burst cards are shared out among them. */
export function buildGangs(ctx: SimContext, rng: Rng, perType: Map<FraudType, number>, supply: Supply, knownShare: number): Gang[] {
  const gangs: Gang[] = [];
  const { numbers, cards } = ctx;
  for (const [type, attempts] of perType) {
    const count = 1 + Math.floor(attempts / 30);
    for (let g = 0; g < count; g++) {
      const mix = PHONE_MIX[type];
      const phones: GangPhone[] = [];
      const nPhones = rng.int(5, 14);
      for (let k = 0; k < nPhones; k++) {
        const x = rng.next() * (mix[0] + mix[1] + mix[3]);
        const value =
          x < mix[0]
            ? type === 'romance' ? overseasPlain(rng) : overseasLookalike(rng, rng.pick(SERVICE_LOOKS))
            : x < mix[0] + mix[1] ? numbers.virtualMobile(rng) : numbers.otherCityMobile(rng);
        phones.push({ value, from: ctx.start, farm: -1, known: rng.chance(knownShare) });
      }
      const words = SCAM_DOMAIN_WORDS[type];
      const domains = Array.from({ length: rng.int(2, 4) }, () => {
        const word = rng.pick(words);
        const host = rng.chance(0.5) ? `${word}${rng.int(1, 999)}` : `${word}-${rng.letters(3)}`;
        const value = type === 'impersonate_authority' && rng.chance(0.5) ? `www.spp.gov.cn.${host}.${rng.pick(SCAM_TLDS)}` : `${host}.${rng.pick(SCAM_TLDS)}`;
        return { value, known: rng.chance(knownShare) };
      });
      const apps = (SCAM_APPS[type] ?? []).filter(() => rng.chance(0.7)).map(([pkg, name]) => ({ pkg, name, known: rng.chance(knownShare) }));
      if (SCAM_APPS[type] && apps.length === 0) {
        const [pkg, name] = SCAM_APPS[type]![0];
        apps.push({ pkg, name, known: rng.chance(knownShare) });
      }
      const mule = (): Mule => {
        const bank = cards.anyBank(rng);
        return { account: cards.card(rng, bank), bank, phone: rng.chance(0.6) ? numbers.otherCityMobile(rng) : null, from: ctx.start, burst: -1, known: rng.chance(knownShare) };
      };
      gangs.push({
        id: `${type}-${g + 1}`,
        fraudType: type,
        phones,
        domains,
        apps,
        im: Array.from({ length: 3 }, () => String(rng.int(100000000, 3999999999))),
        imAccounts: [],
        bulk: BULK_SMS_TYPES.has(type) ? Array.from({ length: rng.int(1, 3) }, () => `+861069${rng.digits(rng.int(8, 11))}`) : [],
        tier1: Array.from({ length: rng.int(4, 9) }, mule),
        tier2: Array.from({ length: rng.int(6, 12) }, mule),
        tier3: Array.from({ length: rng.int(2, 3) }, mule),
      });
    }
  }
  // Farm SIMs go to the gangs that call and text; burst cards become first- and second-tier mules.
  supply.sims.forEach((sim) => {
    const candidates = gangs.filter((g) => PHONE_MIX[g.fraudType][2] > 0);
    const gang = candidates[(sim.source * 7 + rng.int(0, 1)) % candidates.length];
    gang.phones.push({ value: sim.value, from: sim.from, farm: sim.source, known: rng.chance(knownShare / 2) });
  });
  supply.cards.forEach((card) => {
    const gang = rng.pick(gangs);
    const m: Mule = { account: card.value.account, bank: card.value.bank, phone: rng.chance(0.5) ? card.value.holderPhone : null, from: card.from, burst: card.source, known: false };
    (rng.chance(0.6) ? gang.tier1 : gang.tier2).push(m);
  });
  return gangs;
}

/** The gangs' resources already known as indicators, as the import CSV wants them. */
export function knownIndicators(gangs: readonly Gang[], rng: Rng): KnownIndicator[] {
  const rows: KnownIndicator[] = [];
  const seen = new Set<string>();
  const add = (value: string, kind: KnownIndicator['kind'], status: KnownIndicator['status'], type: Gang['fraudType']): void => {
    const key = `${kind}|${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({ value, kind, status, fraudTypes: [type] });
  };
  for (const g of gangs) {
    for (const p of g.phones) if (p.known) add(p.value, 'phone', rng.chance(0.6) ? 'blocked' : 'verified', g.fraudType);
    // Reported 1069 senders: the platforms are shared by legitimate senders, so they stay at "reported".
    for (const b of g.bulk) if (rng.chance(0.15)) add(b, 'phone', 'reported', g.fraudType);
    for (const d of g.domains) if (d.known) add(d.value, 'domain', rng.chance(0.7) ? 'blocked' : 'verified', g.fraudType);
    for (const a of g.apps) if (a.known) add(a.pkg, 'app', 'verified', g.fraudType);
    for (const m of [...g.tier1, ...g.tier2, ...g.tier3]) if (m.known) add(m.account, 'bank_card', 'verified', g.fraudType);
    // Victims report the WeChat / QQ account they were added from (涉诈社交账号); no draw here, so the rows
    // above are what they were before IM accounts were seeded.
    for (const a of g.imAccounts) if (a.known) add(a.contact, 'im_account', a.blocked ? 'blocked' : 'verified', g.fraudType);
  }
  return rows;
}
