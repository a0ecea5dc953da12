/**
 * Derives assets/phone-segments.txt.gz, the compact China number-segment table read by
 * src/indicators/normalize/phone-segments.ts.
 *
 * Sources (read from FANZHA_REALDATA_DIR, default ../shared/realdata; never copied into the repository):
 *  - libphonenumber-cn/geocoding_zh_86.txt (Apache-2.0, © The Libphonenumber Authors) — the primary source of what
 *    ships: mobile prefix → region, fixed-line area code → region.
 *  - libphonenumber-cn/carrier_zh_86.txt (Apache-2.0) — mobile prefix → carrier.
 *  - phonedata-segments/phone_segments_202108.csv (GPL-3.0) — used
 *      1. to cross-check libphonenumber (agreement on province/city and carrier is printed, nothing is copied);
 *      2. for four area codes libphonenumber only knows by a 2-digit prefix (86 33 / 34 / 58 / 70 → which of
 *         0330-0339 etc. is real: 0335, 0349, 0580, 0701);
 *      3. for the area code of a few mobile regions that have no fixed-line entry in libphonenumber (亳州, 崇左 ...);
 *      4. for the province/city of 7-digit mobile blocks libphonenumber lacks entirely (its CN geocoding stops around
 *         2017: 162/165/166/167/171-175/191/195/198/199/14x have no or only segment-level entries). Pass
 *         `--no-phonedata-fill` to ship a table with libphonenumber regions only (then those blocks have no region).
 *    Prefecture names are unified across both sources (CITY_ALIASES: 襄樊 → 襄阳, seats such as 凯里 → 黔东南), and
 *    two county-level area codes neither source has (潜江 0728, 神农架 0719) are coded in AREA_CODE_FACTS.
 *    Carrier and virtual-operator / IoT segment assignment is not taken from phonedata: the runtime codes it from the
 *    public MIIT allocation (see phone-segments.ts).
 *
 * Output format (UTF-8 text, gzip level 9, fully determined by the inputs):
 *   #comment lines
 *   R <n>            then n lines `province\tcity\tareaCode` (region id = 1-based line index; 0 = unknown)
 *   A <n>            then n lines `areaCodeWithoutTrunk0\tregionId`
 *   C <n>            then n lines `nationalPrefix\tcarrier` (longest prefix wins)
 *   M <first> <n>    then n lines `runLength\tregionId`: consecutive runs of 7-digit mobile prefixes (blocks),
 *                    the first starting at block <first>
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = path.resolve(repoRoot, process.env.FANZHA_REALDATA_DIR ?? '../shared/realdata');
const outFile = path.join(repoRoot, 'assets', 'phone-segments.txt.gz');
const fillFromPhonedata = !process.argv.includes('--no-phonedata-fill');

const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建',
  '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏', '陕西', '甘肃',
  '青海', '宁夏', '新疆',
];
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
// Ethnic names that precede 自治州 in prefecture names; stripped so cities read like the short form users know.
const ETHNIC = ['朝鲜族', '土家族', '苗族', '侗族', '布依族', '傣族', '景颇族', '傈僳族', '藏族', '羌族', '彝族',
  '哈尼族', '壮族', '白族', '回族', '蒙古族', '蒙古', '哈萨克', '柯尔克孜'];

// Renamed prefectures, and seats / districts phonedata names instead of the prefecture libphonenumber uses, so one
// place has one name whichever source a block came from.
const CITY_ALIASES: Record<string, string> = {
  襄樊: '襄阳', 思茅: '普洱', 凯里: '黔东南', 都匀: '黔南', 兴义: '黔西南', 吉首: '湘西', 库尔勒: '巴音郭楞',
  延吉: '延边', 海拉尔: '呼伦贝尔', 乌兰浩特: '兴安', 锡林浩特: '锡林郭勒', 博乐: '博尔塔拉', 商州: '商洛',
};
// Area codes of county-level places with no entry of their own in either source (public MIIT numbering plan).
const AREA_CODE_FACTS: Record<string, string> = { '湖北|潜江': '0728', '湖北|神农架': '0719' };

const FIRST_BLOCK = 1_300_000; // 130 0000
const BLOCKS = 700_000; // up to 199 9999

interface Region { province: string; city: string }

/** '山东省济南市' → 山东 / 济南; '辽宁省沈阳市、铁岭市、抚顺市' → 辽宁 / 沈阳 (the first city names the region). */
function splitRegion(full: string): Region[] {
  const province = PROVINCES.find((p) => full.startsWith(p));
  if (!province) throw new Error(`unknown province in region ${JSON.stringify(full)}`);
  let rest = full.slice(province.length);
  if (rest.startsWith('省')) rest = rest.slice(1);
  if (MUNICIPALITIES.has(province)) return [{ province, city: province }];
  return rest.split('、').filter(Boolean).map((part) => ({ province, city: shortCity(part) }));
}

/** Phonedata names are already short; bring seats and districts to the prefecture (重庆万州 → 重庆). */
function phonedataRegion(province: string, city: string): Region {
  return { province, city: MUNICIPALITIES.has(province) ? province : shortCity(city) };
}

