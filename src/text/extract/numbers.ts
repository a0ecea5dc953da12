import { card } from './cards.js';
import { add, claimed, type Found } from './claims.js';
import { isAsciiLetter, isDigit, type View } from './fold.js';
import type { NumberHit } from './number-labels.js';
import { isServiceNumber, phone, serviceContext } from './phones.js';

// Numbers: phones, service numbers, bank cards

interface Run {
  /** Start of the run including a leading '+' or '('. */
  start: number;
  plus: boolean;
  /** [start, end) of each contiguous digit group, in view offsets. */
  groups: number[];
  seps: string[];
}

const CODE_WORDS = /(?:验证码|校验码|动态码|动态密码|确认码|激活码|取件码|提货码|取货码|密码|口令|code|pin)[ :是为]{0,3}$/i;
const UNIT_AFTER = new RegExp(
  '^ ?(?:' +
    '元|块|万|亿|千|百|角|毛|分(?!机)|%|‰|美元|美金|人民币|年|月|日|号(?!码)|天|周|个|次|岁|小时|秒|' +
    '条|笔|人|件|倍|斤|公斤|米|多|余|来|\\+|期|位|张|份|页|台|套|楼|层|路|栋|室|届)',
);

export function scanNumbers(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  const n = t.length;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    const start = i;
    let plus = false;
    let p = i;
    if (c === 0x2b /* + */) {
      plus = true;
      p = i + 1;
      if (t.charCodeAt(p) === 0x20) p++;
      if (!isDigit(t.charCodeAt(p))) {
        i++;
        continue;
      }
    } else if (c === 0x28 /* ( */) {
      if (!isDigit(t.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      p = i + 1;
    } else if (!isDigit(c)) {
      i++;
      continue;
    }
    const run = readRun(t, p, start, plus);
    const last = run.groups[run.groups.length - 1];
    i = last;
    if (claimed(claims, run.groups[0], last)) continue;
    // Part of a word ("v2", "abc123") or of a decimal or dotted address ("3.14", "1.2.3.4").
    const before = t.charCodeAt(start - 1);
    if (isAsciiLetter(before) || before === 0x5f || before === 0x40) continue;
    if (before === 0x2e && isDigit(t.charCodeAt(start - 2))) continue;
    if (before === 0x2d && isDigit(t.charCodeAt(start - 2))) continue;
    const after = t.charCodeAt(last);
    if (after === 0x2e && isDigit(t.charCodeAt(last + 1))) continue;
    if (isDateRun(t, run)) continue;
    const letterAfter = isAsciiLetter(after) || after === 0x5f;
    classifyRun(t, run, letterAfter, found, claims);
  }
}

/** Reads digit groups joined by one space, one dash (spaces allowed around it) or an area-code bracket. */
function readRun(t: string, p: number, start: number, plus: boolean): Run {
  const groups: number[] = [];
  const seps: string[] = [];
  let i = p;
  for (;;) {
    const gs = i;
    while (isDigit(t.charCodeAt(i))) i++;
    groups.push(gs, i);
    let j = i;
    let sep = '';
    if (t.charCodeAt(j) === 0x29 /* ) */ && t.charCodeAt(start) === 0x28 && groups.length === 2) {
      j++;
      sep = ')';
      if (t.charCodeAt(j) === 0x20 || t.charCodeAt(j) === 0x2d) j++;
    } else {
      if (t.charCodeAt(j) === 0x20) j++;
      if (t.charCodeAt(j) === 0x2d) {
        j++;
        sep = '-';
        if (t.charCodeAt(j) === 0x20) j++;
      } else if (j > i) {
        sep = ' ';
      }
    }
    if (sep === '' || !isDigit(t.charCodeAt(j))) break;
    seps.push(sep);
    i = j;
  }
  return { start, plus, groups, seps };
}

/** 2024-05-01, 2024 5 1, 2024-05-01 13 (a time follows): not a number anyone calls. */
function isDateRun(t: string, run: Run): boolean {
  const g = run.groups;
  if (g.length < 6 || run.plus) return false;
  const yearLen = g[1] - g[0];
  const y = t.slice(g[0], g[1]);
  const m = g[3] - g[2];
  const d = g[5] - g[4];
  return yearLen === 4 && (y.startsWith('19') || y.startsWith('20')) && m >= 1 && m <= 2 && d >= 1 && d <= 2;
}

function digitsOf(t: string, groups: number[], from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k <= to; k++) parts.push(t.slice(groups[2 * k], groups[2 * k + 1]));
  return parts.join('');
}

