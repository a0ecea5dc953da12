import type { IndicatorKind } from '../domain/indicator.js';
import type { AllowEntry } from '../store/index.js';
import { urlHostname } from './match/url-host.js';
import { canonicalizeUrl, normalize, type NormalizeResult } from './normalize/index.js';

/** The allow-list in memory: a domain entry covers its subdomains and every URL on them. */
export class AllowList {
  private readonly byKind = new Map<IndicatorKind, Map<string, AllowEntry>>();

  replace(entries: readonly AllowEntry[]): void {
    this.byKind.clear();
    for (const e of entries) this.add(e);
  }

  add(entry: AllowEntry): void {
    let values = this.byKind.get(entry.kind);
    if (!values) this.byKind.set(entry.kind, (values = new Map()));
    values.set(entry.value, entry);
  }

  remove(kind: IndicatorKind, value: string): void {
    this.byKind.get(kind)?.delete(value);
  }

  /** The entry covering this canonical value, if any. */
  covering(kind: IndicatorKind, canonical: string): AllowEntry | undefined {
    if (kind === 'domain' || kind === 'url') {
      const domains = this.byKind.get('domain');
      if (!domains) return undefined;
      const host = kind === 'url' ? urlHostname(canonical) : canonical;
      // Every parent, public suffixes included: `gov.cn` is one, and it covers every government site.
      for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) {
        const hit = domains.get(host.slice(at));
        if (hit) return hit;
      }
      return undefined;
    }
    return this.byKind.get(kind)?.get(canonical);
  }
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
