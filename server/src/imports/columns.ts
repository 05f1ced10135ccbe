/**
 * What an import of each layer reads, for people: the columns from the one list
 * (domain/layer-columns.ts), whether each is required, what it holds, the header names
 * recognised without a mapping file (mapping.ts), the labels recognised for its values, what
 * stands in for a missing value, and the header a template uses. GET /imports/columns answers
 * it; the import page shows it. Pure.
 */
import { importedColumns, type ImportDefault, type ValueRule } from '../domain/layer-columns.js';
import { DEFAULT_FIELD_NAMES, DEFAULT_VALUE_LABELS, IMPORT_LAYERS, type ImportLayer } from './mapping.js';

export type DescribedRule = Exclude<ValueRule, { type: 'structure' }> | { type: 'position' } | { type: 'geometry' };

export interface ColumnDescription {
  name: string;
  required: boolean;
  rule: DescribedRule;
  headers: readonly string[];
  /** The header the template writes: a Chinese name a register would use, recognised as this column. */
  templateHeader: string;
  labels?: Readonly<Record<string, string | number>>;
  /** What an import puts where the file has no value; `unit` names the account's unit. */
  default?: ImportDefault & { unit?: string };
}

export interface LayerDescription {
  layer: ImportLayer;
  columns: ColumnDescription[];
}

/** Header names a grid's geometry is read from in a CSV (as ogr2ogr writes it, -lco GEOMETRY=AS_WKT). */
export const WKT_FIELD_NAMES = ['WKT', 'geometry', 'geom', 'the_geom', '几何'] as const;

/**
 * The geometry column of our own CSV export. GDAL's CSV driver reads any column named
 * `_WKT<name>` as a WKT geometry and a `_EPSG_<code>` ending as its coordinate system, so GDAL,
 * QGIS and this importer all know the positions are WGS-84 without being told.
 */
export const CSV_GEOMETRY_HEADER = '_WKTgeom_EPSG_4326';

/** Whether `header` is a GDAL geometry column (`_WKT…`), and the EPSG code it names, if any. */
export function gdalGeometryHeader(header: string): { epsg: number | null } | null {
  const m = /^_WKT.*?(?:_EPSG_(\d+))?$/i.exec(header.trim());
  return m ? { epsg: m[1] ? Number(m[1]) : null } : null;
}

/** The first Chinese header (as a register writes it), else our own column name. */
function templateHeaderOf(name: string, headers: readonly string[]): string {
  return headers.find((h) => h !== name && /\p{Script=Han}/u.test(h)) ?? name;
}

function describe(name: string, rule: DescribedRule, required: boolean, d?: ImportDefault): ColumnDescription {
  const headers = DEFAULT_FIELD_NAMES[name] ?? (name === 'geometry' ? WKT_FIELD_NAMES : [name]);
  const labels = DEFAULT_VALUE_LABELS[name];
  return {
    name,
    required,
    rule,
    headers,
    templateHeader: name === 'geometry' ? 'WKT' : templateHeaderOf(name, headers),
    ...(labels && rule.type === 'vocabulary' ? { labels } : {}),
    ...(d ? { default: d } : {}),
  };
}

/** The columns of `layer` an import reads, then where its position comes from. */
export function describeLayer(layer: ImportLayer, accountUnit: string | null): LayerDescription {
  const columns = importedColumns(layer).map((spec) => {
    const d = spec.importDefault;
    const shown = d && 'rule' in d && d.rule === 'account_unit' && accountUnit ? { ...d, unit: accountUnit } : d;
    return describe(spec.name, spec.rule as DescribedRule, spec.imported === 'required', shown);
  });
  const position =
    layer === 'grids'
      ? [describe('geometry', { type: 'geometry' }, true)]
      : [describe('lon', { type: 'position' }, true), describe('lat', { type: 'position' }, true)];
  return { layer, columns: [...columns, ...position] };
}

/** The values new rows of `layer` get where the file has none (an existing row keeps its own). */
export function newRowValues(layer: ImportLayer, accountUnit: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of importedColumns(layer)) {
    const d = spec.importDefault;
    if (d && 'value' in d) out[spec.name] = String(d.value);
    else if (d?.rule === 'account_unit') out[spec.name] = accountUnit;
  }
  return out;
}

/** Every import layer, described. */
export function describeImportLayers(accountUnit: string | null): LayerDescription[] {
  return IMPORT_LAYERS.map((layer) => describeLayer(layer, accountUnit));
}
