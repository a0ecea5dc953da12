import type { IndicatorKind } from '../domain/indicator.js';
import type { AllowEntry } from '../store/index.js';
import { canonicalizeUrl, normalize, type NormalizeResult } from './normalize/index.js';

/** The allow-list in memory: a domain entry covers its subdomains and every URL on them. */
export class AllowList {
  private readonly entries = new Map<string, AllowEntry>();

  replace(entries: readonly AllowEntry[]): void {
    this.entries.clear();
    for (const e of entries) this.entries.set(`${e.kind}|${e.value}`, e);
  }

  add(entry: AllowEntry): void {
    this.entries.set(`${entry.kind}|${entry.value}`, entry);
  }

  remove(kind: IndicatorKind, value: string): void {
    this.entries.delete(`${kind}|${value}`);
  }

  /** The entry covering this canonical value, if any. */
  covering(kind: IndicatorKind, canonical: string): AllowEntry | undefined {
    if (kind === 'domain' || kind === 'url') {
      const host = kind === 'url' ? urlHostname(canonical) : canonical;
      // Every parent, public suffixes included: `gov.cn` is one, and it covers every government site.
      for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) {
        const hit = this.entries.get(`domain|${host.slice(at)}`);
        if (hit) return hit;
      }
      return undefined;
    }
    return this.entries.get(`${kind}|${canonical}`);
  }
}

/** `host` of a canonical URL value `host[:port]/path…`. */
export function urlHostname(canonical: string): string {
  const slash = canonical.indexOf('/');
  const hostPort = slash < 0 ? canonical : canonical.slice(0, slash);
  return hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d+$/, '');
}

/**
 * Canonical form of an allow-list value: as for indicators, except that a domain may be a public suffix
 * (`gov.cn` is one, and allow-listing it is the point).
 */
export function normalizeAllowValue(kind: IndicatorKind, raw: string): NormalizeResult<unknown> {
  const result = normalize(kind, raw);
  if (result.ok || kind !== 'domain' || result.code !== 'DOMAIN_IS_PUBLIC_SUFFIX') return result;
  const url = canonicalizeUrl(`${raw.trim()}/`);
  return url.ok ? { ok: true, canonical: url.info.host, info: null } : url;
}
