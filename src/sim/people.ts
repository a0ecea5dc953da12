import { MEETING_APPS } from './catalog.js';
import type { City } from './city.js';
import type { CardIssuer, NumberPlan } from './numbers.js';
import { overseasRelative, residentId, wxid } from './numbers.js';
import { cumulative, Rng } from './rng.js';

export type Occupation = 'office' | 'worker' | 'student' | 'retired' | 'other';

export interface Account {
  /** Canonical form: card digits, `alipay:…`, `wechatpay:…`. */
  value: string;
  /** BIN bank code for cards; 'ALIPAY' / 'WECHATPAY' for wallets. */
  bank: string;
  kind: 'card' | 'wallet';
}

export interface Person {
  idx: number;
  /** E.164 */
  phone: string;
  operator: string;
  age: number;
  male: boolean;
  residentId: string;
  station: number;
  district: number;
  occupation: Occupation;
  /** Index into the city's workplaces, -1 when none. */
  workplace: number;
  /** Stays up late: calls, games and transfers after midnight. */
  nightOwl: boolean;
  /** Multiplier on every background rate (some people use their phone far more than others). */
  activity: number;
  accounts: Account[];
  /** People of the roster this person calls as family, friends. */
  family: number[];
  friends: number[];
  /** Relatives and friends outside the city (other cities, abroad). */
  outside: string[];
  /** Pays rent to this account on `rentDay` (local day of month), or null. */
  landlord: string | null;
  rentDay: number;
}

export interface Workplace {
  /** Index into MEETING_APPS: the app the company holds its online meetings in. */
  meetingApp: number;
  members: number[];
}

export interface Roster {
  people: Person[];
  workplaces: Workplace[];
  byDistrict: number[][];
  /** Phone -> person index. */
  byPhone: Map<string, number>;
}

const AGE_BANDS: Array<[number, number, number]> = [
  [16, 17, 3], [18, 24, 12], [25, 34, 19], [35, 44, 17], [45, 54, 17], [55, 64, 15], [65, 74, 11], [75, 88, 6],
];
const AGE_CUM = cumulative(AGE_BANDS.map((b) => b[2]));

function occupationFor(rng: Rng, age: number): Occupation {
  if (age < 19) return 'student';
  if (age < 23) return rng.chance(0.7) ? 'student' : 'worker';
  if (age >= 62) return rng.chance(0.9) ? 'retired' : 'other';
  const x = rng.next();
  return x < 0.42 ? 'office' : x < 0.85 ? 'worker' : 'other';
}

/**
 * The roster: households at stations weighted by street type, ages and occupations, phones from the city's real
 * segments (a few on virtual segments), debit cards from real BINs, wallets, family and friends.
 */