function shortCity(name: string): string {
  const s = stripSuffix(name);
  return CITY_ALIASES[s] ?? s;
}

function stripSuffix(name: string): string {
  let s = name;
  if (s.endsWith('自治州')) {
    s = s.slice(0, -3);
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const e of ETHNIC) {
        if (s.length > e.length && s.endsWith(e)) {
          s = s.slice(0, -e.length);
          stripped = true;
        }
      }
    }
    return s;
  }
  for (const suffix of ['地区', '林区', '市', '盟']) {
    if (s.length > suffix.length + 1 && s.endsWith(suffix)) return s.slice(0, -suffix.length);
  }
  return s;
}

function readTable(file: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const bar = line.indexOf('|');
    if (bar < 0 || !line.startsWith('86')) throw new Error(`${file}: bad line ${JSON.stringify(line)}`);
    rows.push([line.slice(2, bar), line.slice(bar + 1).trim()]);
  }
  return rows;
}

// ---- phonedata (cross-check and gap facts) ----
interface PdRow { province: string; city: string; areaCode: string; carrier: string }
const phonedata = new Map<number, PdRow>();
const pdAreaCodes = new Map<string, Map<string, number>>(); // 'province|city' → areaCode → count
const phonedataCsv = readFileSync(path.join(dataDir, 'phonedata-segments/phone_segments_202108.csv'), 'utf8');
for (const line of phonedataCsv.split('\n')) {
  const f = line.trim().split(',');
  if (f.length < 6 || !/^\d{7}$/.test(f[0])) continue;
  const { province, city } = phonedataRegion(f[1], f[2]);
  const row = { province, city, areaCode: f[4], carrier: f[5] };
  phonedata.set(Number(f[0]), row);
  const key = `${row.province}|${row.city}`;
  const counts = pdAreaCodes.get(key) ?? new Map<string, number>();
  counts.set(row.areaCode, (counts.get(row.areaCode) ?? 0) + 1);
  pdAreaCodes.set(key, counts);
}
const pdAllAreaCodes = new Set<string>();
for (const counts of pdAreaCodes.values()) for (const code of counts.keys()) pdAllAreaCodes.add(code);

// ---- regions ----
const regions: Array<Region & { areaCode: string }> = [];
const regionIds = new Map<string, number>();
function regionId(r: Region): number {
  const key = `${r.province}|${r.city}`;
  let id = regionIds.get(key);
  if (id === undefined) {
    regions.push({ ...r, areaCode: '' });
    id = regions.length;
    regionIds.set(key, id);
  }
  return id;
}

// ---- fixed-line area codes ----
const geocoding = readTable(path.join(dataDir, 'libphonenumber-cn/geocoding_zh_86.txt'));
const isMobilePrefix = (p: string): boolean => p[0] === '1' && p.length > 1 && p[1] >= '3';
const areaCodes: Array<[string, number]> = [];
const cityAreaCode = new Map<string, { code: string; rank: number }>();
for (const [prefix, full] of geocoding) {
  if (isMobilePrefix(prefix)) continue;
  let codes: string[];
  if (prefix === '10' || prefix[0] === '2' || prefix.length === 3) {
    codes = [prefix];
  } else if (prefix.length === 2) {
    // libphonenumber only says "03 3x → 秦皇岛"; which 3-digit code is real comes from the phonedata cross-check.
    codes = [...pdAllAreaCodes].filter((c) => c.length === 4 && c.startsWith(`0${prefix}`)).map((c) => c.slice(1));
    if (codes.length === 0) throw new Error(`no real area code under 0${prefix}`);
  } else {
    throw new Error(`unexpected fixed-line prefix ${prefix}`);
  }
  const parts = splitRegion(full);
  for (const code of codes) areaCodes.push([code, regionId(parts[0])]);
  // A city's own code beats a code it shares as a secondary city (铁岭 is 0410, also reachable under 024).
  parts.forEach((part, i) => {
    const key = `${part.province}|${part.city}`;
    const rank = parts.length === 1 ? 0 : i === 0 ? 1 : 2;
    const prev = cityAreaCode.get(key);
    if (!prev || rank < prev.rank) cityAreaCode.set(key, { code: `0${codes[0]}`, rank });
  });
}
areaCodes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

// ---- mobile blocks (longest prefix wins, as in libphonenumber) ----
const blockRegion = new Uint16Array(BLOCKS);
const blockPrefixLen = new Uint8Array(BLOCKS);
const mobile = geocoding.filter(([p]) => isMobilePrefix(p)).sort((a, b) => a[0].length - b[0].length);
for (const [prefix, full] of mobile) {
  if (prefix.length > 7) throw new Error(`mobile prefix longer than a 7-digit block: ${prefix}`);
  const id = regionId(splitRegion(full)[0]);
  const span = 10 ** (7 - prefix.length);
  const start = Number(prefix) * span - FIRST_BLOCK;
  for (let i = start; i < start + span; i++) {
    blockRegion[i] = id;
    blockPrefixLen[i] = prefix.length;
  }
}

