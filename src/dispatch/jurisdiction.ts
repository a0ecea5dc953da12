import fs from 'node:fs';
import path from 'node:path';
import type { Unit } from './types.js';

/** The jurisdiction tree in memory: city -> districts (分局) -> stations (派出所). */
export class JurisdictionTree {
  private readonly units = new Map<string, Unit>();
  private readonly children = new Map<string, string[]>();
  private cityCode: string | null = null;

  constructor(units: readonly Unit[]) {
    for (const u of units) this.units.set(u.code, u);
    for (const u of units) {
      if (u.level === 'city') this.cityCode = u.code;
      if (u.parent) {
        const list = this.children.get(u.parent) ?? [];
        list.push(u.code);
        this.children.set(u.parent, list);
      }
    }
  }

  get city(): Unit | null {
    return this.cityCode ? (this.units.get(this.cityCode) ?? null) : null;
  }

  get(code: string): Unit | undefined {
    return this.units.get(code);
  }

  /** The district a station or district code belongs to. */
  districtOf(code: string): string | null {
    const u = this.units.get(code);
    if (!u) return null;
    if (u.level === 'district') return u.code;
    if (u.level === 'station' && u.parent && this.units.get(u.parent)?.level === 'district') return u.parent;
    return null;
  }

  childrenOf(code: string): Unit[] {
    return (this.children.get(code) ?? []).map((c) => this.units.get(c)!);
  }

  all(): Unit[] {
    return [...this.units.values()];
  }

  get size(): number {
    return this.units.size;
  }
}

/** The tree's problems: a unit whose parent is missing or of the wrong level, or more than one city. */
export function checkTree(units: readonly Unit[]): string[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const problems: string[] = [];
  const cities = units.filter((u) => u.level === 'city');
  if (cities.length !== 1) problems.push(`the tree needs exactly one city, found ${cities.length}`);
  const parentLevel = { city: null, district: 'city', station: 'district' } as const;
  for (const u of units) {
    const want = parentLevel[u.level];
    if (want === null) {
      if (u.parent !== null) problems.push(`${u.code}: a city has no parent`);
      continue;
    }
    const p = u.parent ? byCode.get(u.parent) : undefined;
    if (!p) problems.push(`${u.code}: parent ${u.parent ?? '(none)'} is not in the tree`);
    else if (p.level !== want) problems.push(`${u.code}: a ${u.level}'s parent must be a ${want}, ${p.code} is a ${p.level}`);
  }
  return problems;
}

/** Rows of the divisions CSVs (code,"name",…); names hold no commas. */
function readCsv(file: string): string[][] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1);
  return lines.filter((l) => l.trim()).map((l) => l.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
}

/**
 * The default tree from the national administrative divisions: the city, one 分局 per county-level area of it,
 * one 派出所 per street or town of each area — the usual grain of Chinese policing.
 */
export function unitsFromDivisions(divisionsDir: string, cityCode: string): Unit[] {
  const city = readCsv(path.join(divisionsDir, 'cities.csv')).find((r) => r[0] === cityCode);
  if (!city) throw new Error(`city ${cityCode} is not in ${divisionsDir}/cities.csv`);
  const units: Unit[] = [{ code: cityCode, name: `${city[1]}反诈中心`, level: 'city', parent: null }];
  const areas = readCsv(path.join(divisionsDir, 'areas.csv')).filter((r) => r[2] === cityCode);
  const areaCodes = new Set(areas.map((a) => a[0]));
  for (const a of areas) units.push({ code: a[0], name: `${a[1].replace(/(区|县|市)$/, '')}分局`, level: 'district', parent: cityCode });
  for (const s of readCsv(path.join(divisionsDir, 'streets.csv'))) {
    if (s[4] !== cityCode || !areaCodes.has(s[2])) continue;
    units.push({ code: s[0], name: `${s[1].replace(/(街道|镇|乡)$/, '')}派出所`, level: 'station', parent: s[2] });
  }
  return units;
}

/** Configured units replace or add to the derived ones by code (a station split, a renamed branch). */
export function mergeUnits(base: readonly Unit[], overrides: readonly Unit[]): Unit[] {
  const byCode = new Map(base.map((u) => [u.code, u]));
  for (const u of overrides) byCode.set(u.code, u);
  return [...byCode.values()];
}
