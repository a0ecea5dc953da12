import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config/index.js';
import { phoneSegments } from '../indicators/index.js';
import { assertJsonSafe } from './emit.js';
import type { Rng } from './rng.js';
import { cumulative } from './rng.js';

/** Mobile blocks (7-digit prefixes) grouped for drawing numbers, with cumulative block counts as weights. */
interface BlockPool {
  starts: Uint32Array;
  cum: Float64Array;
}

function pool(runs: Array<[number, number]>): BlockPool {
  const starts = new Uint32Array(runs.length);
  const lens: number[] = [];
  runs.forEach(([s, n], i) => {
    starts[i] = s;
    lens.push(n);
  });
  return { starts, cum: cumulative(lens) };
}

function drawBlock(p: BlockPool, rng: Rng): number {
  const i = rng.weighted(p.cum);
  const len = p.cum[i] - (i > 0 ? p.cum[i - 1] : 0);
  return p.starts[i] + Math.floor(rng.next() * len);
}

const BLOCKS_PER_PAGE = 4096;
const VIRTUAL_PREFIXES = new Set([162, 165, 167, 170, 171]);
// 140-144, 146, 148: 13-digit IoT and data-only numbers; nobody calls from them.
const SKIP_PREFIXES = new Set([140, 141, 142, 143, 144, 146, 148]);

/** The operator, as an id prefix and a name, of a mainland mobile number (host network for MVNO numbers). */
export interface Operator {
  code: 'cmcc' | 'cucc' | 'ctcc' | 'cbn';
  name: string;
}
const OPERATORS: Record<string, Operator> = {
  中国移动: { code: 'cmcc', name: '中国移动' },
  中国联通: { code: 'cucc', name: '中国联通' },
  中国电信: { code: 'ctcc', name: '中国电信' },
  中国广电: { code: 'cbn', name: '中国广电' },
};

/**
 * Numbers drawn from the real segment table (assets/phone-segments.txt.gz): local mobiles of the simulated city,
 * mobiles of other cities, virtual-operator segments (162/165/167/170/171).
 */
export class NumberPlan {
  private readonly local: BlockPool;
  private readonly elsewhere: BlockPool;
  private readonly virtualLocal: BlockPool;
  private readonly virtualAny: BlockPool;
  private readonly carrierByPrefix4: Uint8Array;
  private readonly carriers: readonly string[];
  /** Numbers handed out: one bit per number, 1,250 bytes per 7-digit block, blocks packed into shared pages. */
  private readonly blockAt = new Map<number, number>();
  private readonly pages: Uint8Array[] = [];
  private nextBlock = 0;

  constructor(cityShortName: string) {
    const seg = phoneSegments();
    const local: Array<[number, number]> = [];
    const elsewhere: Array<[number, number]> = [];
    const virtualLocal: Array<[number, number]> = [];
    const virtualAny: Array<[number, number]> = [];
    const n = seg.runStart.length;
    for (let i = 0; i < n; i++) {
      const region = seg.runRegion[i];
      if (region === 0) continue;
      const start = seg.runStart[i];
      const end = i + 1 < n ? seg.runStart[i + 1] : start + 1;
      // Split runs at 3-digit segment boundaries so a run is all virtual or all ordinary.
      for (let s = start; s < end; ) {
        const prefix3 = Math.floor(s / 10000);
        const stop = Math.min(end, (prefix3 + 1) * 10000);
        const len = stop - s;
        if (!SKIP_PREFIXES.has(prefix3)) {
          const isLocal = seg.cities[region] === cityShortName;
          if (VIRTUAL_PREFIXES.has(prefix3)) {
            virtualAny.push([s, len]);
            if (isLocal) virtualLocal.push([s, len]);
          } else {
            (isLocal ? local : elsewhere).push([s, len]);
          }
        }
        s = stop;
      }
    }
    if (local.length === 0) throw new Error(`no mobile number segments for ${cityShortName} in the segment table`);
    this.local = pool(local);
    this.elsewhere = pool(elsewhere);
    this.virtualLocal = pool(virtualLocal.length ? virtualLocal : virtualAny);
    this.virtualAny = pool(virtualAny);
    this.carrierByPrefix4 = seg.carrierByPrefix4;
    this.carriers = seg.carriers;
  }

  /** Marks block + suffix as taken; false when it already was. */
  private take(block: number, suffix: number): boolean {
    let at = this.blockAt.get(block);
    if (at === undefined) {
      at = this.nextBlock++;
      if (at % BLOCKS_PER_PAGE === 0) this.pages.push(new Uint8Array(BLOCKS_PER_PAGE * 1250));
      this.blockAt.set(block, at);
    }
    const page = this.pages[Math.floor(at / BLOCKS_PER_PAGE)];
    const byte = (at % BLOCKS_PER_PAGE) * 1250 + (suffix >> 3);
    const mask = 1 << (suffix & 7);
    if (page[byte] & mask) return false;
    page[byte] |= mask;
    return true;
  }

