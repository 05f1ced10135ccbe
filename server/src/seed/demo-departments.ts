/**
 * The departments a demo city's centers host (综治中心 at city, county and township level):
 * the ones seeds and provincial rules name — court, procuratorate, police, justice, petitions,
 * human resources, housing, market regulation, civil affairs, health, education, emergency,
 * natural resources, the women's federation — with the stationing usual at each level (常驻
 * resident, 轮驻 rotating, 随驻 on call). Synthetic like the rest of the demo; pure.
 */
import type { AdminLevel, DepartmentKind, DepartmentStationing } from '../domain/vocabulary.js';
import { townshipBaseName } from './demo-city/names.js';

export interface CenterUnit {
  code: string;
  level: AdminLevel;
  name: string;
}

export interface DemoDepartment {
  code: string;
  centerUnitCode: string;
  name: string;
  kind: DepartmentKind;
  stationing: DepartmentStationing;
  contact: string;
}

type Hosted = readonly [DepartmentKind, DepartmentStationing, (unit: CenterUnit) => string];

const upper =
  (suffix: string, countySuffix = suffix) =>
  (u: CenterUnit) =>
    `${u.name}${u.level === 'county' ? countySuffix : suffix}`;

const CITY_AND_COUNTY: readonly Hosted[] = [
  ['court', 'resident', upper('中级人民法院', '人民法院')],
  ['procuratorate', 'rotating', upper('人民检察院')],
  ['police', 'resident', (u) => `${u.name}${u.level === 'county' && u.name.endsWith('区') ? '公安分局' : '公安局'}`],
  ['justice', 'resident', upper('司法局')],
  ['petitions', 'resident', upper('信访局')],
  ['hrss', 'rotating', upper('人力资源和社会保障局')],
  ['housing', 'rotating', upper('住房和城乡建设局')],
  ['market_regulation', 'rotating', upper('市场监督管理局')],
  ['civil_affairs', 'on_call', upper('民政局')],
  ['health', 'on_call', upper('卫生健康委员会', '卫生健康局')],
  ['education', 'on_call', upper('教育局')],
  ['emergency', 'on_call', upper('应急管理局')],
  ['natural_resources', 'on_call', upper('自然资源和规划局', '自然资源局')],
  ['women_federation', 'rotating', upper('妇女联合会')],
];

const base = (u: CenterUnit) => townshipBaseName(u.name);
const TOWNSHIP: readonly Hosted[] = [
  ['police', 'resident', (u) => `${base(u)}派出所`],
  ['justice', 'resident', (u) => `${base(u)}司法所`],
  ['court', 'rotating', (u) => `${base(u)}人民法庭`],
  ['petitions', 'resident', (u) => `${u.name}信访办`],
  ['hrss', 'rotating', (u) => `${u.name}劳动保障所`],
  ['market_regulation', 'rotating', (u) => `${base(u)}市场监管所`],
  ['natural_resources', 'on_call', (u) => `${base(u)}自然资源所`],
  ['health', 'on_call', (u) => `${base(u)}卫生院`],
  ['women_federation', 'on_call', (u) => `${u.name}妇联`],
];

/** A desk telephone of the demo (area code 0530, Heze), the same for the same department. */
function demoContact(code: string): string {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) % 9_000_000;
  return `0530-${1_000_000 + h}`;
}

/** The departments of every city, county and township unit given, serials in the order above. */
export function demoDepartments(units: readonly CenterUnit[]): DemoDepartment[] {
  return units.flatMap((unit) => {
    if (unit.level === 'village') return [];
    const hosted = unit.level === 'township' ? TOWNSHIP : CITY_AND_COUNTY;
    return hosted.map(([kind, stationing, name], i) => {
      const code = `${unit.code}${String(i + 1).padStart(2, '0')}`;
      return { code, centerUnitCode: unit.code, name: name(unit), kind, stationing, contact: demoContact(code) };
    });
  });
}
