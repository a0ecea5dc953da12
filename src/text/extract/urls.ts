import { parse as parseHost } from 'tldts';
import { canonicalizeUrl } from '../../indicators/normalize/index.js';
import { add, claimed, type Found } from './claims.js';
import type { View } from './fold.js';

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

export function scanUrls(view: View, found: Found[], claims: Uint8Array): void {
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
