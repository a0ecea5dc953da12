import { invalid, type NormalizeResult } from './result.js';

/**
 * Canonical form of the `ip` indicator kind: one address or one CIDR range, IPv4 or IPv6.
 *
 * Decisions worth knowing:
 * - IPv4 parts with a leading zero (`010.1.1.1`, `192.168.001.1`) are rejected (INVALID_IP). Whether `010` means
 *   8 (inet_aton, browsers) or 10 (most loggers) is exactly the ambiguity that made Go and Node refuse it
 *   (CVE-2021-29923); silently picking one could block the wrong host or let the real one through. URL hosts are
 *   a different matter: there the browser's reading is the truth, and url.ts follows it.
 * - An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, or a mapped range of /96 or longer) is the IPv4 address; the
 *   traffic goes to the IPv4 host, so both spellings must match the same indicator.
 * - A range is written as its network address (host bits cleared); a /32 or /128 is a single address and carries
 *   no suffix.
 * - Zone ids (`fe80::1%eth0`) are rejected: they are local to one machine and mean nothing in a shared list.
 */
export interface IpInfo {
  version: 4 | 6;
  prefix: number;
  isRange: boolean;
  /** Every address of the range is in non-public space (RFC 1918, loopback, link-local, CGNAT, ULA, …). */
  private: boolean;
}

/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as 8 groups of 16 bits. */
export type ParsedAddress = { version: 4; v4: number } | { version: 6; v6: Uint16Array };

/** Normalise an IP address or CIDR range to its canonical form. */
export function normalizeIp(raw: string): NormalizeResult<IpInfo> {
  if (typeof raw !== 'string') return invalid('INVALID_IP', 'not a string');
  let s = raw.trim();
  if (s.length === 0) return invalid('INVALID_IP', 'empty');

  let prefixText: string | null = null;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    prefixText = s.slice(slash + 1);
    s = s.slice(0, slash);
  }
  if (s.length >= 2 && s.charCodeAt(0) === 0x5b /* [ */ && s.charCodeAt(s.length - 1) === 0x5d /* ] */) {
    s = s.slice(1, -1);
  }

  // Not parseAddress: a mapped range's prefix counts IPv6 bits, so the mapping is undone after the prefix is read.
  let addr: ParsedAddress | null = null;
  if (s.indexOf(':') >= 0) {
    const v6 = parseIpv6(s);
    if (v6 !== null) addr = { version: 6, v6 };
  } else {
    const v4 = parseIpv4(s);
    if (v4 !== null) addr = { version: 4, v4 };
  }
  if (addr === null) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(s) && /(?:^|\.)0\d/.test(s)) {
      return invalid('INVALID_IP', `${JSON.stringify(raw)} has a part with a leading zero, which some software reads as octal; write it without`);
    }
    return invalid('INVALID_IP', `not an IP address: ${JSON.stringify(raw)}`);
  }

  let prefix: number;
  if (prefixText === null) {
    prefix = addr.version === 4 ? 32 : 128;
  } else {
    const max = addr.version === 4 ? 32 : 128;
    const p = parsePrefix(prefixText, max);
    if (p === null) return invalid('INVALID_CIDR', `bad prefix length /${prefixText} for IPv${addr.version}`);
    prefix = p;
  }

  if (addr.version === 6 && isV4Mapped(addr.v6) && prefix >= 96) {
    const v4 = ((addr.v6[6] << 16) | addr.v6[7]) >>> 0;
    return finishV4(v4, prefix - 96);
  }
  return addr.version === 4 ? finishV4(addr.v4, prefix) : finishV6(addr.v6, prefix);
}

function finishV4(addr: number, prefix: number): NormalizeResult<IpInfo> {
  const net = maskV4(addr, prefix);
  const text = formatV4(net);
  return {
    ok: true,
    canonical: prefix === 32 ? text : `${text}/${prefix}`,
    info: { version: 4, prefix, isRange: prefix < 32, private: isPrivateV4(net, prefix) },
  };
}

function finishV6(addr: Uint16Array, prefix: number): NormalizeResult<IpInfo> {
  const net = maskV6(addr, prefix);
  const text = formatV6(net);
  return {
    ok: true,
    canonical: prefix === 128 ? text : `${text}/${prefix}`,
    info: { version: 6, prefix, isRange: prefix < 128, private: isPrivateV6(net, prefix) },
  };
}

function parsePrefix(text: string, max: number): number | null {
  // Digits only, no sign, no leading zero (so '/024' is refused rather than guessed at).
  if (text.length === 0 || text.length > 3) return null;
  if (text.length > 1 && text.charCodeAt(0) === 0x30) return null;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return n <= max ? n : null;
}