  private draw(p: BlockPool, rng: Rng): string {
    // Every number in the city is distinct: residents, couriers, gangs.
    for (;;) {
      const block = drawBlock(p, rng);
      const suffix = Math.floor(rng.next() * 10000);
      if (this.take(block, suffix)) return `+86${block}${String(suffix).padStart(4, '0')}`;
    }
  }

  /** Marks a +86 mobile number as taken; false when it already was. */
  claim(e164: string): boolean {
    return this.take(Number(e164.slice(3, 10)), Number(e164.slice(10)));
  }

  /** A mobile number of the simulated city. */
  localMobile(rng: Rng): string {
    return this.draw(this.local, rng);
  }
  /** A mobile number registered in another city. */
  otherCityMobile(rng: Rng): string {
    return this.draw(this.elsewhere, rng);
  }
  /** A virtual-operator number (162/165/167/170/171); `local` prefers the city's own blocks. */
  virtualMobile(rng: Rng, local = false): string {
    return this.draw(local ? this.virtualLocal : this.virtualAny, rng);
  }

  /** The operator carrying a +86 mobile number. */
  operatorOf(e164: string): Operator {
    const name = this.carriers[this.carrierByPrefix4[Number(e164.slice(3, 7))]] ?? '';
    for (const key of Object.keys(OPERATORS)) if (name.startsWith(key)) return OPERATORS[key];
    return OPERATORS['中国移动'];
  }
}

// ------------------------------------------------------------------------------------------------ overseas

/**
 * Overseas numbers of the shape fraud call centres use: mobiles of HK, TW, the Philippines, Cambodia, Myanmar,
 * Malaysia whose national digits start like a 95xxx bank line or a 400 hotline, so the caller display reads
 * "95588…" or "400…" at a glance; and plain ones.
 */
export function overseasLookalike(rng: Rng, service: string): string {
  const pick = rng.int(0, 4);
  if (pick === 0) return `+852${service.slice(0, 4)}${rng.digits(4)}`; // HK 8 digits
  if (pick === 1) return `+886${service}${rng.digits(4)}`; // TW 9 digits
  if (pick === 2) return `+63${service}${rng.digits(5)}`; // PH 10 digits
  if (pick === 3) return `+855${service}${rng.digits(3)}`; // KH 8 digits
  return `+60${service.slice(0, 2)}${rng.digits(7)}`; // MY
}

export function overseasPlain(rng: Rng): string {
  const pick = rng.int(0, 5);
  if (pick === 0) return `+959${rng.digits(8)}`;
  if (pick === 1) return `+8559${rng.digits(7)}`;
  if (pick === 2) return `+639${rng.digits(9)}`;
  if (pick === 3) return `+669${rng.digits(8)}`;
  if (pick === 4) return `+8529${rng.digits(7)}`;
  return `+447${rng.digits(9)}`;
}

/** Relatives and colleagues abroad: ordinary foreign mobiles. */
export function overseasRelative(rng: Rng): string {
  const pick = rng.int(0, 4);
  if (pick === 0) return `+1${rng.pick(['212', '415', '646', '718', '408', '626'])}${rng.int(200, 999)}${rng.digits(4)}`;
  if (pick === 1) return `+447${rng.digits(9)}`;
  if (pick === 2) return `+614${rng.digits(8)}`;
  if (pick === 3) return `+8190${rng.digits(8)}`;
  return `+4915${rng.digits(9)}`;
}

// ------------------------------------------------------------------------------------------------ bank cards

export interface BankInfo {
  /** BIN table bank code ('ICBC'). */
  code: string;
  name: string;
  /** Official customer-service number in E.164, when the allow-list names one. */
  service: string | null;
  /** Short name for SMS signatures ('工商银行'). */
  short: string;
}

const BANK_SERVICE: Record<string, [string, string]> = {
  ICBC: ['+8695588', '工商银行'],
  ABC: ['+8695599', '农业银行'],
  CCB: ['+8695533', '建设银行'],
  BOC: ['+8695566', '中国银行'],
  COMM: ['+8695559', '交通银行'],
  PSBC: ['+8695580', '邮储银行'],
  CMB: ['+8695555', '招商银行'],
  SPDB: ['+8695528', '浦发银行'],
  CMBC: ['+8695568', '民生银行'],
  CIB: ['+8695561', '兴业银行'],
  CEB: ['+8695595', '光大银行'],
  CITIC: ['+8695558', '中信银行'],
  GDB: ['+8695508', '广发银行'],
  SPABANK: ['+8695511', '平安银行'],
  HXBANK: ['+8695577', '华夏银行'],
  JSB: ['+8695105588', '晋商银行'],
};

