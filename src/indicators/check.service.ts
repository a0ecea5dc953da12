import { FRAUD_TYPES, type FraudType } from '../domain/fraud-type.js';
import type { IndicatorKind, IndicatorStatus } from '../domain/indicator.js';
import type { AllowEntry } from '../store/index.js';
import type { AllowList } from './allowlist.js';
import type { IndexEntry, IndexMatch, IndicatorIndex } from './match/indicator-index.js';
import { candidateKinds, canonical as canonicalOf, canonicalizeUrl, hostSuffixes, normalize, urlExpressionParts } from './normalize/index.js';
import type { CanonicalUrl } from './normalize/index.js';

export type Verdict = 'block' | 'warn' | 'unknown' | 'allow';

export interface CheckMatch {
  id: number;
  kind: IndicatorKind;
  /** The stored value that matched. */
  value: string;
  via: IndexMatch['via'];
  status: IndicatorStatus;
  fraudTypes: FraudType[];
  score: number;
  sightings: number;
}

export interface CheckResult {
  value: string;
  kind: IndicatorKind | null;
  canonical: string | null;
  verdict: Verdict;
  matches: CheckMatch[];
  fraudTypes: FraudType[];
  sightings: number;
  /** One line in Chinese a citizen can act on. */
  reason: string;
  /** When the value could not be read as any kind. */
  error?: { code: string; reason: string };
  allowlisted?: { reason: string };
}

const KIND_NAMES: Record<IndicatorKind, string> = {
  phone: '号码',
  url: '网址',
  domain: '域名',
  ip: 'IP 地址',
  bank_card: '银行卡号',
  payment_account: '支付账户',
  im_account: '社交账号',
  app: '应用',
  crypto_address: '虚拟币地址',
};

const UNKNOWN_REASON = Object.fromEntries(
  Object.entries(KIND_NAMES).map(([kind, name]) => [kind, `暂未发现该${name}的涉诈记录，仍请谨慎核实`]),
) as Record<IndicatorKind, string>;
const UNREADABLE = '无法识别的号码、网址或账号';
const UNEXPLAINED = { code: 'INVALID_VALUE', reason: 'not a valid value' };

