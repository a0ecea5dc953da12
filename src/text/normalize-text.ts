import { from as openccFrom, to as openccTo } from 'opencc-js/preset/t2cn';

/**
 * Normalisation of free Chinese text for the fraud-text model. The model must see what a message says, not how it
 * was typed nor which corpus it came from, so the text is folded to a plain form:
 *
 * - full-width ASCII to ASCII, upper case to lower case, traditional (and Taiwan / Hong Kong variant) characters to
 *   simplified, one character at a time;
 * - every run of digits (ASCII, full-width, circled, or four or more Chinese numerals, also when split by spaces,
 *   dashes or dots), and masks like `xxx` or `***` that corpora use for digits, to the placeholder `#`: phone
 *   numbers, amounts and codes must not become features;
 * - URLs dropped (normal SMS in the corpora are full of links and the fraud scripts have none: a style tell);
 * - emoji, symbols and punctuation to separators: one space, runs collapsed. A "soft" separator (space, symbol,
 *   emoji, quote) between two CJK characters, or next to a character standing alone, is removed, which undoes
 *   `加 微 信`, `加*微*信`, `V.信`; sentence punctuation (，。！？ …) stays a boundary;
 * - the scammers' spellings of WeChat, QQ and Alipay (`V信`, `薇信`, `威信`, `vx`, `+v`, `扣扣`, `支付包`) to the
 *   plain words.
 *
 * The output contains only CJK characters, lower-case ASCII letters, `#` and single spaces. It is what the model's
 * n-grams are taken from, and the reasons a classification gives are substrings of it.
 */
export function normalizeText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const n = text.length;
  if (buf.length < n + 8) {
    // Chinese numerals and masks only shrink, so the output is never longer than the input.
    buf = new Uint16Array(n + 64);
    sepKind = new Uint8Array(n + 64);
  }
  const t2s = simplifiedTable();
  let len = 0;
  /** Whether the last emitted unit is a separator (then its kind is in sepKind). */
  let lastSep = true;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Surrogate pairs: emoji and rare ideographs. Circled and enclosed digits outside the BMP are rare; drop all.
    if (c >= 0xd800 && c <= 0xdbff) {
      i += 2;
      len = pushSep(len, SOFT, lastSep);
      lastSep = true;
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;

    // URLs: "http…", "www.…" up to the first character no URL holds.
    if ((c === 0x68 || c === 0x77) && startsUrl(text, i)) {
      i = urlEnd(text, i);
      len = pushSep(len, HARD, lastSep);
      lastSep = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= 0 || (c === 0x78 && isMaskRun(text, i)) || (c === 0x2a && text.charCodeAt(i + 1) === 0x2a)) {
      i = numberEnd(text, i);
      buf[len++] = HASH;
      lastSep = false;
      continue;
    }
    if (CHINESE_DIGITS[c] === 1 && chineseNumberLength(text, i) >= 4) {
      i += chineseNumberLength(text, i);
      buf[len++] = HASH;
      lastSep = false;
      continue;
    }
    if (c >= 0x61 && c <= 0x7a) {
      buf[len++] = c;
      lastSep = false;
      i++;
      continue;
    }
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
      const s = t2s[c];
      buf[len++] = s === 0 ? c : s;
      lastSep = false;
      i++;
      continue;
    }
    if (c === 0x2b && plusMeansAdd(text, i)) {
      buf[len++] = 0x52a0; // 加
      lastSep = false;
      i++;
      continue;
    }
    const kind = HARD_SEPARATORS.has(c) ? HARD : isZeroWidth(c) ? NONE : SOFT;
    i++;
    if (kind === NONE) continue;
    len = pushSep(len, kind, lastSep);
    lastSep = true;
  }
  while (len > 0 && buf[len - 1] === SPACE) len--;
  const joined = joinSplitCharacters(len);
  const folded = decoder.decode(out.subarray(0, joined));
  return replaceVariants(folded);
}

const SPACE = 0x20;
const HASH = 0x23;
const NONE = 0;
const SOFT = 1;
const HARD = 2;

let buf = new Uint16Array(512);
/** For a separator at position k of buf: SOFT or HARD (the strongest of the run it stands for). */
let sepKind = new Uint8Array(512);
let out = new Uint16Array(512);
const decoder = new TextDecoder('utf-16le');

function pushSep(len: number, kind: number, lastSep: boolean): number {
  if (len === 0) return 0;
  if (lastSep) {
    if (kind > sepKind[len - 1]) sepKind[len - 1] = kind;
    return len;
  }
  buf[len] = SPACE;
  sepKind[len] = kind;
  return len + 1;
}

