/**
 * Which source field fills which column, and how source values (Chinese labels, mostly) become
 * our vocabulary. A mapping file (JSON) may name fields, add value labels and give defaults;
 * without one, common field names of Chinese registers are recognised. Pure.
 *
 * Mapping file:
 * ```json
 * { "fields": { "id": "设备国标编码", "lon": "X坐标" },
 *   "values": { "kind": { "半球": "dome" } },
 *   "defaults": { "owner_unit": "牡丹分局" } }
 * ```
 */
import type { Result } from '../domain/result.js';

export const IMPORT_LAYERS = ['cameras', 'risk_points', 'cases', 'grids'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

export interface Mapping {
  /** Target column → source field name. */
  fields: Record<string, string>;
  /** Target column → source label → our value. */
  values: Record<string, Record<string, string | number>>;
  /** Target column → value used when the source has none. */
  defaults: Record<string, string | number>;
}

/** Source field names recognised without a mapping file, per target column (compared case-insensitively). */
export const DEFAULT_FIELD_NAMES: Readonly<Record<string, readonly string[]>> = {
  id: ['id', '编码', '设备编码', '国标编码', '设备国标编码', '点位编码', '编号'],
  code: ['code', '编码', '案件编码', '网格编码', '编号'],
  name: ['name', '名称', '设备名称', '点位名称', '网格名称'],
  lon: ['lon', 'lng', 'longitude', '经度', 'x'],
  lat: ['lat', 'latitude', '纬度', 'y'],
  kind: ['kind', '类型', '设备类型', '网格类型'],
  status: ['status', '状态', '在线状态', '办理状态', '案件状态'],
  category: ['category', '类别', '类型', '风险类别', '纠纷类别', '案件类别'],
  level: ['level', '等级', '风险等级', '预警等级'],
  grid_code: ['grid_code', '网格编码', '所属网格', '网格'],
  owner_unit: ['owner_unit', '所属单位', '管理单位', '建设单位'],
  responsible_unit: ['responsible_unit', '责任单位', '管理单位'],
  heading: ['heading', '朝向', '方向角'],
  fov: ['fov', '视场角'],
  last_seen: ['last_seen', '最后在线时间'],
  last_inspected_at: ['last_inspected_at', '最近巡查时间', '巡查时间'],
  severity: ['severity', '严重程度', '紧急程度', '等级'],
  source: ['source', '来源', '案件来源'],
  reported_at: ['reported_at', '登记时间', '受理时间', '上报时间'],
  deadline: ['deadline', '办结时限', '期限'],
  closed_at: ['closed_at', '办结时间'],
  handled_level: ['handled_level', '办理层级', '化解层级'],
  households: ['households', '户数'],
  population: ['population', '人口', '人口数'],
};

/** Chinese labels of our vocabularies, per target column. Our own values are accepted as they are. */
export const DEFAULT_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  kind: {
    枪机: 'bullet',
    枪型: 'bullet',
    球机: 'dome',
    半球: 'dome',
    云台: 'ptz',
    卡口: 'checkpoint',
    未知: 'unknown',
    综合网格: 'comprehensive',
    综合: 'comprehensive',
    专属网格: 'dedicated',
    专属: 'dedicated',
  },
  status: {
    在线: 'online',
    离线: 'offline',
    故障: 'fault',
    登记受理: 'registered',
    先行调解: 'mediating',
    风险研判: 'assessing',
    分类流转: 'dispatched',
    跟踪督办: 'supervising',
    案结事了: 'resolved',
    总结分析: 'reviewed',
  },
  category: {
    学校: 'school',
    医院: 'hospital',
    市场: 'market',
    集贸市场: 'market',
    建筑工地: 'construction_site',
    工地: 'construction_site',
    危化品: 'hazardous_chemicals',
    危险化学品: 'hazardous_chemicals',
    加油站: 'gas_station',
    矛盾纠纷多发点: 'recurring_dispute',
    纠纷多发点: 'recurring_dispute',
    人员密集场所: 'crowded_place',
    危险水域: 'water_hazard',
    水域: 'water_hazard',
    邻里纠纷: 'neighbour',
    婚姻家庭纠纷: 'family',
    家庭纠纷: 'family',
    土地纠纷: 'land',
    物业纠纷: 'property',
    劳资纠纷: 'labour',
    征地拆迁: 'demolition',
    拆迁纠纷: 'demolition',
    医疗纠纷: 'medical',
    医患纠纷: 'medical',
    消费纠纷: 'consumer',
    交通事故纠纷: 'traffic',
    交通纠纷: 'traffic',
    环境污染: 'environment',
    环境纠纷: 'environment',
    治安问题: 'public_order',
    社会治安: 'public_order',
  },
  level: { 红: 1, 红色: 1, 一级: 1, 橙: 2, 橙色: 2, 二级: 2, 黄: 3, 黄色: 3, 三级: 3, 蓝: 4, 蓝色: 4, 四级: 4 },
  severity: { 一般: 'low', 低: 'low', 较大: 'medium', 中: 'medium', 重大: 'high', 高: 'high', 特别重大: 'critical' },
  source: {
    '12345热线': 'hotline',
    热线: 'hotline',
    来访: 'walk_in',
    群众来访: 'walk_in',
    巡查: 'patrol',
    网格巡查: 'patrol',
    视频: 'video',
    视频告警: 'video',
  },
  handled_level: {
    村: 'village',
    社区: 'village',
    村社区: 'village',
    乡镇: 'township',
    街道: 'township',
    县: 'county',
    区: 'county',
    市: 'city',
  },
};