/** Answers "is this a known fraud?" from memory only; never touches the database. */
export class CheckService {
  constructor(
    private readonly index: IndicatorIndex,
    private readonly allowlist: AllowList,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks one value, of a given kind or of the kinds it looks like. */
  check(raw: string, kind?: IndicatorKind): CheckResult {
    if (kind) return this.checkAs(raw, kind);
    const kinds = candidateKinds(raw);
    let first: CheckResult | null = null;
    for (const k of kinds) {
      const result = this.checkAs(raw, k, false);
      if (result.error) continue;
      if (result.verdict !== 'unknown') return result;
      first ??= result;
    }
    if (first) return first;
    // Nothing could read the value: explain why in the terms of the likeliest kind.
    const error = kinds.length
      ? this.checkAs(raw, kinds[0], true).error!
      : { code: 'UNRECOGNISED_VALUE', reason: 'not a phone number, URL, domain, IP, card, account, app or address' };
    return { value: raw, kind: null, canonical: null, verdict: 'unknown', matches: [], fraudTypes: [], sightings: 0, reason: UNREADABLE, error };
  }

  /** `explain: false` skips working out why a value is unreadable, for candidates that may not apply. */
  private checkAs(raw: string, kind: IndicatorKind, explain = true): CheckResult {
    const now = this.now();
    let canonical: string;
    let matches: IndexMatch[] = [];
    let allowKey = '';
    if (kind === 'url' || kind === 'domain') {
      const url = canonicalizeUrl(kind === 'domain' && !raw.includes('/') ? `${raw.trim()}/` : raw);
      if (!url.ok) return failed(raw, kind, url);
      if (kind === 'domain') {
        const domain = normalize('domain', url.info.host);
        if (!domain.ok) return failed(raw, kind, domain);
        canonical = domain.canonical;
      } else {
        canonical = url.canonical;
      }
      matches = this.matchUrl(url.info, now);
      allowKey = url.info.host;
    } else if (kind === 'ip') {
      const ip = normalize('ip', raw);
      if (!ip.ok) return failed(raw, kind, ip);
      canonical = ip.canonical;
      matches = canonical.includes('/') ? this.exact('ip', canonical, now) : this.index.matchIp(canonical, now);
    } else {
      const fast = canonicalOf(kind, raw);
      if (fast === null) {
        if (!explain) return failed(raw, kind, UNEXPLAINED);
        const full = normalize(kind, raw);
        return failed(raw, kind, full.ok ? UNEXPLAINED : full);
      }
      canonical = fast;
      matches = this.exact(kind, canonical, now);
    }
    const allowed = allowKey ? this.allowlist.covering('domain', allowKey) : this.allowlist.covering(kind, canonical);
    return this.verdict(raw, kind, canonical, matches, allowed);
  }

  private exact(kind: IndicatorKind, canonical: string, now: number): IndexMatch[] {
    const row = this.index.findActive(kind, canonical, now);
    return row < 0 ? [] : [{ entry: this.index.entry(row), via: 'exact', expression: canonical }];
  }

  /** Domain indicators on any host suffix, URL indicators on any host-suffix × path-prefix expression. */
  private matchUrl(url: CanonicalUrl, now: number): IndexMatch[] {
    const out: IndexMatch[] = url.hostIsIp ? this.index.matchIp(url.host.replace(/^\[|\]$/g, ''), now) : [];
    // URL indicators can only sit on these hosts (never on a public suffix), so one pass over them tells
    // whether the path expressions need testing at all; most look-ups stop there.
    const hosts = url.hostIsIp ? [url.host] : hostSuffixes(url.host);
    let hasUrls = false;
    for (let i = 0; i < hosts.length; i++) {
      const row = this.index.probeHost(hosts[i], now);
      if (row >= 0 && !url.hostIsIp) out.push({ entry: this.index.entry(row), via: i === 0 ? 'exact' : 'domain_suffix', expression: hosts[i] });
      hasUrls ||= this.index.lastHostHasUrls;
    }
    if (!hasUrls) return out;
    const { hosts: urlHosts, paths } = urlExpressionParts(url);
    this.index.matchUrlExpressions(urlHosts, paths, url.canonical, now, out);
    return out;
  }

  private verdict(raw: string, kind: IndicatorKind, canonical: string, found: IndexMatch[], allowed: AllowEntry | undefined): CheckResult {
    if (found.length === 0 && !allowed) {
      return { value: raw, kind, canonical, verdict: 'unknown', matches: [], fraudTypes: [], sightings: 0, reason: UNKNOWN_REASON[kind] };
    }
    // Plain loops: this runs for every hit of a 10,000-value batch.
    const matches: CheckMatch[] = [];
    const fraudTypes: FraudType[] = [];
    let sightings = 0;
    let strongest: CheckMatch | null = null;
    for (let i = 0; i < found.length; i++) {
      const m = toCheckMatch(found[i]);
      matches.push(m);
      for (let t = 0; t < m.fraudTypes.length; t++) if (!fraudTypes.includes(m.fraudTypes[t])) fraudTypes.push(m.fraudTypes[t]);
      if (m.sightings > sightings) sightings = m.sightings;
      if (strongest === null || rank(m.status) > rank(strongest.status)) strongest = m;
    }
    if (allowed) {
      const spoofNote = kind === 'phone' ? '；但来电显示可被伪造，涉及转账请挂断后自行拨打官方号码核实' : '';
      const reason = `官方认证${KIND_NAMES[kind]}（${allowed.reason}）${spoofNote}`;
      return { value: raw, kind, canonical, verdict: 'allow', matches, fraudTypes, sightings, reason, allowlisted: { reason: allowed.reason } };
    }
    const m = strongest!;
    const subject = `该${KIND_NAMES[kind]}${m.via === 'exact' ? '' : m.via === 'cidr' ? `所在网段 ${m.value} ` : `所属 ${m.value} `}`;
    const types = fraudTypes.length === 0 ? '' : `（${fraudTypes.map((t) => FRAUD_TYPES[t]).join('、')}）`;
    if (m.status === 'reported') {
      const reason = `${subject}有 ${sightings} 条涉诈举报${types}，尚在核实，请提高警惕，切勿转账`;
      return { value: raw, kind, canonical, verdict: 'warn', matches, fraudTypes, sightings, reason };
    }
    const what = m.status === 'blocked' ? '已被反诈中心列入封堵名单' : '经反诈中心核实涉诈';
    const reason = `${subject}${what}${types}，请立即停止联系，切勿转账`;
    return { value: raw, kind, canonical, verdict: 'block', matches, fraudTypes, sightings, reason };
  }
}

function rank(status: IndicatorStatus): number {
  return status === 'blocked' ? 3 : status === 'verified' ? 2 : 1;
}

function toCheckMatch(m: IndexMatch): CheckMatch {
  const e: IndexEntry = m.entry;
  return { id: e.id, kind: e.kind, value: m.expression, via: m.via, status: e.status, fraudTypes: e.fraudTypes, score: e.score, sightings: e.sightings };
}

function failed(raw: string, kind: IndicatorKind, error: { code: string; reason: string }): CheckResult {
  return { value: raw, kind, canonical: null, verdict: 'unknown', matches: [], fraudTypes: [], sightings: 0, reason: UNREADABLE, error: { code: error.code, reason: error.reason } };
}
