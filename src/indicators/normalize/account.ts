import { invalid, type NormalizeResult } from './result.js';

// app and crypto_address live in their own files; re-exported so that all account-like kinds come from here.
export { normalizeApp } from './app.js';
export { normalizeCryptoAddress } from './crypto-address.js';

export type PaymentScheme = 'alipay' | 'wechatpay' | 'unionpay' | 'jdpay' | 'paypal' | 'other';
export type ImScheme = 'qq' | 'wechat' | 'telegram' | 'whatsapp' | 'line';

export interface SchemeAndId {
  scheme: string;
  id: string;
}

/** An alias as typed (lower-case, single spaces) and the scheme it names. */
type Aliases<S extends string> = ReadonlyArray<readonly [alias: string, scheme: S]>;

/** Longest alias first, so that "微信支付" wins over "微信" and "wechat pay" over "wechat". */
function longestFirst<S extends string>(aliases: Aliases<S>): Aliases<S> {
  return [...aliases].sort((a, b) => b[0].length - a[0].length);
}

const PAYMENT_ALIASES: Aliases<PaymentScheme> = longestFirst([
  ['alipay', 'alipay'],
  ['ali pay', 'alipay'],
  ['zhifubao', 'alipay'],
  ['zfb', 'alipay'],
  ['支付宝', 'alipay'],
  ['wechatpay', 'wechatpay'],
  ['wechat pay', 'wechatpay'],
  ['weixinpay', 'wechatpay'],
  ['weixin pay', 'wechatpay'],
  ['wxpay', 'wechatpay'],
  ['tenpay', 'wechatpay'],
  // In a payment account, a bare "微信"/"wechat" is the WeChat Pay account that receives the money.
  ['wechat', 'wechatpay'],
  ['weixin', 'wechatpay'],
  ['微信支付', 'wechatpay'],
  ['微信', 'wechatpay'],
  ['财付通', 'wechatpay'],
  ['unionpay', 'unionpay'],
  ['union pay', 'unionpay'],
  ['quickpass', 'unionpay'],
  ['云闪付', 'unionpay'],
  ['银联', 'unionpay'],
  ['jdpay', 'jdpay'],
  ['jd pay', 'jdpay'],
  ['京东支付', 'jdpay'],
  ['京东钱包', 'jdpay'],
  ['paypal', 'paypal'],
  ['贝宝', 'paypal'],
  ['other', 'other'],
  ['其他', 'other'],
]);

const IM_ALIASES: Aliases<ImScheme> = longestFirst([
  ['qq', 'qq'],
  ['q号', 'qq'],
  ['wechat', 'wechat'],
  ['weixin', 'wechat'],
  ['wx', 'wechat'],
  ['vx', 'wechat'],
  ['v信', 'wechat'],
  ['微信', 'wechat'],
  // Homophones fraudsters write to slip past keyword filters.
  ['威信', 'wechat'],
  ['薇信', 'wechat'],
  ['徽信', 'wechat'],
  ['telegram', 'telegram'],
  ['tg', 'telegram'],
  ['电报', 'telegram'],
  ['纸飞机', 'telegram'],
  ['飞机', 'telegram'],
  ['whatsapp', 'whatsapp'],
  ['line', 'line'],
]);

/**
 * Words that may follow a scheme name before the separator: "支付宝账号：", "qq号:", "微信id", and "微信同号"
 * ("the WeChat account is the same as the phone number").
 */
const ACCOUNT_WORDS = ['同号', '账号', '帳號', '账户', '帐号', '帐户', '号码', '号', 'id', 'account'];

/** Case-insensitive startsWith that keeps offsets into `s` (lower-casing the whole string can change its length). */
function startsWithCi(s: string, at: number, word: string): boolean {
  return s.slice(at, at + word.length).toLowerCase() === word;
}

function isCjk(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp >= 0x3400 && cp <= 0x9fff;
}

const NONE: ReadonlySet<string> = new Set();
const QQ_TIGHT: ReadonlySet<string> = new Set(['qq']);

/**
 * Splits "scheme sep id" where sep is ":" (full-width colon becomes ":" under NFKC) and/or white space.
 * A CJK scheme may run straight into the id ("微信abc123"); an ASCII one may not, or "wxid_abc" would read
 * as the scheme "wx". `tight` lists ASCII aliases that may run into a digit ("QQ123456").
 */
