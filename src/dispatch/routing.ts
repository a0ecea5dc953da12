import { describePhone } from '../indicators/index.js';
import type { JurisdictionTree } from './jurisdiction.js';

/** Where a warning goes: a station (with its district), a district queue, or the city queue (both null). */
export interface Placement {
  station: string | null;
  district: string | null;
  /** roster | prefix | home_area_other_city | home_area_unplaced | no_phone | reassigned */
  reason: string;
}

export interface RoutingRules {
  tree: JurisdictionTree;
  /** Registered station of a phone (the roster). */
  stationOf(phone: string): string | undefined;
  /** Configured number prefixes (E.164, longest first) -> station or district code. */
  prefixes: ReadonlyArray<readonly [string, string]>;
}

/** The place a unit code names in the tree, or null when the code is not a station or district of it. */
function placeAt(tree: JurisdictionTree, code: string, reason: string): Placement | null {
  const u = tree.get(code);
  if (!u) return null;
  if (u.level === 'station') return { station: code, district: tree.districtOf(code), reason };
  if (u.level === 'district') return { station: null, district: code, reason };
  return null;
}

/**
 * Routes a person at risk: the station of their registered address (roster) first, then a configured number
 * prefix, then the number's home area. A number of another city, or of this city with no known station, waits
 * in the city queue for a person to assign: guessing a station would cost the minutes the deadline gives.
 */
export function route(person: string, rules: RoutingRules): Placement {
  if (!person.startsWith('+')) return { station: null, district: null, reason: 'no_phone' };
  const registered = rules.stationOf(person);
  if (registered) {
    const p = placeAt(rules.tree, registered, 'roster');
    if (p) return p;
  }
  for (const [prefix, code] of rules.prefixes) {
    if (person.startsWith(prefix)) {
      const p = placeAt(rules.tree, code, 'prefix');
      if (p) return p;
    }
  }
  const city = rules.tree.city;
  const home = describePhone(person).city;
  const local = city !== null && home !== null && city.name.startsWith(home);
  return { station: null, district: null, reason: local ? 'home_area_unplaced' : 'home_area_other_city' };
}

/** Prefix rules sorted longest first, so the most specific wins. */
export function sortPrefixes(map: Record<string, string>): Array<[string, string]> {
  return Object.entries(map).sort((a, b) => b[0].length - a[0].length);
}