function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * Removes soft separators that split words: between two CJK characters (Chinese is written without spaces, so a
 * space there is noise or obfuscation), and next to a token of one character (`v x`, `q q`, `加 v`).
 * Latin words keep their spaces ("hello world").
 */
function joinSplitCharacters(len: number): number {
  if (out.length < buf.length) out = new Uint16Array(buf.length);
  let w = 0;
  for (let r = 0; r < len; r++) {
    const c = buf[r];
    if (c === SPACE && sepKind[r] === SOFT && r > 0 && r + 1 < len) {
      const before = buf[r - 1];
      const after = buf[r + 1];
      const single = (r < 2 || buf[r - 2] === SPACE) || r + 2 >= len || buf[r + 2] === SPACE;
      if ((isCjk(before) && isCjk(after)) || single) continue;
    }
    out[w++] = c;
  }
  return w;
}

const HARD_SEPARATORS = new Set<number>(
  [...'\n\r,.，。!！?？;；:：、…—()（）【】[]{}<>《》〈〉「」『』〔〕|'].map((ch) => ch.charCodeAt(0)),
);
// '.' and '|' between single characters are soft: handled by isSoftDot below.
HARD_SEPARATORS.delete(0x2e);
HARD_SEPARATORS.delete(0x7c);

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad ||
    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x202a && c <= 0x202e);
}

/** Chinese numerals that spell digits one by one (一三八…), as in phone numbers and codes. */
const CHINESE_DIGITS = new Uint8Array(0x10000);
for (const ch of '〇零一幺壹二贰貳两三叁參四肆五伍六陆陸七柒八捌九玖') CHINESE_DIGITS[ch.charCodeAt(0)] = 1;

function chineseNumberLength(s: string, i: number): number {
  let k = i;
  while (k < s.length && CHINESE_DIGITS[s.charCodeAt(k)] === 1) k++;
  return k - i;
}

/** ASCII, full-width or circled digit value, else -1. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  if (c >= 0x2460 && c <= 0x2473) return 1; // ①-⑳
  if (c >= 0x2474 && c <= 0x249b) return 1; // ⑴-⒛ ⒈-⒛
  if (c >= 0x24ea && c <= 0x24ff) return 0; // ⓪ ⓫-⓿
  if (c >= 0x2776 && c <= 0x2793) return 1; // ❶-➓
  return -1;
}

/** A digit run goes on through one separator (space, dash, dot, comma, slash) followed by another digit. */
function numberEnd(s: string, i: number): number {
  const n = s.length;
  let k = i + 1; // the caller saw the first digit or mask character
  for (;;) {
    while (k < n) {
      const c = s.charCodeAt(k);
      if (digitValue(c) >= 0 || c === 0x2a || ((c === 0x78 || c === 0x58) && isMaskChar(s, k))) k++;
      else break;
    }
    const sep = s.charCodeAt(k);
    if (
      (sep === 0x20 || sep === 0x2d || sep === 0x2e || sep === 0x2c || sep === 0x2f || sep === 0x3a || sep === 0x3000 ||
        sep === 0xff0d) &&
      k + 1 < n && (digitValue(s.charCodeAt(k + 1)) >= 0 || isMaskRun(s, k + 1))
    ) {
      k++;
      continue;
    }
    return k;
  }
}

/** `xx`, `xxx`: corpora mask digits with runs of x (not inside a Latin word such as "box"). */
function isMaskRun(s: string, i: number): boolean {
  const c = s.charCodeAt(i) | 0x20;
  if (c !== 0x78) return s.charCodeAt(i) === 0x2a && s.charCodeAt(i + 1) === 0x2a;
  const prev = s.charCodeAt(i - 1) | 0x20;
  if (i > 0 && prev >= 0x61 && prev <= 0x7a && prev !== 0x78) return false;
  let k = i;
  while (k < s.length && (s.charCodeAt(k) | 0x20) === 0x78) k++;
  const next = s.charCodeAt(k) | 0x20;
  if (k < s.length && next >= 0x61 && next <= 0x7a) return false;
  return k - i >= 2 || digitValue(s.charCodeAt(k)) >= 0 || digitValue(s.charCodeAt(i - 1)) >= 0;
}

function isMaskChar(s: string, k: number): boolean {
  const prev = s.charCodeAt(k - 1);
  return digitValue(prev) >= 0 || prev === 0x2a || (prev | 0x20) === 0x78;
}

function startsUrl(s: string, i: number): boolean {
  const a = s.slice(i, i + 8).toLowerCase();
  return a.startsWith('http://') || a.startsWith('https://') || a.startsWith('www.');
}