function splitScheme<S extends string>(
  s: string,
  aliases: Aliases<S>,
  tight: ReadonlySet<string> = NONE,
): { scheme: S; rest: string } | null {
  for (const [alias, scheme] of aliases) {
    if (!startsWithCi(s, 0, alias)) continue;
    let at = alias.length;
    for (const word of ACCOUNT_WORDS) {
      if (!startsWithCi(s, at, word)) continue;
      // An ASCII word must end there: "qqid:1" has the word "id", "wxid_abc" does not.
      const next = s[at + word.length];
      if (/[a-z]/.test(word[0]) && next !== undefined && /[a-z0-9_]/i.test(next)) continue;
      at += word.length;
      break;
    }
    const sep = /^\s*:\s*|^\s+/.exec(s.slice(at));
    if (sep) return { scheme, rest: s.slice(at + sep[0].length) };
    const next = s[at];
    const last = s[at - 1];
    if (next !== undefined && (isCjk(last) || (tight.has(alias) && /[0-9]/.test(next)))) {
      return { scheme, rest: s.slice(at) };
    }
  }
  return null;
}

/**
 * NFKC (full-width letters, digits and colons become ASCII), zero-width characters dropped (invisible, and
 * used to dodge exact matches), trimmed, runs of white space made one space.
 */
function clean(raw: string): string {
  return raw.normalize('NFKC').replace(/\p{Cf}/gu, '').trim().replace(/\s+/g, ' ');
}

