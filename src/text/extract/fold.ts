// The folded view: the text with obfuscations undone, and the character helpers the scanners share.

/** The text with obfuscations undone, and for each of its characters the original span it came from. */
export interface View {
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

/** Drops the folding passes' scratch buffers grown for a huge text (the claims have their own). */
export function releaseFoldBuffers(): void {
  pass1 = new Builder();
  pass2 = new Builder();
  composedFrom = new Int32Array(256);
  composedTo = new Int32Array(256);
}

export function foldText(text: string): View {
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

export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

export function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

export function isDigit(c: number): boolean {
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
