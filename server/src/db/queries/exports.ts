/**
 * Rows of a layer for export, inside the jurisdiction and area, in key order, a chunk at a time
 * (keyset), so a city's 250,000 cameras stream out in bounded memory.
 */
import type { AreaFilter } from '../../domain/area-filter.js';
import { columnNames } from '../../domain/layer-columns.js';
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export type ExportLayer = 'cameras' | 'risk_points' | 'cases' | 'grids';

interface ExportSource {
  table: string;
  key: string;
  /** The column that starts with the village code (jurisdiction and unit filters). */
  codeColumn: string;
  /** The table's columns (domain/layer-columns.ts), geometry apart. */
  columns: string[];
  extra?: string;
  always?: string;
}

export const EXPORT_SOURCES: Record<ExportLayer, ExportSource> = {
  cameras: {
    table: 'cameras',
    key: 'id',
    codeColumn: 'grid_code',
    columns: columnNames('cameras'),
  },
  risk_points: {
    table: 'risk_points',
    key: 'id',
    codeColumn: 'grid_code',
    columns: columnNames('risk_points'),
  },
  cases: {
    table: 'cases',
    key: 'code',
    codeColumn: 'village_code',
    columns: columnNames('cases'),
    // Open311 wants the last change and the agency: the latest event, the unit at the handling level.
    extra: `(SELECT max(e.at) FROM case_events e WHERE e.case_code = t.code) AS updated_at,
      (SELECT a.name FROM admin_units a WHERE a.code = CASE t.handled_level
         WHEN 'village' THEN t.village_code
         WHEN 'township' THEN left(t.village_code, 9) || '000'
         WHEN 'county' THEN left(t.village_code, 6) || '000000'
         ELSE left(t.village_code, 4) || '00000000' END) AS agency`,
  },
  grids: {
    table: 'grids',
    key: 'code',
    codeColumn: 'code',
    columns: columnNames('grids'),
    always: 't.valid_to IS NULL',
  },
};

export interface ExportFilter {
  prefix: string;
  area: AreaFilter;
  unitPrefix: (code: string) => string;
}

export type ExportRow = Record<string, unknown> & { geometry: string; lon: number | null; lat: number | null };

/** Chunks of rows with their geometry as GeoJSON text (7 decimals, ~1 cm) and points' lon/lat. */
export async function* findExportChunks(
  db: Queryable,
  layer: ExportLayer,
  filter: ExportFilter,
  chunkRows = 5000,
): AsyncGenerator<ExportRow[]> {
  const s = EXPORT_SOURCES[layer];
  let after: string | null = null;
  for (;;) {
    const c = new Conditions()
      .prefix(`t.${s.codeColumn}`, filter.prefix)
      .area(filter.area, 't.geom', `t.${s.codeColumn}`, filter.unitPrefix);
    if (s.always) c.add(s.always);
    if (after !== null) c.add(`t.${s.key} > ${c.param(after)}`);
    const point =
      layer === 'grids' ? 'NULL::float8 AS lon, NULL::float8 AS lat' : 'ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat';
    const { rows } = await db.query<ExportRow>(
      `SELECT ${s.columns.map((col) => `t.${col}`).join(', ')}, ${s.extra ? `${s.extra},` : ''}
         ST_AsGeoJSON(t.geom, 7) AS geometry, ${point}
       FROM ${s.table} t ${c.where()} ORDER BY t.${s.key} LIMIT ${chunkRows}`,
      c.params,
    );
    if (rows.length > 0) yield rows;
    if (rows.length < chunkRows) return;
    after = String(rows[rows.length - 1]![s.key]);
  }
}
