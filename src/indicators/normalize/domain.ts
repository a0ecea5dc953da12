import { domainToASCII } from 'node:url';
import { parse as parseHost } from 'tldts';
import { parseAddress } from './ip.js';
import { invalid, type NormalizeResult } from './result.js';
import { canonicalizeUrl, PSL_OPTIONS } from './url.js';

/**
 * Canonical form of the `domain` indicator kind: lower-case punycode host, no trailing dot. A blocked domain covers
 * its subdomains (see `hostSuffixes` in url.ts), which is why a public suffix can never be one: blocking `github.io`
 * would block every GitHub Pages site.
 */
export interface DomainInfo {
  /** The domain one level below the public suffix (`evil.co.uk` for `a.evil.co.uk`). */
  registrable: string | null;
  publicSuffix: string | null;
  isIp: false;
}


/** Normalise a domain name (or the host of a URL given as one) to lower-case punycode. */
export function normalizeDomain(raw: string): NormalizeResult<DomainInfo> {
  if (typeof raw !== 'string') return invalid('INVALID_DOMAIN', 'not a string');
  let s = raw.trim();
  if (s.length === 0) return invalid('INVALID_DOMAIN', 'empty');
  if (!isAscii(s)) s = s.normalize('NFKC').replaceAll('\u3002', '.');
  if (parseAddress(stripBrackets(s)) !== null) return isIpError(raw);

  // Wildcard and leading-dot spellings all mean "this domain and below", which is what a domain indicator is.
  while (s.startsWith('*.')) s = s.slice(2);
  while (s.startsWith('.')) s = s.slice(1);

  let host: string;
  if (looksLikeUrl(s)) {
    const url = canonicalizeUrl(s);
    if (!url.ok) return invalid('INVALID_DOMAIN', `not a domain or URL: ${url.reason}`);
    if (url.info.hostIsIp) return isIpError(raw);
    host = url.info.host;
  } else {
    if (s.endsWith('.')) s = s.slice(0, -1); // one trailing dot is the fully-qualified spelling
    if (s.length === 0) return invalid('INVALID_DOMAIN', 'empty');
    for (let i = 0; i < s.length; i++) {
      if (isForbidden(s.charCodeAt(i))) {
        return invalid('INVALID_DOMAIN', `character ${JSON.stringify(s[i])} not allowed in ${JSON.stringify(raw)}`);
      }
    }
    host = domainToASCII(s);
    if (host === '') return invalid('INVALID_DOMAIN', `not a valid domain name: ${JSON.stringify(raw)}`);
    if (looksNumeric(host)) return isIpError(raw); // domainToASCII turned '0x7f.1' into '127.0.0.1'
  }

  const bad = checkLabels(host);
  if (bad !== null) return invalid('INVALID_DOMAIN', `${bad}: ${JSON.stringify(raw)}`);

  const parsed = parseHost(host, PSL_OPTIONS);
  if (parsed.domain === null) {
    return invalid('DOMAIN_IS_PUBLIC_SUFFIX', `${host} is a public suffix; blocking it would block every site under it`);
  }
  return { ok: true, canonical: host, info: { registrable: parsed.domain, publicSuffix: parsed.publicSuffix, isIp: false } };
}

function isIpError(raw: string): { ok: false; code: string; reason: string } {
  return invalid('DOMAIN_IS_IP', `${JSON.stringify(raw)} is an IP address; use the ip kind`);
}

function stripBrackets(s: string): string {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

function looksLikeUrl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // '/', ':', '?', '#', '@', '\': a scheme, port, path, query, fragment or userinfo
    if (c === 0x2f || c === 0x3a || c === 0x3f || c === 0x23 || c === 0x40 || c === 0x5c) return true;
  }
  return false;
}

function looksNumeric(host: string): boolean {
  const last = host.slice(host.lastIndexOf('.') + 1);
  return /^(?:\d+|0x[0-9a-f]*)$/.test(last);
}

function isForbidden(c: number): boolean {
  return c <= 0x20 || c === 0x7f || c === 0x25 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x5e || c === 0x7c;
}

/**
 * DNS rules as resolvers apply them: labels of letters, digits, '-' and '_', 1–63 long, 253 in all. A leading or
 * trailing '-' is allowed: hostnames like `abc-.blogspot.com` resolve and are reported, so refusing them loses data.
 */
function checkLabels(host: string): string | null {
  if (host.length > 253) return 'longer than 253 characters';
  let labelLen = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i === host.length ? 0x2e : host.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLen === 0) return 'empty label';
      if (labelLen > 63) return 'label longer than 63 characters';
      labelLen = 0;
      continue;
    }
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f)) {
      return `character ${JSON.stringify(String.fromCharCode(c))} not allowed`;
    }
    labelLen++;
  }
  return null;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
