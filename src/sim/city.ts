import fs from 'node:fs';
import path from 'node:path';
import { FanzhaError } from '../domain/errors.js';

/** A police station (派出所) under a district branch; one per street or town of the real division list. */
export interface Station {
  /** The 9-digit street / town code it serves. */
  code: string;
  /** '太原市公安局小店分局坞城派出所' */
  name: string;
  street: string;
  district: number;
}

export interface District {
  /** 6-digit county-level code ('140105'). */
  code: string;
  /** '小店区' */
  name: string;
  /** '太原市公安局小店分局' */
  branch: string;
  urban: boolean;
}

export interface City {
  /** 4-digit prefecture code ('1401'). */
  code: string;
  /** '太原市' */
  name: string;
  /** '太原', the name the phone-segment table uses. */
  shortName: string;
  province: string;
  districts: District[];
  stations: Station[];
  /** How many residents each station serves, relative (streets in town centres are denser than villages). */
  stationWeight: Float64Array;
}

function readCsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  const rows: string[][] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    // The division lists quote names and never put a comma inside one.
    rows.push(line.trim().split(',').map((f) => f.replace(/^"|"$/g, '')));
  }
  return rows;
}

function shortCityName(name: string): string {
  return name.replace(/(市|地区|盟|自治州)$/, '');
}

function stationName(street: string): string {
  return street.replace(/(街道办事处|街道|地区办事处|办事处|镇|乡|苏木)$/, '') + '派出所';
}

/**
 * The city's districts and police stations from the real division lists (modood/Administrative-divisions-of-China
 * under FANZHA_REALDATA_DIR/admin-divisions).
 */
export function loadCity(realdataDir: string, cityCode: string): City {
  const dir = path.join(realdataDir, 'admin-divisions');
  if (!fs.existsSync(path.join(dir, 'streets.csv'))) {
    throw new FanzhaError('NOT_FOUND', `no division lists in ${dir} (set FANZHA_REALDATA_DIR)`);
  }
  const city = readCsv(path.join(dir, 'cities.csv')).find((r) => r[0] === cityCode);
  if (!city) throw new FanzhaError('NOT_FOUND', `no prefecture-level city ${cityCode} in ${dir}/cities.csv`);
  const province = readCsv(path.join(dir, 'provinces.csv')).find((r) => r[0] === city[2])?.[1] ?? '';
  // Municipalities list their districts under "市辖区"; the city is then the province.
  const cityName = city[1] === '市辖区' ? province : city[1];
  const districts: District[] = [];
  const byCode = new Map<string, number>();
  for (const [code, name, parent] of readCsv(path.join(dir, 'areas.csv'))) {
    if (parent !== cityCode) continue;
    byCode.set(code, districts.length);
    const urban = name.endsWith('区');
    const short = name.replace(/(区|县|市|旗)$/, '');
    districts.push({
      code,
      name,
      urban,
      branch: name.endsWith('区') ? `${cityName}公安局${short}分局` : `${name}公安局`,
    });
  }
  const stations: Station[] = [];
  const weights: number[] = [];
  for (const [code, street, area] of readCsv(path.join(dir, 'streets.csv'))) {
    const d = byCode.get(area);
    if (d === undefined) continue;
    stations.push({ code, street, district: d, name: `${districts[d].branch}${stationName(street)}` });
    weights.push(street.endsWith('街道') ? 4 : street.endsWith('镇') ? 1.5 : 0.6);
  }
  if (stations.length === 0) throw new FanzhaError('NOT_FOUND', `city ${cityCode} has no streets or towns in ${dir}/streets.csv`);
  return {
    code: cityCode,
    name: cityName,
    shortName: shortCityName(cityName),
    province: province.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, ''),
    districts,
    stations,
    stationWeight: Float64Array.from(weights),
  };
}
