import type { IndicatorKind } from '../../domain/indicator.js';
import { normalizeImAccount, normalizePaymentAccount } from './account.js';
import { normalizeApp } from './app.js';
import { canonicalBankCard, normalizeBankCard } from './bank-card.js';
import { normalizeCryptoAddress } from './crypto-address.js';
import { normalizeDomain } from './domain.js';
import { normalizeIp } from './ip.js';
import { canonicalPhone, normalizePhone, type PhoneOptions } from './phone.js';
import type { NormalizeResult } from './result.js';
import { canonicalizeUrl } from './url.js';

export type { NormalizeResult } from './result.js';
export type { PhoneInfo, PhoneOptions } from './phone.js';
export type { CanonicalUrl } from './url.js';
export { canonicalizeUrl, urlExpressions, urlExpressionParts, hostSuffixes } from './url.js';
export { describePhone, canonicalPhone } from './phone.js';
export { normalizeBankCard } from './bank-card.js';

export interface NormalizeOptions {
  /** Calling code for phone numbers written without one (`86` unless said otherwise). */
  defaultCallingCode?: string;
}

/** The one normaliser of each kind; everything that stores or compares a value goes through it. */
export function normalize(kind: IndicatorKind, raw: string, options: NormalizeOptions = {}): NormalizeResult<unknown> {
  switch (kind) {
    case 'phone':
      return normalizePhone(raw, options as PhoneOptions);
    case 'url': {
      const url = canonicalizeUrl(raw);
      return url.ok ? { ok: true, canonical: url.canonical, info: url.info } : url;
    }
    case 'domain':
      return normalizeDomain(raw);
    case 'ip':
      return normalizeIp(raw);
    case 'bank_card':
      return normalizeBankCard(raw);
    case 'payment_account':
      return normalizePaymentAccount(raw);
    case 'im_account':
      return normalizeImAccount(raw);
    case 'app':
      return normalizeApp(raw);
    case 'crypto_address':
      return normalizeCryptoAddress(raw);
  }
}

/** Canonical form only, through the allocation-free fast paths where a kind has one. */
export function canonical(kind: IndicatorKind, raw: string): string | null {
  if (kind === 'phone') return canonicalPhone(raw);
  if (kind === 'bank_card') return canonicalBankCard(raw);
  const result = normalize(kind, raw);
  return result.ok ? result.canonical : null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const PAYMENT_PREFIX = /^\s*(alipay|wechatpay|unionpay|jdpay|paypal|支付宝|微信支付|财付通|云闪付|京东支付|wechat ?pay)\s*[:：\s]/i;
const IM_PREFIX = /^\s*(qq|wechat|weixin|微信|vx|v信|telegram|whatsapp|line)\s*(号)?\s*[:：\s]/i;
const CRYPTO = /^\s*(0x[0-9a-fA-F]{40}|bc1[0-9a-zA-Z]{20,90}|T[1-9A-HJ-NP-Za-km-z]{33}|[13][1-9A-HJ-NP-Za-km-z]{25,34})\s*$/;
const IPV4ISH = /^\s*\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?\s*$/;
const IPV6ISH = /^\s*\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*\]?(\/\d{1,3})?\s*$/;
const NUMBERISH = /^[\s\d０-９+＋()（）\-－.·/]+$/;
const PACKAGE = /^(pkg:)?(com|cn|net|org|io|me|top|app)\.[a-z0-9_]+(\.[a-z0-9_]+)+$/i;

/**
 * The kinds a value written without a kind may be, most likely first. A look-up tries each in turn, so an
 * ambiguous value (a package name that parses as a domain, a 16-digit number that may be a card) is still
 * found under the kind it was stored as.
 */
export function candidateKinds(raw: string): readonly IndicatorKind[] {
  const s = raw.trim();
  if (s.length === 0) return NONE;
  // The two forms partners send most, decided without a regular expression.
  if (/^https?:\/\//i.test(s.slice(0, 8))) return URL_ONLY;
  if (isDigitsOnly(s)) return s.length >= 15 ? CARD_THEN_PHONE : s.length >= 12 ? PHONE_THEN_CARD : PHONE_ONLY;
  if (PAYMENT_PREFIX.test(s)) return ['payment_account'];
  if (IM_PREFIX.test(s)) return ['im_account'];
  if (s.startsWith('name:')) return ['app'];
  if (CRYPTO.test(s)) return ['crypto_address'];
  if (IPV4ISH.test(s) || (IPV6ISH.test(s) && s.includes(':') && !s.includes('://'))) return ['ip'];
  if (NUMBERISH.test(s)) {
    const digits = s.replace(/\D/g, '').length;
    if (/^\s*[+＋]/.test(s) || s.startsWith('00')) return PHONE_ONLY;
    if (digits >= 15) return CARD_THEN_PHONE;
    if (digits >= 12) return PHONE_THEN_CARD;
    return PHONE_ONLY;
  }
  if (s.startsWith('tel:')) return PHONE_ONLY;
  if (PACKAGE.test(s)) return s.startsWith('pkg:') ? ['app'] : ['domain', 'app'];
  if (SCHEME.test(s) || /^[^\s/]+\.[^\s/]+\//.test(s) || /^hxxps?:/i.test(s)) return URL_ONLY;
  if (/^[^\s]+[.。．][^\s]+$/.test(s)) return ['domain', 'url'];
  return ['app'];
}

const NONE: readonly IndicatorKind[] = [];
const URL_ONLY: readonly IndicatorKind[] = ['url'];
const PHONE_ONLY: readonly IndicatorKind[] = ['phone'];
const CARD_THEN_PHONE: readonly IndicatorKind[] = ['bank_card', 'phone'];
const PHONE_THEN_CARD: readonly IndicatorKind[] = ['phone', 'bank_card'];

function isDigitsOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
