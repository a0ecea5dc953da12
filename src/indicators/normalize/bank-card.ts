import { readFileSync } from 'node:fs';
import { invalid, type NormalizeResult } from './result.js';

export type CardType = 'DC' | 'CC' | 'SCC' | 'PC';

export interface BankCardInfo {
  /** Luhn (mod 10) check. Reported, never enforced: many Chinese debit cards and account numbers fail it. */
  luhnValid: boolean;
  /** The BIN (3-10 digit prefix) the card matched in the table, or null when none did. */
  bin: string | null;
  bankCode: string | null;
  bankName: string | null;
  cardType: CardType | null;
  /** 借记卡 / 信用卡 / 准贷记卡 / 预付费卡 */
  cardTypeName: string | null;
  /** Whether the card's length is the one the BIN issues; null when no BIN matched. */
  lengthMatches: boolean | null;
}

export const CARD_TYPE_NAMES: Readonly<Record<CardType, string>> = {
  DC: '借记卡',
  CC: '信用卡',
  SCC: '准贷记卡',
  PC: '预付费卡',
};

const MIN_DIGITS = 12;
const MAX_DIGITS = 19;
const MIN_BIN = 3;
const MAX_BIN = 10;

const DIGIT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Characters people put between digit groups: spaces (ASCII, no-break, ideographic), tab and dashes. */
function isSeparator(c: number): boolean {
  return (
    c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || c === 0x2d /* - */ ||
    (c >= 0x2010 && c <= 0x2015) /* hyphens, en/em dash */ || c === 0x2212 /* minus */ || c === 0xff0d /* full-width - */
  );
}

/**
 * The digits of a card number (ASCII or full-width, grouped by spaces or dashes), or null when anything else
 * appears or the count is not 12-19. A plain character loop: this sits on the look-up path.
 */
export function canonicalBankCard(raw: string): string | null {
  const n = raw.length;
  // Already canonical (the common case on look-ups): return the input itself, no copy.
  if (n >= MIN_DIGITS && n <= MAX_DIGITS) {
    let plain = true;
    for (let i = 0; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c < 0x30 || c > 0x39) {
        plain = false;
        break;
      }
    }
    if (plain) return raw;
  }
  let out = '';
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0xff10 && c <= 0xff19) d = c - 0xff10;
    else if (isSeparator(c)) continue;
    else return null;
    if (++count > MAX_DIGITS) return null;
    out += DIGIT[d];
  }
  return count >= MIN_DIGITS ? out : null;
}

/** Luhn (mod 10) check over an all-digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export interface BinEntry {
  bin: string;
  bankCode: string;
  cardType: CardType;
  length: number;
}

interface BinTable {
  banks: Map<string, string>;
  byPrefix: Map<string, BinEntry[]>;
}

let table: BinTable | undefined;

/**
 * Loaded on first use, not at import: most processes that import the normalisers never see a card.
 * The path is relative to the compiled module, dist/src/indicators/normalize/bank-card.js.
 */
function binTable(): BinTable {
  if (table) return table;
  const url = new URL('../../../../assets/card-bins.json', import.meta.url);
  let parsed: { banks: Record<string, string>; bins: [string, string, CardType, number][] };
  try {
    parsed = JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new Error(`cannot load the card BIN table ${url.pathname} (run npm run derive:bins): ${(err as Error).message}`);
  }
  const byPrefix = new Map<string, BinEntry[]>();
  for (const [bin, bankCode, cardType, length] of parsed.bins) {
    const entries = byPrefix.get(bin);
    const entry = { bin, bankCode, cardType, length };
    if (entries) entries.push(entry);
    else byPrefix.set(bin, [entry]);
  }
  table = { banks: new Map(Object.entries(parsed.banks)), byPrefix };
  return table;
}

/**
 * The BIN entry for a card: the longest matching prefix whose card length equals the card's, else the longest
 * matching prefix at all (lengthMatches false). Length decides because the table reuses some prefixes for
 * cards of different lengths and banks (621260: 16-digit SPABANK credit, 19-digit CSRCB debit), and nests
 * others (621260001…, a 19-digit XFRCB debit BIN, under the 16-digit SPABANK one).
 */
export function lookupCardBin(digits: string): { entry: BinEntry; lengthMatches: boolean } | null {
  const { byPrefix } = binTable();
  let fallback: BinEntry | null = null;
  for (let k = Math.min(MAX_BIN, digits.length); k >= MIN_BIN; k--) {
    const entries = byPrefix.get(digits.slice(0, k));
    if (!entries) continue;
    for (const entry of entries) if (entry.length === digits.length) return { entry, lengthMatches: true };
    fallback ??= entries[0];
  }
  return fallback ? { entry: fallback, lengthMatches: false } : null;
}

/** Canonical card number (digits only) with its Luhn validity and issuing bank and card type. */
export function normalizeBankCard(raw: string): NormalizeResult<BankCardInfo> {
  const digits = canonicalBankCard(raw);
  if (digits === null) return invalid('INVALID_BANK_CARD', whyInvalid(raw));
  const hit = lookupCardBin(digits);
  const entry = hit?.entry;
  return {
    ok: true,
    canonical: digits,
    info: {
      luhnValid: luhnValid(digits),
      bin: entry?.bin ?? null,
      bankCode: entry?.bankCode ?? null,
      bankName: entry ? (binTable().banks.get(entry.bankCode) ?? null) : null,
      cardType: entry?.cardType ?? null,
      cardTypeName: entry ? CARD_TYPE_NAMES[entry.cardType] : null,
      lengthMatches: hit ? hit.lengthMatches : null,
    },
  };
}

function whyInvalid(raw: string): string {
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) count++;
    else if (!isSeparator(c)) {
      const ch = String.fromCodePoint(raw.codePointAt(i)!);
      return `a card number holds only digits, spaces and dashes; found ${JSON.stringify(ch)}`;
    }
  }
  return `a card number has ${MIN_DIGITS}-${MAX_DIGITS} digits; found ${count}`;
}