/** Residents' banks and rough market shares in a Shanxi city. */
const RESIDENT_BANKS: Array<[string, number]> = [
  ['ICBC', 16], ['CCB', 15], ['ABC', 13], ['BOC', 10], ['PSBC', 10], ['SXRCU', 9], ['COMM', 6], ['JSB', 6],
  ['CMB', 5], ['CITIC', 2], ['CIB', 2], ['SPDB', 1.5], ['CMBC', 1.5], ['CEB', 1.5], ['SPABANK', 1.5], ['HXBANK', 1],
];

interface BinRow {
  bin: string;
  length: number;
}

/** Luhn-valid debit-card numbers from the real BIN table (assets/card-bins.json). */
export class CardIssuer {
  private readonly bins = new Map<string, BinRow[]>();
  private readonly names = new Map<string, string>();
  private readonly allDebit: Array<[string, BinRow]> = [];
  private readonly residentCum: Float64Array;
  private readonly used = new Set<string>();

  constructor() {
    const file = path.join(PACKAGE_ROOT, 'assets/card-bins.json');
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { banks: Record<string, string>; bins: [string, string, string, number][] };
    assertJsonSafe(Object.values(parsed.banks), file);
    for (const [code, name] of Object.entries(parsed.banks)) this.names.set(code, name);
    for (const [bin, bank, type, length] of parsed.bins) {
      // Debit cards of 16-19 digits with a 6-digit BIN: what people transfer from and to.
      if (type !== 'DC' || length < 16 || bin.length !== 6) continue;
      const row = { bin, length };
      const list = this.bins.get(bank);
      if (list) list.push(row);
      else this.bins.set(bank, [row]);
      this.allDebit.push([bank, row]);
    }
    this.residentCum = cumulative(RESIDENT_BANKS.map(([code, w]) => (this.bins.has(code) ? w : 0)));
  }

  private readonly infos = new Map<string, BankInfo>();

  bank(code: string): BankInfo {
    let info = this.infos.get(code);
    if (info === undefined) {
      const svc = BANK_SERVICE[code];
      const name = this.names.get(code) ?? code;
      info = { code, name, service: svc?.[0] ?? null, short: svc?.[1] ?? name };
      this.infos.set(code, info);
    }
    return info;
  }

  /** A resident's bank, by market share. */
  residentBank(rng: Rng): string {
    return RESIDENT_BANKS[rng.weighted(this.residentCum)][0];
  }

  /** Any bank in the table (mule cards come from everywhere). */
  anyBank(rng: Rng): string {
    return rng.pick(this.allDebit)[0];
  }

  /** A new, unused, Luhn-valid debit card of `bankCode`. */
  card(rng: Rng, bankCode: string): string {
    const rows = this.bins.get(bankCode) ?? this.bins.get('ICBC')!;
    for (;;) {
      const row = rng.pick(rows);
      const body = row.bin + rng.digits(row.length - row.bin.length - 1);
      const card = body + luhnDigit(body);
      if (this.used.has(card)) continue;
      this.used.add(card);
      return card;
    }
  }
}

// Luhn: every second digit from the right is doubled, and a doubled digit above 9 loses 9.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** The check digit that makes `body` followed by it a Luhn-valid number. */
export function luhnDigit(body: string): string {
  let sum = 0;
  // The check digit itself is not doubled, so the body's last digit is.
  for (let i = body.length - 1, k = 0; i >= 0; i--, k++) {
    const d = body.charCodeAt(i) - 48;
    sum += k % 2 === 0 ? DOUBLED[d] : d;
  }
  return String((10 - (sum % 10)) % 10);
}

// ------------------------------------------------------------------------------------------------ resident ids

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A WeChat id as the system assigns it (`wxid_` and lower-case letters and digits), without its scheme. */
export function wxid(rng: Rng, length = 14): string {
  return `wxid_${rng.letters(length, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
}

/** An 18-character resident id (GB 11643) for someone born in `districtCode` on `birth` (yyyymmdd). */
export function residentId(rng: Rng, districtCode: string, birth: string, male: boolean): string {
  let seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  if (seq === 0) seq = 2;
  const body = districtCode + birth + String(seq).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

/** Numbers from one 7-digit block, as a SIM farm's bulk purchase looks. */
export function batchFromBlock(plan: NumberPlan, rng: Rng, n: number, virtual: boolean): string[] {
  const first = virtual ? plan.virtualMobile(rng, true) : plan.localMobile(rng);
  const block = first.slice(0, 10);
  const out = [first];
  const seen = new Set(out);
  while (out.length < n) {
    const candidate = block + rng.digits(4);
    if (seen.has(candidate) || !plan.claim(candidate)) continue;
    seen.add(candidate);
    out.push(candidate);
  }
  return out;
}