/** Parse a single address (no brackets, no prefix); IPv4-mapped IPv6 is returned as IPv4. Null if invalid. */
export function parseAddress(s: string): ParsedAddress | null {
  if (s.indexOf(':') >= 0) {
    const v6 = parseIpv6(s);
    if (v6 === null) return null;
    if (isV4Mapped(v6)) return { version: 4, v4: ((v6[6] << 16) | v6[7]) >>> 0 };
    return { version: 6, v6 };
  }
  const v4 = parseIpv4(s);
  return v4 === null ? null : { version: 4, v4 };
}

/** Strict dotted-decimal IPv4 (four parts 0–255, no leading zeros) as an unsigned 32-bit number, or null. */
export function parseIpv4(s: string): number | null {
  const len = s.length;
  if (len < 7 || len > 15) return null;
  let result = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= len; i++) {
    const c = i === len ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (digits === 0 || part > 255) return null;
      result = result * 256 + part;
      parts++;
      part = 0;
      digits = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return null;
    if (digits === 1 && part === 0) return null; // leading zero: see the module comment
    part = part * 10 + d;
    digits++;
  }
  return parts === 4 ? result : null;
}

/** IPv6 text (RFC 4291 forms, optional trailing dotted IPv4) to 8 groups, or null. */
export function parseIpv6(s: string): Uint16Array | null {
  const len = s.length;
  if (len < 2 || len > 45) return null;
  const groups = new Uint16Array(8);
  let n = 0; // groups written
  let gap = -1; // index in groups where '::' stands
  let i = 0;
  if (s.charCodeAt(0) === 0x3a) {
    if (s.charCodeAt(1) !== 0x3a) return null;
    gap = 0;
    i = 2;
    if (i === len) return groups; // '::'
  }
  while (i < len) {
    if (n === 8) return null;
    // One group, or a trailing dotted IPv4.
    let value = 0;
    let digits = 0;
    const start = i;
    while (i < len) {
      const c = s.charCodeAt(i);
      const h = hexValue(c);
      if (h < 0) break;
      value = value * 16 + h;
      digits++;
      i++;
    }
    if (i < len && s.charCodeAt(i) === 0x2e /* . */) {
      if (n > 6) return null;
      const v4 = parseIpv4(s.slice(start));
      if (v4 === null) return null;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      i = len;
      break;
    }
    if (digits === 0 || digits > 4) return null;
    groups[n++] = value;
    if (i === len) break;
    if (s.charCodeAt(i) !== 0x3a) return null;
    i++;
    if (i < len && s.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return null; // a second '::'
      gap = n;
      i++;
      if (i === len) break;
    } else if (i === len) {
      return null; // trailing single ':'
    }
  }
  if (gap < 0) return n === 8 ? groups : null;
  if (n === 8) return null; // '::' must stand for at least one group
  const tail = n - gap;
  for (let k = 0; k < tail; k++) groups[7 - k] = groups[n - 1 - k];
  for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  return groups;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function isV4Mapped(g: Uint16Array): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
}

/** Network address of `addr` for a prefix length 0–32. */
export function maskV4(addr: number, prefix: number): number {
  return prefix === 0 ? 0 : (addr & (0xffffffff << (32 - prefix))) >>> 0;
}

/** Network address of `addr` for a prefix length 0–128 (a copy). */
export function maskV6(addr: Uint16Array, prefix: number): Uint16Array {
  const out = new Uint16Array(8);
  for (let k = 0; k < 8; k++) {
    const bits = prefix - k * 16;
    if (bits >= 16) out[k] = addr[k];
    else if (bits > 0) out[k] = addr[k] & ((0xffff << (16 - bits)) & 0xffff);
  }
  return out;
}

export function formatV4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** RFC 5952 text: lower-case, no leading zeros, the longest run (≥ 2) of zero groups as '::', leftmost on a tie. */
export function formatV6(g: Uint16Array): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8; ) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < 8 && g[j] === 0) j++;
    if (j - k > bestLen) {
      bestStart = k;
      bestLen = j - k;
    }
    k = j;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += g[k].toString(16);
  }
  return out;
}

/** 128-bit address as 32 lower-case hex digits (used as a sortable, sliceable key). */
export function v6ToHex(g: Uint16Array): string {
  let out = '';
  for (let k = 0; k < 8; k++) out += g[k].toString(16).padStart(4, '0');
  return out;
}

// Ranges that are not reachable on the public internet: a hit there is a reporting mistake, or a victim's own LAN.
const PRIVATE_V4: ReadonlyArray<readonly [number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
];

function isPrivateV4(net: number, prefix: number): boolean {
  for (const [base, len] of PRIVATE_V4) {
    if (prefix >= len && maskV4(net, len) === base) return true;
  }
  return false;
}

function isPrivateV6(net: Uint16Array, prefix: number): boolean {
  if (prefix === 128) {
    let zeroHead = true;
    for (let k = 0; k < 7; k++) if (net[k] !== 0) zeroHead = false;
    if (zeroHead && (net[7] === 0 || net[7] === 1)) return true; // :: and ::1
  }
  if (prefix >= 7 && (net[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if (prefix >= 10 && (net[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  return false;
}