/** "+86 138-1234-5678" → "13812345678"; null when not an 11-digit Chinese mobile number. */
function chineseMobile(id: string): string | null {
  const digits = id.replace(/[\s\-()]/g, '');
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(digits);
  return m ? m[1] : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_ID = 128;

// ---------------------------------------------------------------------------------------------- payment_account

/**
 * Canonical `scheme:id` for a payment account, e.g. `alipay:13812345678`, `wechatpay:wxid_abc`,
 * `paypal:a@b.com`. The id is an 11-digit mobile number, a lower-cased e-mail, or an account id.
 */
export function normalizePaymentAccount(raw: string): NormalizeResult<SchemeAndId> {
  // Values already in canonical shape (what partners and the store send) skip the cleaning and the alias
  // search, which cannot change them; the id rules below still apply.
  const canonicalShape = CANONICAL_PAYMENT.exec(raw);
  if (canonicalShape) return paymentId(canonicalShape[1] as PaymentScheme, canonicalShape[2]);
  const s = clean(raw);
  if (s === '') return invalid('PAYMENT_ACCOUNT_EMPTY', 'the value is empty');
  const split = splitScheme(s, PAYMENT_ALIASES);
  if (!split) {
    const unknown = /^([a-z][a-z0-9_-]*)\s*:/i.exec(s);
    if (unknown && !EMAIL.test(s)) {
      return invalid(
        'PAYMENT_ACCOUNT_UNKNOWN_SCHEME',
        `unknown payment scheme "${unknown[1]}"; use alipay, wechatpay, unionpay, jdpay, paypal or other`,
      );
    }
    return invalid(
      'PAYMENT_ACCOUNT_NO_SCHEME',
      'a payment account needs its scheme, e.g. "alipay:13812345678" or "支付宝：13812345678"',
    );
  }
  const id = split.rest.trim();
  if (id === '') return invalid('PAYMENT_ACCOUNT_EMPTY', `no account after "${split.scheme}"`);
  return paymentId(split.scheme, id);
}

const CANONICAL_PAYMENT = /^(alipay|wechatpay|unionpay|jdpay|paypal|other):([\x21-\x7e]+)$/;

/** The id rules of a payment account, once the scheme is known. */
function paymentId(scheme: PaymentScheme, id: string): NormalizeResult<SchemeAndId> {
  if (id.length > MAX_ID) return invalid('PAYMENT_ACCOUNT_INVALID_ID', `an account id has at most ${MAX_ID} characters`);
  const mobile = chineseMobile(id);
  if (mobile) return ok(scheme, mobile);
  // Card or account numbers written in groups.
  if (/^[\d\s-]+$/.test(id)) return ok(scheme, id.replace(/[\s-]/g, ''));
  if (/\s/.test(id)) return invalid('PAYMENT_ACCOUNT_INVALID_ID', 'an account id holds no white space');
  if (/\p{Cc}/u.test(id)) return invalid('PAYMENT_ACCOUNT_INVALID_ID', 'an account id holds no control characters');
  if (EMAIL.test(id)) return ok(scheme, id.toLowerCase());
  // WeChat IDs are case-insensitive; other wallets' ids are kept as given.
  return ok(scheme, scheme === 'wechatpay' ? id.toLowerCase() : id);
}

// ------------------------------------------------------------------------------------------------- im_account

const QQ = /^[1-9]\d{4,10}$/;
const WECHAT_ID = /^[a-z][a-z0-9_-]{5,19}$/;
// System-assigned ids ("wxid_" + 14 characters today) fall outside the 6-20 rule for chosen ids.
const WXID = /^wxid_[a-z0-9_-]{4,30}$/;
const TELEGRAM = /^[a-z][a-z0-9_]{4,31}$/;
const LINE_ID = /^@?[a-z0-9._-]{4,20}$/;

/**
 * Canonical `scheme:id` for an instant-messaging account: `qq:123456789`, `wechat:wxid_abc`,
 * `telegram:username`, `whatsapp:8613812345678`, `line:someid`.
 */
export function normalizeImAccount(raw: string): NormalizeResult<SchemeAndId> {
  const s = clean(raw);
  if (s === '') return invalid('IM_ACCOUNT_EMPTY', 'the value is empty');
  let split = splitScheme(s, IM_ALIASES, QQ_TIGHT);
  // A system-assigned WeChat id names its own scheme.
  if (!split && /^wxid_/i.test(s)) split = { scheme: 'wechat', rest: s };
  if (!split) {
    return invalid(
      'IM_ACCOUNT_UNKNOWN_SCHEME',
      'an IM account needs a known scheme: qq, wechat (微信, vx), telegram, whatsapp or line, e.g. "qq:123456789"',
    );
  }
  const id = split.rest.trim();
  if (id === '') return invalid('IM_ACCOUNT_EMPTY', `no account after "${split.scheme}"`);
  const bad = (why: string) => invalid('IM_ACCOUNT_INVALID_ID', why);

  switch (split.scheme) {
    case 'qq': {
      // "123456@qq.com" is the same account.
      const qq = id.toLowerCase().replace(/@qq\.com$/, '').replace(/[\s-]/g, '');
      return QQ.test(qq) ? ok('qq', qq) : bad('a QQ number has 5-11 digits and does not start with 0');
    }
    case 'wechat': {
      const wx = id.toLowerCase();
      if (WECHAT_ID.test(wx) || WXID.test(wx)) return ok('wechat', wx);
      // "微信同号": the mobile number an account is registered with also finds it.
      const mobile = chineseMobile(id);
      if (mobile) return ok('wechat', mobile);
      return bad('a WeChat ID has 6-20 letters, digits, "_" or "-" and starts with a letter (or is a wxid_ id)');
    }
    case 'telegram': {
      const name = id
        .replace(/^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\//i, '')
        .replace(/^@/, '')
        .toLowerCase();
      return TELEGRAM.test(name)
        ? ok('telegram', name)
        : bad('a Telegram username has 5-32 letters, digits or "_" and starts with a letter');
    }
    case 'whatsapp': {
      const digits = id.replace(/^(?:https?:\/\/)?(?:wa\.me|api\.whatsapp\.com\/send\?phone=)\/?/i, '').replace(/[\s\-()+]/g, '');
      return /^[1-9]\d{6,14}$/.test(digits)
        ? ok('whatsapp', digits)
        : bad('a WhatsApp account is an international phone number: 7-15 digits, country code first');
    }
    case 'line': {
      const line = id.toLowerCase();
      return LINE_ID.test(line)
        ? ok('line', line)
        : bad('a LINE ID has 4-20 letters, digits, ".", "_" or "-" (official accounts start with "@")');
    }
  }
}

function ok(scheme: string, id: string): { ok: true; canonical: string; info: SchemeAndId } {
  return { ok: true, canonical: `${scheme}:${id}`, info: { scheme, id } };
}
