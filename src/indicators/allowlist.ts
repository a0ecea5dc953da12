import type { IndicatorKind } from '../domain/indicator.js';
import type { AllowEntry } from '../store/index.js';
import { hostSuffixes } from './normalize/url.js';

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
      for (const suffix of hostSuffixes(host)) {
        const hit = this.entries.get(`domain|${suffix}`);
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
