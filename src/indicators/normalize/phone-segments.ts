import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * The China number-segment table derived by scripts/derive-phone-segments.ts (format described there), decoded into
 * typed arrays: ~120k runs of 7-digit mobile blocks instead of 450k row objects.
 */
export interface PhoneSegments {
  /** Region id (index into provinces/cities/areaCodes, 0 = none) by area code without its trunk 0, 10..999. */
  readonly areaRegion: Uint16Array;
  readonly provinces: readonly string[];
  readonly cities: readonly string[];
  /** With the trunk 0, e.g. '0531'; '' when unknown. */
  readonly areaCodes: readonly string[];
  /** First 7-digit block of each run (ascending) and the region of every block in it. */
  readonly runStart: Uint32Array;
  readonly runRegion: Uint16Array;
  /** Carrier id (index into carriers, 0 = none) by the first four digits of an 11-digit mobile number. */
  readonly carrierByPrefix4: Uint8Array;
  readonly carriers: readonly string[];
}

const ASSET = 'phone-segments.txt.gz';

// Compiled code runs from dist/src/indicators/normalize/, four levels below the package root; sources run
// directly (a TS loader) sit three levels below it.
function assetPath(): string {
  const candidates = [`../../../../assets/${ASSET}`, `../../../assets/${ASSET}`];
  for (const rel of candidates) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error(`assets/${ASSET} not found next to the package; run \`npm run derive:phone\` to derive it`);
}

let loaded: PhoneSegments | undefined;

/** The segment table, decoded on first use and kept for the life of the process. */
export function phoneSegments(): PhoneSegments {
  loaded ??= decode(gunzipSync(readFileSync(assetPath())).toString('utf8'));
  return loaded;
}

/** Region id of a 7-digit mobile block (e.g. 1380531), 0 when unknown. */
export function mobileRegionId(seg: PhoneSegments, block: number): number {
  const starts = seg.runStart;
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || block < starts[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= block) lo = mid;
    else hi = mid - 1;
  }
  return seg.runRegion[lo];
}

function decode(text: string): PhoneSegments {
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length && lines[at].startsWith('#')) at++;

  const section = (tag: string): string[] => {
    const head = (lines[at++] ?? '').split(' ');
    if (head[0] !== tag) throw new Error(`${ASSET}: expected section ${tag} at line ${at}`);
    return head;
  };

  const regionCount = Number(section('R')[1]);
  const provinces = [''];
  const cities = [''];
  const areaCodes = [''];
  for (let i = 0; i < regionCount; i++) {
    const [province, city, areaCode] = lines[at++].split('\t');
    provinces.push(province);
    cities.push(city);
    areaCodes.push(areaCode ?? '');
  }

  const areaRegion = new Uint16Array(1000);
  const areaCount = Number(section('A')[1]);
  for (let i = 0; i < areaCount; i++) {
    const line = lines[at++];
    const tab = line.indexOf('\t');
    areaRegion[Number(line.slice(0, tab))] = Number(line.slice(tab + 1));
  }

  const carriers = [''];
  const carrierIds = new Map<string, number>();
  const carrierByPrefix4 = new Uint8Array(10000);
  const carrierCount = Number(section('C')[1]);
  const prefixes: Array<[string, number]> = [];
  for (let i = 0; i < carrierCount; i++) {
    const [prefix, name] = lines[at++].split('\t');
    if (prefix.length > 4) throw new Error(`${ASSET}: carrier prefix ${prefix} longer than 4 digits`);
    let id = carrierIds.get(name);
    if (id === undefined) {
      id = carriers.push(name) - 1;
      carrierIds.set(name, id);
    }
    prefixes.push([prefix, id]);
  }
  // Shorter prefixes first so the longer (more specific) ones overwrite them.
  prefixes.sort((a, b) => a[0].length - b[0].length);
  for (const [prefix, id] of prefixes) {
    const span = 10 ** (4 - prefix.length);
    const start = Number(prefix) * span;
    carrierByPrefix4.fill(id, start, start + span);
  }

  const head = section('M');
  let block = Number(head[1]);
  const runCount = Number(head[2]);
  const runStart = new Uint32Array(runCount);
  const runRegion = new Uint16Array(runCount);
  for (let i = 0; i < runCount; i++) {
    const line = lines[at++];
    const tab = line.indexOf('\t');
    runStart[i] = block;
    runRegion[i] = Number(line.slice(tab + 1));
    block += Number(line.slice(0, tab));
  }
  if (!Number.isFinite(block) || runCount === 0) throw new Error(`${ASSET}: malformed mobile block runs`);

  return { areaRegion, provinces, cities, areaCodes, runStart, runRegion, carrierByPrefix4, carriers };
}