export function buildRoster(seed: number, count: number, city: City, numbers: NumberPlan, cards: CardIssuer, scenarioStart: number): Roster {
  const rng = Rng.derive(seed, 'people');
  const people: Person[] = [];
  const byDistrict: number[][] = city.districts.map(() => []);
  const stationCum = cumulative(Array.from(city.stationWeight));
  const startYear = new Date(scenarioStart).getUTCFullYear();

  while (people.length < count) {
    const station = rng.weighted(stationCum);
    const district = city.stations[station].district;
    const size = Math.min(count - people.length, rng.pick([1, 2, 2, 3, 3, 3, 4, 4]));
    const household: number[] = [];
    for (let h = 0; h < size; h++) {
      const band = AGE_BANDS[rng.weighted(AGE_CUM)];
      const age = rng.int(band[0], band[1]);
      const male = rng.chance(0.5);
      const birth = `${startYear - age}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
      const phone = rng.chance(0.04) ? numbers.virtualMobile(rng, true) : numbers.localMobile(rng);
      const idx = people.length;
      const accounts: Account[] = [];
      const nCards = age < 18 ? (rng.chance(0.4) ? 1 : 0) : rng.pick([1, 1, 2, 2, 2, 3]);
      for (let c = 0; c < nCards; c++) {
        const bank = cards.residentBank(rng);
        accounts.push({ value: cards.card(rng, bank), bank, kind: 'card' });
      }
      const national = phone.slice(3);
      if (age < 78 && rng.chance(0.82)) accounts.push({ value: `alipay:${national}`, bank: 'ALIPAY', kind: 'wallet' });
      if (age < 80 && rng.chance(0.85)) accounts.push({ value: `wechatpay:${wxid(rng)}`, bank: 'WECHATPAY', kind: 'wallet' });
      const occupation = occupationFor(rng, age);
      people.push({
        idx,
        phone,
        operator: numbers.operatorOf(phone).code,
        age,
        male,
        residentId: residentId(rng, city.districts[district].code, birth, male),
        station,
        district,
        occupation,
        workplace: -1,
        nightOwl: age < 40 ? rng.chance(0.14) : rng.chance(0.04),
        activity: Math.min(4, rng.logNormal(1, 0.45)) * (age >= 70 ? 0.6 : 1),
        accounts,
        family: [],
        friends: [],
        outside: [],
        landlord: null,
        rentDay: rng.int(1, 28),
      });
      household.push(idx);
      byDistrict[district].push(idx);
    }
    for (const i of household) people[i].family = household.filter((j) => j !== i);
  }

  // Relatives elsewhere in the city, friends mostly in the same district, and people outside the city.
  for (const p of people) {
    const relatives = rng.int(0, 3);
    for (let r = 0; r < relatives; r++) link(p.family, rng.int(0, count - 1), p.idx);
    const friends = p.age >= 70 ? rng.int(2, 6) : rng.int(5, 20);
    for (let f = 0; f < friends; f++) {
      const pool = rng.chance(0.7) ? byDistrict[p.district] : null;
      const j = pool ? pool[rng.int(0, pool.length - 1)] : rng.int(0, count - 1);
      link(p.friends, j, p.idx);
    }
    const outside = rng.int(0, 4);
    for (let o = 0; o < outside; o++) p.outside.push(rng.chance(0.12) ? overseasRelative(rng) : numbers.otherCityMobile(rng));
  }

  // Workplaces: office staff and workers grouped into companies of a few to a few dozen.
  const workplaces: Workplace[] = [];
  let current: Workplace | null = null;
  let room = 0;
  const employed = people.filter((p) => p.occupation === 'office' || p.occupation === 'worker');
  for (const p of employed) {
    if (current === null || room === 0) {
      current = { meetingApp: rng.int(0, MEETING_APPS.length - 1), members: [] };
      workplaces.push(current);
      room = Math.max(2, Math.round(rng.logNormal(12, 0.8)));
    }
    p.workplace = workplaces.length - 1;
    current.members.push(p.idx);
    room--;
  }
  // Workplaces draw from the whole city, not one street: shuffle membership once.
  shuffleMembers(rng, workplaces, people);

  // A quarter of working-age adults rent: the landlord is an older resident with a card.
  for (const p of people) {
    if (p.age < 20 || p.age > 50 || !rng.chance(0.28)) continue;
    for (let tries = 0; tries < 8; tries++) {
      const owner = people[rng.int(0, count - 1)];
      const card = owner.accounts.find((a) => a.kind === 'card');
      if (owner.age >= 40 && card && owner.idx !== p.idx) {
        p.landlord = card.value;
        break;
      }
    }
  }

  const byPhone = new Map<string, number>();
  for (const p of people) byPhone.set(p.phone, p.idx);
  return { people, workplaces, byDistrict, byPhone };
}

/**
 * Adds j to the people `self` calls. One-way on purpose: j calls whom j picked, and pushing into 100,000 other
 * people's lists at random cost more than the rest of the roster together.
 */
function link(list: number[], j: number, self: number): void {
  if (j !== self) list.push(j);
}

function shuffleMembers(rng: Rng, workplaces: Workplace[], people: Person[]): void {
  const all = workplaces.flatMap((w) => w.members);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  let at = 0;
  workplaces.forEach((w, wi) => {
    for (let k = 0; k < w.members.length; k++) {
      const idx = all[at++];
      w.members[k] = idx;
      people[idx].workplace = wi;
    }
  });
}
