import { parse as parseHost } from 'tldts';
import type { IndicatorKind } from '../domain/indicator.js';
import { canonicalizeUrl, canonicalPhone, normalize, normalizeBankCard } from '../indicators/normalize/index.js';

/**
 * Indicator extraction from free Chinese text: scam SMS and chat messages pasted by citizens, narratives typed by
 * hotline operators. Scammers obfuscate (full-width letters, `evil[.]com`, `e v i l . c o m`, phone numbers in
 * Chinese digits, `薇信` for 微信), so the text is first folded into a plain view that keeps, for every character,
 * where it came from; targeted scanners find candidates in that view, every candidate goes through the project's
 * one normaliser of its kind, and offsets are mapped back to the original text.
 *
 * Detection is deliberately separate from canonicalisation: nothing here decides what an indicator's canonical
 * form is, it only decides which span of text is one and hands the de-obfuscated span to the normaliser.
 */
export interface ExtractedIndicator {
  kind: IndicatorKind;
  /** The span as written in the original text. */
  raw: string;
  /** The canonical form, from the kind's normaliser. */
  canonical: string;
  /** Offsets into the original text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

/** Every indicator in the text, in order of appearance, de-duplicated by kind+canonical (first occurrence kept). */
export function extractIndicators(text: string): ExtractedIndicator[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const view = foldText(text);
  const found: Found[] = [];
  const claims = claimMask(view.text.length);
  scanCrypto(view, found, claims);
  scanAccounts(view, found, claims);
  scanUrls(view, found, claims);
  scanNumbers(view, found, claims);
  scanSameNumber(view, found);
  scanApps(view, found, claims);

  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const seen = new Set<string>();
  const out: ExtractedIndicator[] = [];
  for (const f of found) {
    const key = `${f.kind}\u0000${f.canonical}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const start = view.from[f.start];
    const end = view.to[f.end - 1];
    out.push({ kind: f.kind, raw: text.slice(start, end), canonical: f.canonical, start, end });
  }
  if (text.length > KEEP_BUFFERS_UP_TO) releaseBuffers();
  return out;
}

interface Found {
  kind: IndicatorKind;
  canonical: string;
  /** Offsets into the folded view. */
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The folded view

/** The text with obfuscations undone, and for each of its characters the original span it came from. */
interface View {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/**
 * Output of a folding pass: the folded string, and for each of its code units the span of the pass's input it came
 * from. Most characters pass through unchanged, so the string is assembled from slices of the input between the
 * changes rather than one character at a time. Instances are reused across calls (extraction is synchronous), so
 * a short message allocates no typed arrays.
 */
class Builder {
  n = 0;
  from = new Int32Array(256);
  to = new Int32Array(256);
  private src = '';
  private out = '';
  /** Input offset up to which `out` is complete; input from here to the current position was kept as is. */
  private copyFrom = 0;

  reset(src: string): this {
    this.n = 0;
    this.src = src;
    this.out = '';
    this.copyFrom = 0;
    if (this.from.length < src.length + 8) this.grow(src.length + 8);
    return this;
  }
  /** The input code units [i, i + width) pass through unchanged. */
  keep(i: number, width: number): void {
    if (this.n + width > this.from.length) this.grow(this.n + width);
    for (let k = 0; k < width; k++) {
      this.from[this.n] = i;
      this.to[this.n] = i + width;
      this.n++;
    }
  }
  /** One code unit stands for the input [from, to); several calls for one span spell an expansion. */
  put(code: number, from: number, to: number): void {
    if (this.n === this.from.length) this.grow(this.n + 1);
    if (this.copyFrom < from) this.out += this.src.slice(this.copyFrom, from);
    this.copyFrom = to;
    this.out += String.fromCharCode(code);
    this.from[this.n] = from;
    this.to[this.n] = to;
    this.n++;
  }
  /** The input [from, to) leaves nothing behind. */
  drop(from: number, to: number): void {
    if (this.copyFrom < from) this.out += this.src.slice(this.copyFrom, from);
    this.copyFrom = to;
  }
  text(): string {
    return this.copyFrom === 0 ? this.src : this.out + this.src.slice(this.copyFrom);
  }
  private grow(min: number): void {
    const cap = Math.max(min, this.from.length * 2);
    const from = new Int32Array(cap);
    const to = new Int32Array(cap);
    from.set(this.from.subarray(0, this.n));
    to.set(this.to.subarray(0, this.n));
    this.from = from;
    this.to = to;
  }
}

let pass1 = new Builder();
let pass2 = new Builder();
let composedFrom = new Int32Array(256);
let composedTo = new Int32Array(256);

/** Scratch buffers sized for one huge text are not worth keeping for the next SMS. */
const KEEP_BUFFERS_UP_TO = 1 << 16;

function releaseBuffers(): void {
  pass1 = new Builder();
  pass2 = new Builder();
  composedFrom = new Int32Array(256);
  composedTo = new Int32Array(256);
  claimBuffer = new Uint8Array(1024);
}

function foldText(text: string): View {
  const first = foldChars(text, pass1.reset(text));
  const t1 = first.text();
  if (!needsSequenceFold(t1)) return { text: t1, from: first.from, to: first.to };
  const second = foldSequences(t1, pass2.reset(t1));
  const n = second.n;
  if (composedFrom.length < n) {
    composedFrom = new Int32Array(n * 2);
    composedTo = new Int32Array(n * 2);
  }
  for (let k = 0; k < n; k++) {
    composedFrom[k] = first.from[second.from[k]];
    composedTo[k] = first.to[second.to[k] - 1];
  }
  return { text: second.text(), from: composedFrom, to: composedTo };
}

/** Pass 2 only changes text with a space, a bracket or 点 in it. */
function needsSequenceFold(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x5b || c === 0x28 || c === 0x7b || c === 0x3c || c === 0x3010) return true;
    if (c === 0x70b9 || c === 0x9ede) return true; // 点 點
  }
  return false;
}

const CHINESE_DIGITS = new Map<number, number>(
  [
    ['〇', '0'], ['零', '0'], ['一', '1'], ['幺', '1'], ['壹', '1'], ['二', '2'], ['贰', '2'], ['貳', '2'],
    ['三', '3'], ['叁', '3'], ['參', '3'], ['四', '4'], ['肆', '4'], ['五', '5'], ['伍', '5'], ['六', '6'], ['陆', '6'],
    ['陸', '6'], ['七', '7'], ['柒', '7'], ['八', '8'], ['捌', '8'], ['九', '9'], ['玖', '9'],
  ].map(([ch, d]) => [ch.charCodeAt(0), d.charCodeAt(0)]),
);

/** Circled and parenthesised digit forms people use to dodge digit filters (①③⑧, ❶❸❽, ➀➂➇). */
function circledDigit(c: number): number {
  if (c >= 0x2460 && c <= 0x2468) return c - 0x2460 + 1; // ①-⑨
  if (c === 0x24ea || c === 0x24ff || c === 0x1f10b || c === 0x1f10c) return 0; // ⓪ ⓿
  if (c >= 0x2776 && c <= 0x277e) return c - 0x2776 + 1; // ❶-❾
  if (c >= 0x2780 && c <= 0x2788) return c - 0x2780 + 1; // ➀-➈
  if (c >= 0x278a && c <= 0x2792) return c - 0x278a + 1; // ➊-➒
  if (c >= 0x24f5 && c <= 0x24fd) return c - 0x24f5 + 1; // ⓵-⓽
  if (c >= 0x2474 && c <= 0x247c) return c - 0x2474 + 1; // ⑴-⑼
  if (c >= 0x2488 && c <= 0x2490) return c - 0x2488 + 1; // ⒈-⒐
  return -1;
}

function isZeroWidth(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad || c === 0x180e ||
    (c >= 0x202a && c <= 0x202e) || (c >= 0xfe00 && c <= 0xfe0f)
  );
}

function isSpaceLike(c: number): boolean {
  return c === 0x09 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f;
}

function isDashLike(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63 || c === 0x30fc || c === 0x2e3a;
}

/** NFKC of one code point when it folds to plain ASCII (𝐞𝐯𝐢𝐥, ⓦ, ㏄), else null; cached, as NFKC is not cheap. */
const nfkcCache = new Map<number, string | null>();
function asciiFold(cp: number): string | null {
  let v = nfkcCache.get(cp);
  if (v !== undefined) return v;
  const s = String.fromCodePoint(cp);
  const n = s.normalize('NFKC');
  v = null;
  if (n !== s && n.length > 0) {
    let ascii = true;
    for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) > 0x7e || n.charCodeAt(i) < 0x20) ascii = false;
    if (ascii) v = n;
  }
  nfkcCache.set(cp, v);
  return v;
}

/** Whether a code point may fold to ASCII under NFKC; CJK ideographs and most scripts never do. */
function mayFoldToAscii(cp: number): boolean {
  return (cp >= 0xa0 && cp < 0x3400) || (cp >= 0xfb00 && cp <= 0xffef) || (cp >= 0x1d400 && cp <= 0x1d7ff) ||
    (cp >= 0x1f100 && cp <= 0x1f1ff);
}

/**
 * Pass 1, character by character: full-width ASCII to ASCII, other compatibility forms that NFKC maps to ASCII,
 * the ideographic full stop to '.' between the labels of a domain, exotic spaces to ' ', dashes to '-', circled
 * digits to digits, zero-width characters dropped, and Chinese digits to digits — but only inside a digit run at
 * least as long as a phone number, so that "一三八一二三四五六七八" becomes a number while "一个" and
 * "一二三四五种情况" stay words.
 */
function foldChars(s: string, b: Builder): Builder {
  const n = s.length;
  let cnConvertEnd = -1;
  let cnCheckedEnd = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x09) b.put(0x20, i, i + 1);
      else if (c === 0x0d) b.put(0x0a, i, i + 1);
      else b.keep(i, 1);
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) {
      b.put(c - 0xfee0, i, i + 1);
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      const digit = CHINESE_DIGITS.get(c);
      if (digit !== undefined) {
        if (i >= cnCheckedEnd) {
          const end = chineseDigitRunEnd(s, i);
          cnCheckedEnd = end.end;
          cnConvertEnd = end.convert ? end.end : -1;
        }
        if (i < cnConvertEnd) {
          b.put(digit, i, i + 1);
          continue;
        }
      }
      b.keep(i, 1);
      continue;
    }
    if ((c === 0x3002 || c === 0xff61) && isWordChar(s.charCodeAt(i - 1)) && isWordLetter(s.charCodeAt(i + 1))) {
      // "evil。com"; elsewhere "。" ends a sentence, and read as '.' it would glue "5678。2024" into a decimal.
      b.put(0x2e, i, i + 1);
      continue;
    }
    if (isSpaceLike(c)) {
      b.put(0x20, i, i + 1);
      continue;
    }
    if (isZeroWidth(c)) {
      b.drop(i, i + 1);
      continue;
    }
    if (isDashLike(c)) {
      b.put(0x2d, i, i + 1);
      continue;
    }
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const circled = circledDigit(cp);
    if (circled >= 0) {
      b.put(0x30 + circled, i, i + width);
      i += width - 1;
      continue;
    }
    const folded = mayFoldToAscii(cp) ? asciiFold(cp) : null;
    if (folded !== null) {
      for (let k = 0; k < folded.length; k++) b.put(folded.charCodeAt(k), i, i + width);
    } else {
      b.keep(i, width);
    }
    i += width - 1;
  }
  return b;
}

/** ASCII or full-width letter or digit. */
function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || (c >= 0xff10 && c <= 0xff19) || isWordLetter(c);
}

/** ASCII or full-width letter. */
function isWordLetter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

function isDigitish(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || CHINESE_DIGITS.has(c) || circledDigit(c) >= 0;
}

/** End of the digit run (Chinese, ASCII or full-width digits, single spaces or dashes between) starting at i. */
function chineseDigitRunEnd(s: string, i: number): { end: number; convert: boolean } {
  let digits = 0;
  let chinese = 0;
  let j = i;
  while (j < s.length) {
    if (isDigitish(s, j)) {
      digits++;
      if (CHINESE_DIGITS.has(s.charCodeAt(j))) chinese++;
      j++;
      continue;
    }
    const c = s.charCodeAt(j);
    if ((c === 0x20 || c === 0x2d || c === 0x3000 || isDashLike(c)) && j + 1 < s.length && isDigitish(s, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  // At least three Chinese digits: one next to a number is a word ("第一", "漏洞") that must not spoil the number.
  return { end: j, convert: digits >= 7 && chinese >= 3 };
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A letter or digit standing alone between spaces: a piece of a spaced-out word ("e v i l", "1 3 8"). */
function isLoneChar(t: string, k: number): boolean {
  if (k < 0 || k >= t.length) return false;
  const c = t.charCodeAt(k);
  if (c === 0x2e) return true;
  return isAsciiAlnum(c) && !isAsciiAlnum(t.charCodeAt(k - 1)) && !isAsciiAlnum(t.charCodeAt(k + 1));
}

// Not " dot ": "the dot com bubble" would become a domain.
const DEFANGED_DOTS = ['[.]', '(.)', '{.}', '<.>', '【.】', '[dot]', '(dot)', '{dot}', '<dot>', '【dot】'];

/**
 * Pass 2, over sequences: defanged dots (`evil[.]com`, `evil(dot)com`, `evil点com`) become '.',
 * and spaces inserted into a domain or number are dropped: between single characters of a spaced-out word
 * (`e v i l . c o m`, `1 3 8 …`) and around a dot that has a space before it (`evil . com`, `evil .com`).
 * A space after a sentence's full stop ("done. Next") stays.
 */
function foldSequences(t: string, b: Builder): Builder {
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x5b || c === 0x28 || c === 0x7b || c === 0x3c || c === 0x3010) {
      const len = defangedDotAt(t, i);
      if (len > 0) {
        b.put(0x2e, i, i + len);
        i += len - 1;
        continue;
      }
    }
    const isDian = c === 0x70b9 || c === 0x9ede; // 点 點
    if (isDian && isAsciiAlnum(t.charCodeAt(i - 1)) && isAsciiLetter(t.charCodeAt(i + 1))) {
      b.put(0x2e, i, i + 1);
      continue;
    }
    if (c === 0x20) {
      // Spaces before a dot that continues into a label: "evil . com", "evil .com".
      let j = i;
      while (j < n && t.charCodeAt(j) === 0x20) j++;
      if (t.charCodeAt(j) === 0x2e && isAsciiAlnum(t.charCodeAt(i - 1)) && j - i <= 2) {
        let k = j + 1;
        while (k < n && t.charCodeAt(k) === 0x20) k++;
        if (isAsciiAlnum(t.charCodeAt(k)) && k - j - 1 <= 2) {
          // Drop the spaces before the dot, keep the dot, and drop the spaces after it.
          b.drop(i, j);
          b.put(0x2e, j, j + 1);
          b.drop(j + 1, k);
          i = k - 1;
          continue;
        }
      }
      // A single space between two lone characters of a spaced-out word.
      if (t.charCodeAt(i + 1) !== 0x20 && isLoneChar(t, i - 1) && isLoneChar(t, i + 1)) {
        b.drop(i, i + 1);
        continue;
      }
    }
    b.keep(i, 1);
  }
  return b;
}

function defangedDotAt(t: string, i: number): number {
  if (!isAsciiAlnum(t.charCodeAt(i - 1))) return 0;
  for (const token of DEFANGED_DOTS) {
    if (i + token.length > t.length) continue;
    let match = true;
    for (let k = 0; k < token.length; k++) {
      if ((t.charCodeAt(i + k) | (isAsciiLetter(t.charCodeAt(i + k)) ? 0x20 : 0)) !== token.charCodeAt(k)) {
        match = false;
        break;
      }
    }
    if (match && isAsciiAlnum(t.charCodeAt(i + token.length))) return token.length;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Claims: a span found by one scanner is not looked at again by the next (a QQ number is not also a phone).

let claimBuffer = new Uint8Array(1024);

/** One flag per character of the view, cleared; reused across calls. */
function claimMask(n: number): Uint8Array {
  if (claimBuffer.length <= n) claimBuffer = new Uint8Array(n * 2);
  claimBuffer.fill(0, 0, n + 1);
  return claimBuffer;
}

function claimed(claims: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (claims[k] === 1) return true;
  return false;
}

function add(
  found: Found[],
  claims: Uint8Array,
  kind: IndicatorKind,
  canonical: string,
  start: number,
  end: number,
): void {
  found.push({ kind, canonical, start, end });
  claims.fill(1, start, end);
}

// ---------------------------------------------------------------------------------------------------------------
// Crypto addresses

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
const CRYPTO_RE = new RegExp(
  '(?<![A-Za-z0-9])(?:' +
    [
      '0x[0-9a-fA-F]{40}', // EVM
      `T${BASE58}{33}`, // TRON
      'bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71}', // Bitcoin SegWit, one case throughout
      `[13]${BASE58}{25,33}`, // Bitcoin legacy
    ].join('|') +
    ')(?![A-Za-z0-9])',
  'g',
);

function scanCrypto(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  CRYPTO_RE.lastIndex = 0;
  for (let m = CRYPTO_RE.exec(t); m !== null; m = CRYPTO_RE.exec(t)) {
    const s = m[0];
    const r = normalize('crypto_address', s);
    if (!r.ok) continue;
    // EVM and TRON shapes are unmistakable; a Bitcoin one could be any alphanumeric token, so it must check out.
    const c0 = s.charCodeAt(0);
    if (c0 === 0x31 || c0 === 0x33 || c0 === 0x62 || c0 === 0x42) {
      if (!/[A-Za-z]/.test(s) || checksumOf(r.info) !== true) continue;
    }
    add(found, claims, 'crypto_address', r.canonical, m.index, m.index + s.length);
  }
}

function checksumOf(info: unknown): boolean | null {
  if (typeof info === 'object' && info !== null && 'checksumValid' in info) {
    const v = (info as { checksumValid: unknown }).checksumValid;
    return typeof v === 'boolean' ? v : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts introduced by a keyword: QQ, WeChat, Telegram, WhatsApp, Alipay

type AccountScheme = 'qq' | 'wechat' | 'telegram' | 'whatsapp' | 'alipay';

/** Keywords as people and scammers write them, homophones included; a single space may split a CJK keyword. */
const ACCOUNT_KEYWORDS: ReadonlyArray<readonly [string, AccountScheme]> = [
  ['qq群', 'qq'], ['q群', 'qq'], ['q裙', 'qq'], ['扣扣群', 'qq'], ['扣群', 'qq'], ['qq', 'qq'], ['扣扣', 'qq'],
  ['企鹅号', 'qq'], ['q号', 'qq'], ['群号', 'qq'],
  ['微信', 'wechat'], ['威信', 'wechat'], ['薇信', 'wechat'], ['徽信', 'wechat'], ['维信', 'wechat'], ['微芯', 'wechat'],
  ['v信', 'wechat'], ['vx', 'wechat'], ['wx', 'wechat'], ['weixin', 'wechat'], ['wechat', 'wechat'], ['加v', 'wechat'],
  ['加微', 'wechat'],
  ['telegram', 'telegram'], ['tg', 'telegram'], ['电报', 'telegram'], ['纸飞机', 'telegram'], ['飞机号', 'telegram'],
  ['whatsapp', 'whatsapp'],
  ['支付宝', 'alipay'], ['alipay', 'alipay'], ['zfb', 'alipay'],
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SCHEMES: AccountScheme[] = ['qq', 'wechat', 'telegram', 'whatsapp', 'alipay'];

// One alternation per scheme, longest keyword first; CJK keywords tolerate one space between characters
// ("加 微 信"). An ASCII keyword must not be the tail of a word ("faq"), and "wx" must not be the head of "wxid_".
const ACCOUNT_RE = new RegExp(
  SCHEMES.map((scheme) => {
    const words = ACCOUNT_KEYWORDS.filter(([, s]) => s === scheme)
      .map(([w]) => w)
      .sort((a, b) => b.length - a.length)
      .map((w) => [...w].map(escapeRe).join(' ?') + (w === 'wx' ? '(?!id_)' : ''));
    return `(?<${scheme}>${words.join('|')})`;
  }).join('|'),
  'gi',
);
const KEYWORD_BOUNDARY = /[a-z]/i;

/** What may sit between a keyword and the account: "号", "账号", "是", "：", "id", "搜索" … */
const CONNECTOR_RE = /(?:[ \t:=]|号码|群号码|群号|号(?!同)|收款|账号|帐号|账户|帐户|id(?![a-z0-9_])|是|为|搜索|搜|添加|加)*/iy;

const MOBILE_PART = '(?:\\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])';
const ID_RE: Record<AccountScheme, RegExp> = {
  qq: /[1-9][0-9]{4,10}(?![0-9]|\.[0-9])/y,
  wechat: new RegExp(`(?:wxid_[a-z0-9_-]{4,30}|${MOBILE_PART}|[a-z][a-z0-9_-]{5,19})(?![a-z0-9_-]|\\.[a-z0-9])`, 'iy'),
  telegram: /@?[a-z][a-z0-9_]{4,31}(?![a-z0-9_]|\.[a-z0-9])/iy,
  whatsapp: /\+?[0-9](?:[ -]?[0-9]){6,14}(?![0-9])/y,
  alipay: new RegExp(
    `(?:[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?![a-z0-9])|${MOBILE_PART}|[0-9]{5,20}(?![0-9]))`,
    'iy',
  ),
};

// A system-assigned WeChat id names its own scheme wherever it stands.
const WXID_RE = /(?<![a-z0-9_-])wxid_[a-z0-9_-]{4,30}(?![a-z0-9_-])/gi;

function scanAccounts(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  ACCOUNT_RE.lastIndex = 0;
  for (let m = ACCOUNT_RE.exec(t); m !== null; m = ACCOUNT_RE.exec(t)) {
    const keyword = m[0];
    const kwEnd = m.index + keyword.length;
    // Keywords overlap ("加微信": "加微" fails, "微信" may not), so a miss resumes one character on.
    ACCOUNT_RE.lastIndex = m.index + 1;
    if (isAsciiLetter(keyword.charCodeAt(0)) && KEYWORD_BOUNDARY.test(t[m.index - 1] ?? '')) continue;
    const groups = m.groups!;
    const scheme = SCHEMES.find((s) => groups[s] !== undefined)!;

    CONNECTOR_RE.lastIndex = kwEnd;
    const connector = CONNECTOR_RE.exec(t)![0];
    if (connector.length > 12) continue;
    const idStart = kwEnd + connector.length;
    const idRe = ID_RE[scheme];
    idRe.lastIndex = idStart;
    const idm = idRe.exec(t);
    if (idm === null) continue;
    const id = idm[0];
    // An ASCII keyword cannot run into the id ("wxabc123" is a word, not "wx" + "abc123"), except QQ123456.
    if (connector.length === 0 && isAsciiLetter(keyword.charCodeAt(keyword.length - 1)) &&
        !(scheme === 'qq' && isDigit(id.charCodeAt(0)))) {
      continue;
    }
    const idEnd = idStart + id.length;
    if (claimed(claims, idStart, idEnd)) continue;
    const kind = scheme === 'alipay' ? 'payment_account' : 'im_account';
    const r = normalize(kind, `${scheme}:${id}`);
    if (!r.ok) continue;
    add(found, claims, kind, r.canonical, idStart, idEnd);
    ACCOUNT_RE.lastIndex = idEnd;
  }

  if (/wxid_/i.test(t)) {
    WXID_RE.lastIndex = 0;
    for (let m = WXID_RE.exec(t); m !== null; m = WXID_RE.exec(t)) {
      const end = m.index + m[0].length;
      if (claimed(claims, m.index, end)) continue;
      const r = normalize('im_account', m[0]);
      if (r.ok) add(found, claims, 'im_account', r.canonical, m.index, end);
    }
  }
}

/** "微信同号", "QQ同号", "同微信": the account is the phone number written next to it. */
const SAME_NUMBER_RE = /(?:(?<wechat>微 ?信|威信|薇信|v信|vx|wx)|(?<qq>qq|扣扣))号? ?同号|同微信/gi;

const SAME_GAP = /^[ (（)）/、,，:：;；]*$/;

/**
 * Runs after the number scanner: the phone next to "微信同号" ("13812345678（微信同号）", "微信同号：138…") is
 * also the WeChat account, so both indicators are reported over the same span.
 */
function scanSameNumber(view: View, found: Found[]): void {
  const t = view.text;
  if (t.indexOf('同') < 0) return;
  let phones: Found[] | null = null;
  SAME_NUMBER_RE.lastIndex = 0;
  for (let m = SAME_NUMBER_RE.exec(t); m !== null; m = SAME_NUMBER_RE.exec(t)) {
    const scheme = m.groups!.qq !== undefined ? 'qq' : 'wechat';
    const kwStart = m.index;
    const kwEnd = m.index + m[0].length;
    // Mobile numbers in order of position (the number scanner adds them left to right).
    phones ??= found.filter((f) => f.kind === 'phone' && f.canonical.startsWith('+861') && f.canonical.length === 14);
    let lo = 0;
    let hi = phones.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (phones[mid].start < kwEnd) lo = mid + 1;
      else hi = mid;
    }
    // The number just before the keyword ("138…（微信同号）"), else the one just after ("微信同号：138…").
    const before = lo > 0 && phones[lo - 1].end <= kwStart ? phones[lo - 1] : null;
    const after = lo < phones.length ? phones[lo] : null;
    let best: Found | null = null;
    if (before !== null && kwStart - before.end <= 4 && SAME_GAP.test(t.slice(before.end, kwStart))) best = before;
    else if (after !== null && after.start - kwEnd <= 4 && SAME_GAP.test(t.slice(kwEnd, after.start))) best = after;
    if (best === null) continue;
    const r = normalize('im_account', `${scheme}:${t.slice(best.start, best.end)}`);
    if (r.ok) found.push({ kind: 'im_account', canonical: r.canonical, start: best.start, end: best.end });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Apps named in an instruction to install them: 下载“会讯通”, 下载云闪付APP, 安装一款名叫“安心保”的软件

const APP_QUOTED_RE = /(?:下载|安装)[^“"「《【\n]{0,8}?[“"「《【]([^”"」》】\n]{1,20})[”"」》】]/dg;
const APP_SUFFIXED_RE = new RegExp(
  '(?:下载|安装)(?:并?安装)?(?:一个|一款|这款|这个|该|名为|名叫|叫做?|我们的?|官方的?|专属的?|专用的?)*[ ]?' +
    '([\\u4e00-\\u9fffA-Za-z0-9]{2,10}?)[ ]?(?:app|软件|客户端)',
  'dgi',
);
/** Words that fill the slot of a name without being one ("下载官方APP", "下载一个聊天软件"). */
const NOT_APP_NAMES = new Set([
  'app', '软件', '客户端', '应用', '官方', '最新版', '手机', '这个', '一个', '一款', '该', '安装包', '官网', '特定', '指定',
  '专用', '专属', '聊天', '视频', '视频会议', '视频通话', '会议', '贷款', '金融', '正规', '安全', '监控', '录屏', '银行',
]);
/** "两个", "三款", "我们的", "和使用本": counts and phrases, not names. */
const NOT_APP_NAME_RE = /^[一二两三四五六七八九十几多][个款]|[的和并与或这那]|^(?:我们|你们|他们|注册|登录|使用|了|相关|安装)/;

function scanApps(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  if (t.indexOf('下载') < 0 && t.indexOf('安装') < 0) return;
  for (const re of [APP_QUOTED_RE, APP_SUFFIXED_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      // "上课宝云课堂APP" is the app 上课宝云课堂.
      const name = m[1].trim().replace(/[ ]?(?:app|软件|客户端)$/i, '');
      if (name.length < 2 || NOT_APP_NAMES.has(name.toLowerCase())) continue;
      if (re === APP_SUFFIXED_RE && NOT_APP_NAME_RE.test(name)) continue;
      const start = m.indices![1][0] + (m[1].length - m[1].trimStart().length);
      const end = start + name.length;
      if (claimed(claims, start, end)) continue;
      const r = normalize('app', `name:${name}`);
      if (r.ok) add(found, claims, 'app', r.canonical, start, end);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// URLs, with or without scheme

// Scheme (optional), host (dotted labels ending in a letter label, or an IPv4 address), port, path. The path is
// printable ASCII only, so it stops at the first space or CJK character ("evil.com/x领取").
const URL_RE = new RegExp(
  [
    '(?<![a-z0-9_@./-])', // not inside a word, an e-mail address or a longer dotted name
    '(?:(?:https?|hxxps?)://)?',
    '(?:(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?', // labels, letter TLD
    '|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})', // or IPv4
    '(?![a-z0-9_-])',
    '(?::[0-9]{1,5}(?![0-9]))?', // port
    '(?:[/?#][!-~]*)?', // path, query, fragment: printable ASCII
  ].join(''),
  'gi',
);
const SCHEME_RE = /^(?:https?|hxxps?):\/\//i;
const IPV4_HOST_RE = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/;

/**
 * Top-level domains that are far more often file extensions or abbreviations in a message than domains; a bare
 * `name.<tld>` with one of them is read as a domain only with a scheme, `www.` or a path.
 */
const AMBIGUOUS_TLDS = new Set([
  'zip', 'mov', 'md', 'py', 'sh', 'pl', 'rs', 'ps', 'so', 'pm', 'mp', 'java', 'mobi', 'et', 'cab', 'cat', 'silk',
]);
/** "Mr.Li", "Dr.Wang", "No.1": abbreviations that happen to end in a real TLD. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'vol', 'fig', 'jr', 'sr', 'vs', 'etc', 'eg', 'ie', 'e', 'i', 'a', 'p',
]);

// As in url.ts: the host is already extracted and clean.
const PSL_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;

function scanUrls(view: View, found: Found[], claims: Uint8Array): void {
  const t = view.text;
  if (t.indexOf('.') < 0) return;
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(t); m !== null; m = URL_RE.exec(t)) {
    let s = m[0];
    const start = m.index;
    const scheme = SCHEME_RE.exec(s);
    const hostStart = scheme ? scheme[0].length : 0;
    let hostEnd = hostStart;
    while (hostEnd < s.length && !isHostEnd(s.charCodeAt(hostEnd))) hostEnd++;
    s = trimTrailing(s, hostEnd);
    const host = s.slice(hostStart, hostEnd).toLowerCase();
    const hasRest = s.length > hostEnd;
    const end = start + s.length;
    if (claimed(claims, start, end)) continue;

    if (!scheme && !acceptBareHost(host, hasRest)) continue;
    const r = canonicalizeUrl(s);
    if (!r.ok) continue;
    add(found, claims, 'url', r.canonical, start, end);
  }
}

function isHostEnd(c: number): boolean {
  return c === 0x3a || c === 0x2f || c === 0x3f || c === 0x23;
}

/** Drops punctuation that ends the sentence rather than the URL: "evil.com/a.", "(evil.com/a)", "evil.com/a,". */
function trimTrailing(s: string, hostEnd: number): string {
  let end = s.length;
  let counts: Map<string, number> | null = null;
  while (end > hostEnd) {
    const ch = s[end - 1];
    if ('.,;:!?\'"*`~([{<'.includes(ch)) {
      end--;
      if (counts !== null) counts.set(ch, (counts.get(ch) ?? 0) - 1);
      continue;
    }
    const open = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : ch === '>' ? '<' : '';
    if (open === '') break;
    if (counts === null) {
      counts = new Map();
      for (let i = 0; i < end; i++) counts.set(s[i], (counts.get(s[i]) ?? 0) + 1);
    }
    // A closing bracket ends the URL only when the URL did not open it: "(evil.com/a)" but "evil.com/a_(b)".
    if ((counts.get(open) ?? 0) >= (counts.get(ch) ?? 0)) break;
    counts.set(ch, counts.get(ch)! - 1);
    end--;
  }
  return s.slice(0, end);
}

/** A host written without a scheme is a domain only under a suffix the public suffix list knows. */
function acceptBareHost(host: string, hasRest: boolean): boolean {
  if (IPV4_HOST_RE.test(host)) return hasRest; // "192.168.1.1/login" yes, a bare dotted quad may be a version
  const p = parseHost(host, PSL_OPTIONS);
  if (!(p.isIcann || p.isPrivate) || p.domain === null || p.publicSuffix === null) return false;
  const www = host.startsWith('www.');
  if (!www && !hasRest && p.subdomain === '') {
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (AMBIGUOUS_TLDS.has(tld)) return false;
    const label = p.domainWithoutSuffix ?? '';
    if (ABBREVIATIONS.has(label)) return false;
    if (/^[0-9]{1,2}$/.test(label)) return false; // list numbering: "1.App下载", "2.Name的果实"
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
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
const AMOUNT_BEFORE =
  /(?:薪|工资|收入|价格?|费|金额|额度|余额|共计?|合计|总计|借款?|贷款?|还款?|赚|付款?|转账|转|充值|提现|奖金|红包|返现|返利|佣金|利息|第|¥|￥|\$|rmb|cny|usd)[ :]{0,2}$/i;
/** Words that say a short number is one to call or text: "拨打95588", "向12345投诉", "10086客服". */
const SERVICE_BEFORE = new RegExp(
  '(?:拨打|拨|打|致电|电话|热线|专线|客服|中心|报警|求助|联系|回拨|来电|号码|短信|发送|回复|官方|咨询|投诉|举报|' +
    '向|给|call|tel|[:(【\\[「“"\'])[ ]?$',
  'i',
);
const SERVICE_AFTER = /^[ ]?(?:热线|客服|电话|官方|人工|查询|咨询|投诉|举报|短信|来电|号码|服务|核实|确认|反映|[)】\]」”"'])/;
/** Labels of numbers that are not phone numbers: staff, order, student, postcode, a card's last digits. */
const OTHER_NUMBER_LABELS = new RegExp(
  '(?:订单号?|运单号?|快递单?号?|物流单?号?|工号|编号|单号|学号|序号|房号|房间|车号|批号|型号|期号|代码|编码|邮编|' +
    '尾号|后四位|后五位|股票|证券|代号|排名|考号|准考证|商品|id)[ :是为]{0,3}$',
  'i',
);
const CARD_WORDS = /卡号|银行卡|储蓄卡|信用卡|借记卡|账号|帐号|账户|帐户|收款|转账|汇款|转入|打款|打到|银行|开户/;
const ID_WORDS = /身份证|证件号/;

function scanNumbers(view: View, found: Found[], claims: Uint8Array): void {
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

interface NumberHit {
  kind: 'phone' | 'bank_card';
  canonical: string;
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

function phone(raw: string): NumberHit | null {
  const c = canonicalPhone(raw);
  return c === null ? null : { kind: 'phone', canonical: c };
}

/**
 * A five-digit number is read as a service number only where the text treats it as one: the whole message, or
 * next to a word about calling, texting or complaining. Otherwise "达到10000" or "工号12345" would be phones.
 */
function serviceContext(t: string, start: number, end: number, lookBehind: string): boolean {
  if (AMOUNT_BEFORE.test(lookBehind) || OTHER_NUMBER_LABELS.test(lookBehind)) return false;
  if (onlySpaceBefore(t, start) && onlySpaceAfter(t, end)) return true;
  return SERVICE_BEFORE.test(lookBehind) || SERVICE_AFTER.test(t.slice(end, end + 4));
}

function onlySpaceBefore(t: string, i: number): boolean {
  while (i > 0 && /\s/.test(t[i - 1])) i--;
  return i === 0;
}

function onlySpaceAfter(t: string, i: number): boolean {
  while (i < t.length && /\s/.test(t[i])) i++;
  return i === t.length;
}

/** 95xxx / 96xxx (banks, insurers, hotlines like 96110), 100xx (carriers' 10086 / 10010 / 10000), 12xxx (12345). */
function isServiceNumber(d: string): boolean {
  return /^(?:9[56][0-9]{3}|100[0-9]{2}|12[0-9]{3})$/.test(d);
}

/**
 * A 16-19 digit number is a card when the BIN table knows it at that length, when it passes Luhn with a card
 * network's first digit, or when the text says it is an account ("卡号", "转账到"); 12-15 digits (some banks'
 * account numbers) only with such a word. Chinese ID numbers (18 digits, valid date and check digit) are never cards.
 */
function card(t: string, d: string, start: number): NumberHit | null {
  const near = t.slice(Math.max(0, start - 16), start);
  if (OTHER_NUMBER_LABELS.test(near)) return null;
  if (d.length === 18 && (isChineseIdNumber(d) || ID_WORDS.test(near))) return null;
  const r = normalizeBankCard(d);
  if (!r.ok) return null;
  const keyword = CARD_WORDS.test(near);
  if (d.length < 16) return keyword ? { kind: 'bank_card', canonical: r.canonical } : null;
  const info = r.info;
  const first = d.charCodeAt(0);
  const network = first === 0x33 || first === 0x34 || first === 0x35 || first === 0x36 || first === 0x39;
  if ((info.bin !== null && info.lengthMatches === true) || (info.luhnValid && network) || keyword) {
    return { kind: 'bank_card', canonical: r.canonical };
  }
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 resident ID number: region, birth date, sequence, ISO 7064 MOD 11-2 check digit. */
function isChineseIdNumber(d: string): boolean {
  if (d.length !== 18 || d[0] === '0') return false;
  const year = Number(d.slice(6, 10));
  const month = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (d.charCodeAt(k) - 0x30) * ID_WEIGHTS[k];
  return ID_CHECK[sum % 11] === d[17];
}