/**
 * Tries the whole run first (a card written in groups, a phone with its area code), then splits it at the
 * separators, longest piece first. A contiguous digit group is never cut: a 19-digit card holds no phone.
 */
function classifyRun(t: string, run: Run, letterAfter: boolean, found: Found[], claims: Uint8Array): void {
  const g = run.groups;
  const count = g.length / 2;
  // Digits before each group, so that a piece's length is known without building it.
  const before = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) before[k + 1] = before[k] + g[2 * k + 1] - g[2 * k];
  const all = count === 1 ? t.slice(g[0], g[1]) : digitsOf(t, g, 0, count - 1);
  let i = 0;
  while (i < count) {
    let taken = -1;
    // A piece holds 5 to 20 digits, so at most 20 groups.
    for (let j = Math.min(count - 1, i + 19); j >= i; j--) {
      const length = before[j + 1] - before[i];
      if (length > 20) continue;
      if (length < 5) break;
      const digits = all.slice(before[i], before[j + 1]);
      const segStart = i === 0 ? run.start : g[2 * i];
      const segEnd = g[2 * j + 1];
      const plus = i === 0 && run.plus;
      const atEnd = letterAfter && j === count - 1;
      const hit = classifyDigits(t, digits, plus, segStart, segEnd, count === 1, atEnd, cardShaped(g, i, j));
      if (hit === null) continue;
      // A bracket opened before the area code but not part of the number stays out of the span.
      const from = i === 0 && t.charCodeAt(run.start) === 0x28 && run.seps[0] !== ')' ? g[0] : segStart;
      add(found, claims, hit.kind, hit.canonical, from, segEnd);
      taken = j;
      break;
    }
    i = taken >= 0 ? taken + 1 : i + 1;
  }
}

/**
 * Card numbers are written in fours ("6222 0212 3456 7890 123") or as BIN and rest ("622202 1234567890123"); other
 * groupings that add up to 16-19 digits are several numbers ("订单855005361-20140306").
 */
function cardShaped(g: number[], i: number, j: number): boolean {
  if (i === j) return true;
  const len = (k: number) => g[2 * k + 1] - g[2 * k];
  if (j === i + 1 && len(i) === 6) return true;
  for (let k = i; k < j; k++) if (len(k) !== 4) return false;
  return len(j) <= 4;
}

function classifyDigits(
  t: string,
  d: string,
  plus: boolean,
  start: number,
  end: number,
  alone: boolean,
  letterAfter: boolean,
  asCard: boolean,
): NumberHit | null {
  const len = d.length;
  const d0 = d.charCodeAt(0) - 0x30;
  const d1 = d.charCodeAt(1) - 0x30;
  let phoneRaw: string | null = null;
  let service = false;
  let cardLike = false;
  if (plus) {
    if (len >= 7 && len <= 15) phoneRaw = `+${d}`;
  } else if (len === 11 && d0 === 1 && d1 >= 3) {
    phoneRaw = d; // Chinese mobile
  } else if (len === 13 && d.startsWith('86') && d[2] === '1' && d.charCodeAt(3) >= 0x33) {
    phoneRaw = `+${d}`; // mobile after the calling code written without '+'
  } else if (d0 === 0 && d1 === 0) {
    if (len >= 9 && len <= 17) phoneRaw = d; // international prefix 00
  } else if (d0 === 0 && len >= 10 && len <= 12) {
    phoneRaw = d; // fixed line with its area code: 0 + 2-3 digit area + 7-8 digits
  } else if (len >= 11 && len <= 12 && d0 === 8 && d1 === 6 && d[2] !== '1') {
    phoneRaw = `+${d}`; // 86 + area code + number
  } else if (len === 10 && (d0 === 4 || d0 === 8) && d1 === 0 && d[2] === '0') {
    phoneRaw = d; // nationwide 400 / 800
  } else if (len >= 8 && d.startsWith('106')) {
    phoneRaw = d; // SMS gateway sender numbers
  } else if (!letterAfter && len === 5) {
    service = alone && isServiceNumber(d);
  } else if (!letterAfter && len >= 12 && len <= 19) {
    cardLike = asCard;
  }
  if (phoneRaw === null && !service && !cardLike) return null;

  const lookBehind = t.slice(Math.max(0, start - 12), start);
  if (CODE_WORDS.test(lookBehind)) return null;
  if (UNIT_AFTER.test(t.slice(end, end + 4))) return null;
  if (service) return serviceContext(t, start, end, lookBehind) ? phone(d) : null;
  if (cardLike) return card(t, d, start);
  return phone(phoneRaw!);
}