// ---- cross-check with phonedata, and fill what libphonenumber lacks ----
let compared = 0;
let agreeProvince = 0;
let agreeCity = 0;
let filled = 0;
let coarseReplaced = 0;
for (const [prefix7, row] of [...phonedata].sort((a, b) => a[0] - b[0])) {
  const i = prefix7 - FIRST_BLOCK;
  if (i < 0 || i >= BLOCKS) continue;
  const mine = blockRegion[i] ? regions[blockRegion[i] - 1] : undefined;
  // A segment-level entry (e.g. "86173|北京市") is libphonenumber's placeholder, not a block assignment.
  const coarse = blockPrefixLen[i] > 0 && blockPrefixLen[i] <= 3;
  if (mine && !coarse) {
    compared++;
    if (mine.province === row.province) agreeProvince++;
    if (mine.province === row.province && mine.city === row.city) agreeCity++;
  } else if (fillFromPhonedata && row.province && row.city) {
    if (coarse) coarseReplaced++;
    else filled++;
    blockRegion[i] = regionId({ province: row.province, city: row.city });
  }
}

// ---- area code of every region ----
let areaFromPhonedata = 0;
const noArea: string[] = [];
for (const r of regions) {
  const own = cityAreaCode.get(`${r.province}|${r.city}`);
  if (own) {
    r.areaCode = own.code;
    continue;
  }
  const counts = pdAreaCodes.get(`${r.province}|${r.city}`);
  const fact = AREA_CODE_FACTS[`${r.province}|${r.city}`];
  if (fact) {
    r.areaCode = fact;
  } else if (counts) {
    r.areaCode = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    areaFromPhonedata++;
  } else {
    noArea.push(`${r.province}${r.city}`);
  }
}

// ---- carriers ----
const carriers = readTable(path.join(dataDir, 'libphonenumber-cn/carrier_zh_86.txt')).sort((a, b) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
);
function carrierOf(national7: string): string | null {
  let best: [string, string] | undefined;
  for (const c of carriers) if (national7.startsWith(c[0]) && (!best || c[0].length > best[0].length)) best = c;
  return best ? best[1] : null;
}
let carrierCompared = 0;
let carrierAgree = 0;
for (const [prefix7, row] of phonedata) {
  const mine = carrierOf(String(prefix7));
  if (!mine || row.carrier.endsWith('虚拟运营商')) continue;
  carrierCompared++;
  if (mine === row.carrier) carrierAgree++;
}

// ---- write ----
const out: string[] = [
  '# fanzha phone-segments v1 — generated by scripts/derive-phone-segments.ts, do not edit',
  '# regions, area codes, carriers: libphonenumber geocoding/carrier zh_86 (Apache-2.0, The Libphonenumber Authors)',
  fillFromPhonedata
    ? '# 7-digit blocks missing from libphonenumber filled from phonedata phone_segments_202108 (see script header)'
    : '# libphonenumber regions only',
];
out.push(`R ${regions.length}`);
for (const r of regions) out.push(`${r.province}\t${r.city}\t${r.areaCode}`);
out.push(`A ${areaCodes.length}`);
for (const [code, id] of areaCodes) out.push(`${code}\t${id}`);
out.push(`C ${carriers.length}`);
for (const [prefix, name] of carriers) out.push(`${prefix}\t${name}`);
const runs: string[] = [];
for (let i = 0; i < BLOCKS; ) {
  let j = i + 1;
  while (j < BLOCKS && blockRegion[j] === blockRegion[i]) j++;
  runs.push(`${j - i}\t${blockRegion[i]}`);
  i = j;
}
out.push(`M ${FIRST_BLOCK} ${runs.length}`, ...runs, '');
const text = out.join('\n');
const gz = gzipSync(Buffer.from(text, 'utf8'), { level: zlibConstants.Z_BEST_COMPRESSION });
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, gz);

const known = blockRegion.reduce((n, v) => n + (v ? 1 : 0), 0);
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(2)}%`;
const noAreaList = noArea.length ? `: ${noArea.join(' ')}` : '';
const fillNote = fillFromPhonedata ? `${filled} empty blocks + ${coarseReplaced} segment-level placeholders` : 'off';
console.log(`regions            ${regions.length} (area code from phonedata for ${areaFromPhonedata}, ` +
  `none for ${noArea.length}${noAreaList})`);
console.log(`area codes         ${areaCodes.length}`);
console.log(`carrier prefixes   ${carriers.length}; agreement with phonedata ` +
  `${pct(carrierAgree, carrierCompared)} of ${carrierCompared} blocks`);
console.log(`mobile blocks      ${known} with a region; ${runs.length} runs`);
console.log(`cross-check        ${compared} blocks in both: province agrees ${pct(agreeProvince, compared)}, ` +
  `city ${pct(agreeCity, compared)}`);
console.log(`phonedata fill     ${fillNote}`);
console.log(`wrote ${path.relative(repoRoot, outFile)}: ${text.length} chars, ${gz.length} bytes gzipped`);