const TARGETS = new Set(Object.keys(DEFAULT_FIELD_NAMES));

/** The mapping a file describes, checked; a missing file is the empty mapping. */
export function parseMapping(json: unknown): Result<Mapping, string> {
  const mapping: Mapping = { fields: {}, values: {}, defaults: {} };
  if (json === null || json === undefined) return { ok: true, value: mapping };
  if (typeof json !== 'object' || Array.isArray(json)) return { ok: false, error: 'the mapping must be a JSON object' };
  const m = json as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!['fields', 'values', 'defaults'].includes(key)) {
      return { ok: false, error: `mapping: unknown key "${key}"; use fields, values, defaults` };
    }
  }
  for (const section of ['fields', 'values', 'defaults'] as const) {
    const value = m[section];
    if (value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, error: `mapping.${section} must be an object keyed by column` };
    }
    for (const [column, v] of Object.entries(value)) {
      if (!TARGETS.has(column))
        return { ok: false, error: `mapping.${section}: "${column}" is not a column we import` };
      if (section === 'fields' && typeof v !== 'string') {
        return { ok: false, error: `mapping.fields.${column} must be the name of a source field` };
      }
      if (section === 'defaults' && typeof v !== 'string' && typeof v !== 'number') {
        return { ok: false, error: `mapping.defaults.${column} must be a string or a number` };
      }
      if (section === 'values' && (typeof v !== 'object' || v === null || Array.isArray(v))) {
        return { ok: false, error: `mapping.values.${column} must map source labels to values` };
      }
    }
  }
  return {
    ok: true,
    value: {
      fields: (m.fields ?? {}) as Mapping['fields'],
      values: (m.values ?? {}) as Mapping['values'],
      defaults: (m.defaults ?? {}) as Mapping['defaults'],
    },
  };
}

/** A dBASE field name holds at most 10 bytes; the Shapefile format cuts longer names there. */
const DBF_NAME_BYTES = 10;

/**
 * The names a long field name becomes in a Shapefile: cut to 10 bytes in UTF-8 and in GBK (a
 * Chinese character is 3 bytes in one, 2 in the other), a character cut in half dropped.
 */
export function truncatedFieldNames(name: string): string[] {
  const out = new Set<string>();
  for (const width of [(c: string) => new TextEncoder().encode(c).length, (c: string) => (c <= '\x7f' ? 1 : 2)]) {
    let bytes = 0;
    let cut = '';
    for (const c of name) {
      bytes += width(c);
      if (bytes > DBF_NAME_BYTES) break;
      cut += c;
    }
    if (cut !== name) out.add(cut);
  }
  return [...out];
}

/** A source field name compared: trimmed, lower case, without a half character left by a cut. */
const normalName = (f: string) =>
  f
    .trim()
    .replace(/\uFFFD+$/, '')
    .toLowerCase();

/**
 * For each target column, the source field that fills it: the mapping file's choice, else the
 * first default name present among the source fields (ignoring case and spaces). A name the
 * Shapefile format cut to 10 bytes (`last_inspe` for `last_inspected_at`) is found from the
 * full one when the full one is not there.
 */
export function resolveFields(sourceFields: readonly string[], mapping: Mapping): Map<string, string> {
  const byNormal = new Map<string, string>();
  for (const f of sourceFields) {
    const normal = normalName(f);
    if (!byNormal.has(normal)) byNormal.set(normal, f);
  }
  const find = (names: readonly string[]): string | undefined => {
    for (const name of names) {
      const found = byNormal.get(name.toLowerCase());
      if (found !== undefined) return found;
    }
    for (const name of names) {
      for (const cut of truncatedFieldNames(name)) {
        const found = byNormal.get(cut.toLowerCase());
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const resolved = new Map<string, string>();
  for (const [column, names] of Object.entries(DEFAULT_FIELD_NAMES)) {
    const chosen = mapping.fields[column];
    const found =
      chosen === undefined ? find(names) : sourceFields.includes(chosen) ? chosen : (find([chosen]) ?? chosen);
    if (found !== undefined) resolved.set(column, found);
  }
  return resolved;
}

/** A record's value for a column: mapped field, then default; empty strings count as absent. */
export function valueOf(
  props: Record<string, unknown>,
  column: string,
  fields: Map<string, string>,
  mapping: Mapping,
): unknown {
  const field = fields.get(column);
  const raw = field === undefined ? undefined : props[field];
  const present = raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '');
  if (!present) return mapping.defaults[column] ?? null;
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  const label = mapping.values[column]?.[text] ?? DEFAULT_VALUE_LABELS[column]?.[text];
  return label ?? text;
}