function urlEnd(s: string, i: number): number {
  let k = i;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    if (c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x27 && c !== 0x3c && c !== 0x3e && c !== 0x2c) k++;
    else break;
  }
  return k;
}

/** `+v`, `+微`, `+q`: the plus stands for 加 (add me on …). */
function plusMeansAdd(s: string, i: number): boolean {
  const next = s.charCodeAt(i + 1) | 0x20;
  return next === 0x76 || next === 0x77 || next === 0x71 || PLUS_TARGETS.has(s.charCodeAt(i + 1));
}
const PLUS_TARGETS = new Set([...'微薇威徽维卫扣企好我'].map((ch) => ch.charCodeAt(0)));

const VARIANTS: Record<string, string> = {};
for (const v of ['v信', 'w信', 'wei信', '薇信', '威信', '徽信', '卫信', '危信', '维信', '喂信', '位信', '微x', '微v', 'vx', 'wx',
  'weixin', 'wechat', 'v芯', '微芯']) {
  VARIANTS[v] = '微信';
}
VARIANTS['vx号'] = '微信号';
for (const v of ['扣扣', '抠抠']) VARIANTS[v] = 'qq';
for (const v of ['支付包', '支负宝', '支fu宝', 'zfb', '吱付宝', '支付保']) VARIANTS[v] = '支付宝';
for (const v of ['yhk', '银hang卡', '银航卡']) VARIANTS[v] = '银行卡';

VARIANTS['加v'] = '加微信';

/** Variants by their first character, longest first; a Latin end must not continue a Latin word. */
const VARIANTS_BY_FIRST = new Map<number, Array<[string, string]>>();
for (const key of Object.keys(VARIANTS).sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
  const c = key.charCodeAt(0);
  const list = VARIANTS_BY_FIRST.get(c) ?? [];
  list.push([key, VARIANTS[key]]);
  VARIANTS_BY_FIRST.set(c, list);
}
const VARIANT_FIRST = new Uint8Array(0x10000);
for (const c of VARIANTS_BY_FIRST.keys()) VARIANT_FIRST[c] = 1;

function isLatin(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Replaces the variant spellings; one table read per character, a new string only when something matched. */
function replaceVariants(s: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (VARIANT_FIRST[c] === 0) continue;
    if (isLatin(c) && isLatin(s.charCodeAt(i - 1))) continue;
    for (const [key, value] of VARIANTS_BY_FIRST.get(c)!) {
      if (!s.startsWith(key, i)) continue;
      const end = i + key.length;
      if (isLatin(key.charCodeAt(key.length - 1)) && isLatin(s.charCodeAt(end))) continue;
      out += s.slice(copied, i) + value;
      copied = end;
      i = end - 1;
      break;
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

let t2sTable: Uint16Array | null = null;

/**
 * Traditional -> simplified, one BMP character to one BMP character, from OpenCC's dictionaries (opencc-js):
 * Taiwan and Hong Kong variants to the standard traditional form, then traditional to simplified. Phrase-level
 * conversion is not needed for features: only a handful of characters map differently inside phrases.
 */
function simplifiedTable(): Uint16Array {
  if (t2sTable !== null) return t2sTable;
  const table = new Uint16Array(0x10000);
  const variants = new Map<string, string>();
  const addPairs = (dict: unknown, into: (a: string, b: string) => void): void => {
    if (typeof dict === 'string') {
      for (const pair of dict.split('|')) {
        const sp = pair.indexOf(' ');
        if (sp < 0) continue;
        const a = pair.slice(0, sp);
        const b = pair.slice(sp + 1).split(' ')[0];
        if (a.length === 1 && b.length === 1) into(a, b);
      }
    } else if (Array.isArray(dict)) {
      for (const entry of dict) {
        if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
          if (entry[0].length === 1 && entry[1].length === 1) into(entry[0], entry[1]);
        }
      }
    }
  };
  for (const region of ['tw', 'hk']) {
    for (const group of openccFrom[region] ?? []) for (const dict of group) addPairs(dict, (a, b) => variants.set(a, b));
  }
  const ts = new Map<string, string>();
  for (const group of openccTo['cn'] ?? []) for (const dict of group) addPairs(dict, (a, b) => ts.set(a, b));
  for (const [a, b] of ts) table[a.charCodeAt(0)] = b.charCodeAt(0);
  for (const [a, b] of variants) {
    const s = ts.get(b) ?? b;
    if (table[a.charCodeAt(0)] === 0 && s !== a) table[a.charCodeAt(0)] = s.charCodeAt(0);
  }
  t2sTable = table;
  return table;
}
