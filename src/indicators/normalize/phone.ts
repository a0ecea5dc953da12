import { mobileRegionId, phoneSegments } from './phone-segments.js';
import { invalid, type NormalizeResult } from './result.js';

export interface PhoneInfo {
  /** '+8613812345678' */
  e164: string;
  /** '86', '1', '886' ... */
  countryCode: string;
  /** ISO 3166 country ('CN', 'US', 'TW', 'HK' ...) when the calling code names one; null for non-geographic codes. */
  region: string | null;
  type: 'mobile' | 'fixed' | 'service' | 'virtual' | 'iot' | 'overseas' | 'unknown';
  /** MVNO segment 162/165/167/170/171. */
  virtual: boolean;
  /** Not +86 (HK, MO and TW count as overseas here). */
  overseas: boolean;
  /** '中国移动', '中国联通虚拟运营商' ... */
  carrier: string | null;
  /** '山东' */
  province: string | null;
  /** '济南' */
  city: string | null;
  /** '0531' */
  areaCode: string | null;
}

export interface PhoneOptions {
  /** Calling code for numbers written without one; '86' when not given. */
  defaultCallingCode?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Calling codes (ITU-T E.164 assignments in use, 1-3 digits) with the country each names; '-' = non-geographic.
// E.164 codes are prefix-free, so reading 1, then 2, then 3 digits finds at most one.
const CALLING_CODES =
  '1 US|7 RU|20 EG|27 ZA|30 GR|31 NL|32 BE|33 FR|34 ES|36 HU|39 IT|40 RO|41 CH|43 AT|44 GB|45 DK|46 SE|47 NO|' +
  '48 PL|49 DE|51 PE|52 MX|53 CU|54 AR|55 BR|56 CL|57 CO|58 VE|60 MY|61 AU|62 ID|63 PH|64 NZ|65 SG|66 TH|81 JP|' +
  '82 KR|84 VN|86 CN|90 TR|91 IN|92 PK|93 AF|94 LK|95 MM|98 IR|' +
  '211 SS|212 MA|213 DZ|216 TN|218 LY|220 GM|221 SN|222 MR|223 ML|224 GN|225 CI|226 BF|227 NE|228 TG|229 BJ|' +
  '230 MU|231 LR|232 SL|233 GH|234 NG|235 TD|236 CF|237 CM|238 CV|239 ST|240 GQ|241 GA|242 CG|243 CD|244 AO|' +
  '245 GW|246 IO|247 AC|248 SC|249 SD|250 RW|251 ET|252 SO|253 DJ|254 KE|255 TZ|256 UG|257 BI|258 MZ|260 ZM|' +
  '261 MG|262 RE|263 ZW|264 NA|265 MW|266 LS|267 BW|268 SZ|269 KM|290 SH|291 ER|297 AW|298 FO|299 GL|' +
  '350 GI|351 PT|352 LU|353 IE|354 IS|355 AL|356 MT|357 CY|358 FI|359 BG|370 LT|371 LV|372 EE|373 MD|374 AM|' +
  '375 BY|376 AD|377 MC|378 SM|380 UA|381 RS|382 ME|383 XK|385 HR|386 SI|387 BA|389 MK|420 CZ|421 SK|423 LI|' +
  '500 FK|501 BZ|502 GT|503 SV|504 HN|505 NI|506 CR|507 PA|508 PM|509 HT|590 GP|591 BO|592 GY|593 EC|594 GF|' +
  '595 PY|596 MQ|597 SR|598 UY|599 CW|670 TL|672 NF|673 BN|674 NR|675 PG|676 TO|677 SB|678 VU|679 FJ|680 PW|' +
  '681 WF|682 CK|683 NU|685 WS|686 KI|687 NC|688 TV|689 PF|690 TK|691 FM|692 MH|' +
  '800 -|808 -|850 KP|852 HK|853 MO|855 KH|856 LA|870 -|878 -|880 BD|881 -|882 -|883 -|886 TW|888 -|' +
  '960 MV|961 LB|962 JO|963 SY|964 IQ|965 KW|966 SA|967 YE|968 OM|970 PS|971 AE|972 IL|973 BH|974 QA|975 BT|' +
  '976 MN|977 NP|979 -|992 TJ|993 TM|994 AZ|995 GE|996 KG|998 UZ';

// NANP area codes outside the US (the +1 default): Canada, and the Caribbean / Pacific members.
const NANP_CANADA =
  '204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438 450 460 468 474 ' +
  '506 514 519 548 579 581 584 587 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 ' +
  '902 905 942';
const NANP_OTHER =
  '242 BS|246 BB|264 AI|268 AG|284 VG|340 VI|345 KY|441 BM|473 GD|649 TC|658 JM|664 MS|670 MP|671 GU|684 AS|' +
  '721 SX|758 LC|767 DM|784 VC|787 PR|809 DO|829 DO|849 DO|868 TT|869 KN|876 JM|939 PR';

/** Assigned calling codes, one table per length, indexed by the code as a number. */
const CODE1 = new Uint8Array(10);
const CODE2 = new Uint8Array(100);
const CODE3 = new Uint8Array(1000);
/** '+86', '+1' ... and the country, by numeric calling code (codes are unique as numbers: no code starts with 0). */
const PLUS_CODE: string[] = [];
const CODE_STR: string[] = [];
const CODE_REGION: Array<string | null> = [];
for (const entry of CALLING_CODES.split('|')) {
  const [code, region] = entry.split(' ');
  const n = Number(code);
  (code.length === 1 ? CODE1 : code.length === 2 ? CODE2 : CODE3)[n] = 1;
  PLUS_CODE[n] = `+${code}`;
  CODE_STR[n] = code;
  CODE_REGION[n] = region === '-' ? null : region;
}
// Countries whose numbers never start with 0 in E.164 but are often written with the domestic trunk 0 after the
// country code ("+886 0912 …"); that 0 is dropped. Not Italy and others where a leading 0 is part of the number.
const TRUNK_ZERO = new Uint8Array(1000);
for (const code of [86, 886, 63, 81, 82, 66, 60, 84, 855, 856, 62, 61, 64, 44, 49, 33, 95, 90, 91, 92, 94, 880, 977]) {
  TRUNK_ZERO[code] = 1;
}

const NANP_REGION = new Map<number, string>();
for (const npa of NANP_CANADA.split(' ')) NANP_REGION.set(Number(npa), 'CA');
for (const entry of NANP_OTHER.split('|')) {
  const [npa, region] = entry.split(' ');
  NANP_REGION.set(Number(npa), region);
}

/** Whether `code` (digits only, 1-3 of them) is an assigned calling code. */
export function isCallingCode(code: string): boolean {
  return callingCodeValue(code) > 0;
}

function callingCodeValue(code: string): number {
  const len = code.length;
  if (len < 1 || len > 3) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  const table = len === 1 ? CODE1 : len === 2 ? CODE2 : CODE3;
  return table[n] === 1 ? n : -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Error catalogue: stable codes clients can branch on.
const E_INVALID = 1;
const E_TOO_SHORT = 2;
const E_TOO_LONG = 3;
const E_COUNTRY = 4;
const E_MOBILE_LENGTH = 5;
const E_NO_AREA_CODE = 6;
const E_AREA_CODE = 7;
const E_FIXED_LENGTH = 8;
const E_LENGTH = 9;
const E_PLUS = 10;
const E_NANP = 11;
const E_DEFAULT_CODE = 12;

const ERROR_CODE = [
  '',
  'INVALID_PHONE',
  'PHONE_TOO_SHORT',
  'PHONE_TOO_LONG',
  'PHONE_BAD_COUNTRY_CODE',
  'PHONE_BAD_MOBILE_LENGTH',
  'PHONE_NO_AREA_CODE',
  'PHONE_BAD_AREA_CODE',
  'PHONE_BAD_FIXED_LENGTH',
  'PHONE_BAD_LENGTH',
  'INVALID_PHONE',
  'INVALID_PHONE',
  'PHONE_BAD_COUNTRY_CODE',
] as const;

/** The error codes normalizePhone may return. */
export type PhoneErrorCode = Exclude<(typeof ERROR_CODE)[number], ''>;

const ERROR_REASON = [
  '',
  'not a phone number: empty, or contains letters or symbols other than + ( ) - . / and spaces',
  'too few digits for a phone number',
  'too many digits for a phone number (E.164 allows 15, SMS sender codes 20)',
  'the number starts with a country calling code that does not exist',
  'a Chinese mobile number has 11 digits (13 for 14x IoT numbers)',
  'a fixed-line number needs its area code, e.g. 010 6552 1234 or 0531 8888 8888',
  'the area code is not a Chinese fixed-line area code',
  'a Chinese fixed-line number is an area code and 7-8 digits (8 after 010 and 02x), not starting with 0',
  'the digits do not form a Chinese mobile, fixed-line or service number; ' +
    'numbers of other countries need + and the country code',
  'a + may only come before the country code',
  'a North American number is a 3-digit area code and 7 digits, neither starting with 0 or 1',
  'defaultCallingCode is not a country calling code',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Parser state. canonicalPhone is synchronous, so one set of module-level buffers serves every call without
// allocating; describe() reads what the last parse left here.
const MAX_DIGITS = 20;
const DIGITS = new Uint8Array(MAX_DIGITS + 1);
/** Index in the raw string of each digit, to slice contiguous input instead of rebuilding it. */
const POS = new Int32Array(MAX_DIGITS + 1);
const OUT = new Uint16Array(MAX_DIGITS + 4);
const OUT_VIEWS: Uint16Array[] = [];
for (let i = 0; i <= OUT.length; i++) OUT_VIEWS.push(OUT.subarray(0, i));
let nDigits = 0;
let nsnStart = 0;
let callingCode = 0;

function isSeparator(c: number): boolean {
  return (
    c === 0x20 || c === 0x2d /* - */ || c === 0x28 || c === 0x29 || c === 0x2e || c === 0x2f ||
    c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0xb7 /* · */ || c === 0x3000 ||
    (c >= 0x2010 && c <= 0x2015) /* hyphens, dashes */ || c === 0x2212 /* minus */ || c === 0x30fb /* ・ */ ||
    c === 0xff08 || c === 0xff09 || c === 0xff0d || c === 0xff0e || c === 0xff0f /* full-width ( ) - . / */ ||
    c === 0x200b || c === 0xfeff /* zero-width space, BOM from pasted text */
  );
}

function isTelScheme(raw: string, i: number): boolean {
  return (
    raw.length > i + 4 &&
    (raw.charCodeAt(i) | 0x20) === 0x74 &&
    (raw.charCodeAt(i + 1) | 0x20) === 0x65 &&
    (raw.charCodeAt(i + 2) | 0x20) === 0x6c &&
    raw.charCodeAt(i + 3) === 0x3a
  );
}

/** 14x segments the MIIT plan gives to IoT / M2M (145, 147 and 149 are ordinary data/voice numbers). */
function isIotSegment(d2: number): boolean {
  return d2 <= 4 || d2 === 6 || d2 === 8;
}

/**
 * Parses `raw` into DIGITS, sets nsnStart / callingCode, and returns the canonical E.164 string or an error
 * number. One pass over the characters, then checks on the digit buffer; no regex, no arrays.
 */
function parse(raw: string, defaultCode: number): string | number {
  const len = raw.length;
  let n = 0;
  let plus = false;
  let plusAt = -1;
  let parenZero = -1;
  // Raw index of the last character that is not an ASCII digit: digits after it can be sliced as they are.
  let lastBreak = -1;
  for (let i = 0; i < len; i++) {
    const c = raw.charCodeAt(i);
    let d: number;
    if (c >= 0x30 && c <= 0x39) {
      d = c - 0x30;
    } else if (c >= 0xff10 && c <= 0xff19) {
      d = c - 0xff10;
      lastBreak = i;
    } else {
      lastBreak = i;
      if (c === 0x2b || c === 0xff0b) {
        if (n > 0 || plus) return E_PLUS;
        plus = true;
        plusAt = i;
      } else if (c === 0x28 || c === 0xff08) {
        // "+44 (0)20 …": a trunk 0 in brackets after the country code is not part of the number.
        if (n > 0 && i + 2 < len) {
          const z = raw.charCodeAt(i + 1);
          const close = raw.charCodeAt(i + 2);
          if ((z === 0x30 || z === 0xff10) && (close === 0x29 || close === 0xff09)) parenZero = n;
        }
      } else if (!isSeparator(c)) {
        if (n === 0 && !plus && isTelScheme(raw, i)) {
          i += 3;
          lastBreak = i;
          continue;
        }
        return E_INVALID;
      }
      continue;
    }
    if (n === MAX_DIGITS) return E_TOO_LONG;
    DIGITS[n] = d;
    POS[n] = i;
    n++;
  }
  nDigits = n;
  if (n === 0) return E_INVALID;

  let cc: number;
  let nsn: number;
  let explicit: boolean; // country code or trunk 0 given: a number starting 2-9 is a fixed line with its area code
  let trunk = false;
  let ccStart = -1;
  if (plus) ccStart = 0;
  else if (n >= 2 && DIGITS[0] === 0 && DIGITS[1] === 0) ccStart = 2;
  else if (defaultCode === 1 && n >= 3 && DIGITS[0] === 0 && DIGITS[1] === 1 && DIGITS[2] === 1) ccStart = 3;
  if (ccStart >= 0) {
    if (n - ccStart < 1) return E_TOO_SHORT;
    const d1 = DIGITS[ccStart];
    if (CODE1[d1] === 1) {
      cc = d1;
      nsn = ccStart + 1;
    } else if (n - ccStart >= 2 && CODE2[d1 * 10 + DIGITS[ccStart + 1]] === 1) {
      cc = d1 * 10 + DIGITS[ccStart + 1];
      nsn = ccStart + 2;
    } else if (n - ccStart >= 3 && CODE3[d1 * 100 + DIGITS[ccStart + 1] * 10 + DIGITS[ccStart + 2]] === 1) {
      cc = d1 * 100 + DIGITS[ccStart + 1] * 10 + DIGITS[ccStart + 2];
      nsn = ccStart + 3;
    } else {
      return n - ccStart < 3 ? E_TOO_SHORT : E_COUNTRY;
    }
    if (parenZero === nsn) nsn++;
    else if (nsn < n && DIGITS[nsn] === 0 && TRUNK_ZERO[cc] === 1) {
      // "+86 0531 …", "+886 0912 …": the domestic trunk 0 written after the country code.
      nsn++;
      trunk = cc === 86;
    }
    explicit = true;
  } else {
    if (defaultCode < 0) return E_DEFAULT_CODE;
    cc = defaultCode;
    nsn = 0;
    explicit = false;
    if (cc === 86) {
      if (n >= 11 && DIGITS[0] === 8 && DIGITS[1] === 6) {
        // "86 13812345678", "86 10 6552 1234": no Chinese national number of 11+ digits starts with 86.
        nsn = 2;
        explicit = true;
        if (DIGITS[2] === 0) {
          nsn = 3;
          trunk = true;
        }
      } else if (DIGITS[0] === 0) {
        nsn = 1;
        trunk = true;
        explicit = true;
      }
    } else if (cc === 1) {
      if (n === 11 && DIGITS[0] === 1) nsn = 1;
    } else if (DIGITS[0] === 0 && cc !== 39) {
      nsn = 1; // trunk 0 (Italy keeps its leading 0 in E.164)
    }
  }

  const err = cc === 86 ? checkChina(nsn, n, explicit, trunk) : cc === 1 ? checkNanp(nsn, n) : checkOther(cc, nsn, n);
  if (err !== 0) return err;
  nsnStart = nsn;
  callingCode = cc;

  // Already canonical: hand back the input itself.
  if (plusAt === 0 && lastBreak === 0 && raw.charCodeAt(0) === 0x2b && nsn === CODE_STR[cc].length) return raw;
  if (POS[nsn] > lastBreak && nsn < n) return PLUS_CODE[cc] + raw.slice(POS[nsn]);
  const code = CODE_STR[cc];
  OUT[0] = 0x2b;
  let o = 1;
  for (let i = 0; i < code.length; i++) OUT[o++] = code.charCodeAt(i);
  for (let i = nsn; i < n; i++) OUT[o++] = DIGITS[i] + 0x30;
  return String.fromCharCode.apply(null, OUT_VIEWS[o] as unknown as number[]);
}

function checkChina(nsn: number, n: number, explicit: boolean, trunk: boolean): number {
  const L = n - nsn;
  if (L < 3) return E_TOO_SHORT;
  const d0 = DIGITS[nsn];
  const d1 = DIGITS[nsn + 1];
  const d2 = DIGITS[nsn + 2];
  if (d0 === 1) {
    if (d1 >= 3) {
      if (L === 11) return 0;
      if (L === 13 && d1 === 4 && isIotSegment(d2)) return 0;
      return E_MOBILE_LENGTH;
    }
    if (d1 === 0 && L === 10) return d2 === 0 ? E_FIXED_LENGTH : 0; // 010 + 8 digits (Beijing)
    if (trunk && d1 === 0) return E_FIXED_LENGTH;
    if (d1 === 0 && d2 === 6 && L >= 5) return 0; // 106… SMS gateway codes, up to 20 digits
    if ((d1 === 1 || d1 === 2) && L === 3) return 0; // 110, 119, 120, 122 …
    if (L >= 5 && L <= 8) return 0; // 10086, 12345, 11185, 1010xxxx …
    if (L < 5) return E_TOO_SHORT;
    return L > 15 ? E_TOO_LONG : E_LENGTH;
  }
  if (d0 === 0) return E_INVALID;
  // Nationwide numbers that carry no area code: 400 / 800 and the 95xxx / 96xxx service numbers.
  if (L === 10 && d1 === 0 && d2 === 0 && (d0 === 4 || d0 === 8)) return 0;
  if (!trunk && d0 === 9 && ((d1 === 5 && L >= 5 && L <= 8) || (d1 === 6 && L >= 5 && L <= 6))) return 0;
  if (!explicit) {
    if (L === 7 || L === 8) return E_NO_AREA_CODE;
    if (L < 7) return E_TOO_SHORT;
    return L > 11 ? E_TOO_LONG : E_LENGTH;
  }
  const areaLen = d0 === 2 ? 2 : 3;
  if (L <= areaLen) return E_TOO_SHORT;
  const area = areaLen === 2 ? d0 * 10 + d1 : d0 * 100 + d1 * 10 + d2;
  if (phoneSegments().areaRegion[area] === 0) return E_AREA_CODE;
  const sub = L - areaLen;
  if (sub < 7) return sub < 5 ? E_TOO_SHORT : E_FIXED_LENGTH;
  if (sub > 8 || (areaLen === 2 && sub !== 8)) return L > 15 ? E_TOO_LONG : E_FIXED_LENGTH;
  if (DIGITS[nsn + areaLen] === 0) return E_FIXED_LENGTH;
  return 0;
}

function checkNanp(nsn: number, n: number): number {
  const L = n - nsn;
  if (L < 10) return E_TOO_SHORT;
  if (L > 10) return E_TOO_LONG;
  if (DIGITS[nsn] < 2 || DIGITS[nsn + 3] < 2) return E_NANP;
  return 0;
}

function checkOther(cc: number, nsn: number, n: number): number {
  const L = n - nsn;
  if (L < 4) return E_TOO_SHORT;
  if (L + CODE_STR[cc].length > 15) return E_TOO_LONG;
  return 0;
}

function defaultCodeOf(opts: PhoneOptions | undefined): number {
  const code = opts?.defaultCallingCode;
  if (code === undefined || code === '86') return 86;
  // '+1' is a reasonable way to write it too.
  return callingCodeValue(code.charCodeAt(0) === 0x2b ? code.slice(1) : code);
}

// ---------------------------------------------------------------------------------------------------------------

/** Fast path used by look-ups: canonical E.164 or null when the input is not a phone number. */
export function canonicalPhone(raw: string, opts?: PhoneOptions): string | null {
  // The common case on look-ups is an already canonical Chinese mobile number: return it untouched.
  if (raw.length === 14 && raw.charCodeAt(0) === 0x2b && raw.charCodeAt(1) === 0x38 && raw.charCodeAt(2) === 0x36 &&
      raw.charCodeAt(3) === 0x31) {
    const c4 = raw.charCodeAt(4);
    if (c4 >= 0x33 && c4 <= 0x39) {
      let i = 5;
      while (i < 14) {
        const c = raw.charCodeAt(i);
        if (c < 0x30 || c > 0x39) break;
        i++;
      }
      if (i === 14) return raw;
    }
  }
  const result = parse(raw, defaultCodeOf(opts));
  return typeof result === 'string' ? result : null;
}

/** Full normalisation with a stable error code (INVALID_PHONE / PHONE_NO_AREA_CODE / ...) and a reason. */
export function normalizePhone(raw: string, opts?: PhoneOptions): NormalizeResult<PhoneInfo> {
  const result = parse(raw, defaultCodeOf(opts));
  if (typeof result === 'number') return invalid(ERROR_CODE[result], ERROR_REASON[result]);
  return { ok: true, canonical: result, info: describeParsed(result) };
}

/** Carrier, province, city, segment type of a canonical E.164 number (lazy-loads the table once). */
export function describePhone(e164: string): PhoneInfo {
  const result = parse(e164, 86);
  if (typeof result === 'number') {
    return {
      e164, countryCode: '', region: null, type: 'unknown', virtual: false, overseas: false,
      carrier: null, province: null, city: null, areaCode: null,
    };
  }
  return describeParsed(result);
}

// ---------------------------------------------------------------------------------------------------------------
// Segment knowledge coded from the public MIIT numbering plan (the derived table has no MVNO / IoT split).

const TELECOM = '中国电信';
const MOBILE = '中国移动';
const UNICOM = '中国联通';
const BROADNET = '中国广电';
const VIRTUAL = '虚拟运营商';

/** MVNO carrier of 16x / 17x numbers, or null when the segment is not a virtual-operator one. */
function virtualCarrier(d1: number, d2: number, d3: number): string | null {
  if (d1 === 6) {
    if (d2 === 2) return TELECOM + VIRTUAL;
    if (d2 === 5) return MOBILE + VIRTUAL;
    if (d2 === 7) return UNICOM + VIRTUAL;
    return null;
  }
  if (d1 === 7) {
    if (d2 === 1) return UNICOM + VIRTUAL;
    if (d2 === 0) {
      if (d3 <= 2) return TELECOM + VIRTUAL; // 1700-1702
      if (d3 === 3 || d3 === 5 || d3 === 6) return MOBILE + VIRTUAL; // 1703, 1705, 1706
      return UNICOM + VIRTUAL; // 1704, 1707-1709
    }
  }
  return null;
}

/** Operators of 14x segments missing from the carrier table: IoT 141/144/146/148, data/voice 149. */
function segment14Carrier(d2: number): string | null {
  if (d2 === 1 || d2 === 9) return TELECOM;
  if (d2 === 4 || d2 === 8) return MOBILE;
  if (d2 === 6) return UNICOM;
  return null;
}

const SERVICE_CARRIER = new Map<string, string>([
  ['10086', MOBILE], ['10010', UNICOM], ['10000', TELECOM], ['10099', BROADNET],
]);

function describeParsed(e164: string): PhoneInfo {
  const cc = callingCode;
  const countryCode = CODE_STR[cc];
  if (cc !== 86) {
    let region = CODE_REGION[cc];
    if (cc === 1) {
      region = NANP_REGION.get(DIGITS[nsnStart] * 100 + DIGITS[nsnStart + 1] * 10 + DIGITS[nsnStart + 2]) ?? 'US';
    } else if (cc === 7 && (DIGITS[nsnStart] === 6 || DIGITS[nsnStart] === 7)) {
      region = 'KZ';
    }
    return {
      e164, countryCode, region, type: 'overseas', virtual: false, overseas: true,
      carrier: null, province: null, city: null, areaCode: null,
    };
  }

  const s = nsnStart;
  const L = nDigits - s;
  const d0 = DIGITS[s];
  const d1 = DIGITS[s + 1];
  const d2 = DIGITS[s + 2];
  const d3 = DIGITS[s + 3];
  const info: PhoneInfo = {
    e164, countryCode, region: 'CN', type: 'unknown', virtual: false, overseas: false,
    carrier: null, province: null, city: null, areaCode: null,
  };

  if (d0 === 1 && d1 >= 3) {
    if (L === 13) {
      info.type = 'iot'; // 13-digit M2M numbers (14x)
      info.carrier = segment14Carrier(d2);
      return info;
    }
    const seg = phoneSegments();
    const virtual = virtualCarrier(d1, d2, d3);
    info.virtual = virtual !== null;
    info.type = virtual ? 'virtual' : d1 === 4 && isIotSegment(d2) ? 'iot' : 'mobile';
    const carrierId = seg.carrierByPrefix4[d0 * 1000 + d1 * 100 + d2 * 10 + d3];
    info.carrier = virtual ?? (carrierId ? seg.carriers[carrierId] : d1 === 4 ? segment14Carrier(d2) : null);
    let block = 0;
    for (let i = s; i < s + 7; i++) block = block * 10 + DIGITS[i];
    setRegion(info, mobileRegionId(seg, block));
    return info;
  }

  if (d0 === 1 && d1 === 0 && L === 10) {
    // 010 + 8 digits. A 10-digit 106… SMS code has the same E.164 form; Beijing lines are far more common.
    info.type = 'fixed';
    setRegion(info, phoneSegments().areaRegion[10]);
    info.areaCode = '010';
    return info;
  }

  if (d0 === 1) {
    if (L === 13 && d1 === 0 && d2 === 6 && d3 === 4) {
      // Legacy 13-digit M2M numbers 10646 (Unicom), 10648 (Mobile), 10649 (Telecom).
      const d4 = DIGITS[s + 4];
      info.type = 'iot';
      info.carrier = d4 === 6 ? UNICOM : d4 === 8 ? MOBILE : d4 === 9 ? TELECOM : null;
      return info;
    }
    info.type = 'service';
    if (L === 5) info.carrier = SERVICE_CARRIER.get(e164.slice(3)) ?? null;
    return info;
  }

  if ((L === 10 && d1 === 0 && d2 === 0 && (d0 === 4 || d0 === 8)) || (d0 === 9 && L <= 8)) {
    info.type = 'service';
    return info;
  }

  const seg = phoneSegments();
  const area = d0 === 2 ? d0 * 10 + d1 : d0 * 100 + d1 * 10 + d2;
  info.type = 'fixed';
  setRegion(info, seg.areaRegion[area]);
  info.areaCode = `0${area}`;
  return info;
}

function setRegion(info: PhoneInfo, id: number): void {
  if (id === 0) return;
  const seg = phoneSegments();
  info.province = seg.provinces[id];
  info.city = seg.cities[id];
  info.areaCode = seg.areaCodes[id] || null;
}
