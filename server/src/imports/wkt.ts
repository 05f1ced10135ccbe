/**
 * Well-known text geometries as GeoJSON, for a CSV that carries its geometry in one column (as
 * `ogr2ogr -f CSV -lco GEOMETRY=AS_WKT` writes it, in a column named WKT). Points, lines,
 * polygons and their multi forms, with or without Z or M (kept as given; the geometry checks
 * drop Z), and GeoJSON geometries as WKT for our own CSV export. Pure.
 */
import type { Result } from '../domain/result.js';

export interface WktGeometry {
  type: 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'MultiLineString' | 'MultiPolygon';
  coordinates: unknown;
}

const TYPES: Record<string, { type: WktGeometry['type']; depth: number }> = {
  POINT: { type: 'Point', depth: 0 },
  LINESTRING: { type: 'LineString', depth: 1 },
  POLYGON: { type: 'Polygon', depth: 2 },
  MULTIPOINT: { type: 'MultiPoint', depth: 1 },
  MULTILINESTRING: { type: 'MultiLineString', depth: 2 },
  MULTIPOLYGON: { type: 'MultiPolygon', depth: 3 },
};

/** Nested lists of positions from the text between the outer parentheses. */
function parseLists(text: string): unknown {
  const stack: unknown[][] = [[]];
  let token = '';
  const flush = () => {
    const t = token.trim();
    token = '';
    if (t === '') return;
    const position = t.split(/\s+/).map(Number);
    if (position.length < 2 || position.some((n) => !Number.isFinite(n))) throw new Error(`"${t}" is not a position`);
    stack[stack.length - 1]!.push(position);
  };
  for (const c of text) {
    if (c === '(') {
      const list: unknown[] = [];
      stack[stack.length - 1]!.push(list);
      stack.push(list);
    } else if (c === ')') {
      flush();
      if (stack.length === 1) throw new Error('unbalanced parentheses');
      stack.pop();
    } else if (c === ',') flush();
    else token += c;
  }
  flush();
  if (stack.length !== 1) throw new Error('unbalanced parentheses');
  return stack[0]![0];
}

/** Depth of list nesting above the positions (a position is depth 0). */
function depthOf(value: unknown): number {
  if (!Array.isArray(value) || value.length === 0) return -1;
  return typeof value[0] === 'number' ? 0 : 1 + depthOf(value[0]);
}

/** `text` as a GeoJSON geometry; `EMPTY` geometries are null. */
export function parseWkt(text: string): Result<WktGeometry | null, string> {
  const m = /^\s*(?:SRID=\d+;\s*)?([A-Za-z]+)\s*(?:ZM|Z|M)?\s*(EMPTY|\(.*\))\s*$/s.exec(text);
  const kind = m ? TYPES[m[1]!.toUpperCase()] : undefined;
  if (!m || !kind) return { ok: false, error: `"${text.slice(0, 40)}" is not a WKT point, line or polygon` };
  if (m[2]!.toUpperCase() === 'EMPTY') return { ok: true, value: null };
  try {
    let coordinates = parseLists(m[2]!);
    // MULTIPOINT ((1 2), (3 4)) and MULTIPOINT (1 2, 3 4) are both written.
    if (kind.type === 'MultiPoint' && depthOf(coordinates) === 2)
      coordinates = (coordinates as unknown[][]).map((p) => p[0]);
    if (kind.depth === 0) coordinates = (coordinates as unknown[])[0];
    if (depthOf(coordinates) !== kind.depth) return { ok: false, error: `a ${m[1]} nested the wrong way` };
    return { ok: true, value: { type: kind.type, coordinates } };
  } catch (error) {
    return { ok: false, error: `WKT: ${(error as Error).message}` };
  }
}

const NAMES = Object.fromEntries(Object.entries(TYPES).map(([name, { type, depth }]) => [type, { name, depth }]));

/** Nested positions as WKT's parenthesised lists, numbers as JavaScript writes them (exact). */
function listText(value: unknown, depth: number): string {
  if (depth === 0) return (value as number[]).join(' ');
  return `(${(value as unknown[]).map((v) => listText(v, depth - 1)).join(',')})`;
}

/** A GeoJSON geometry as WKT (`POINT (115.4 35.2)`, `POLYGON ((…))`), the form GDAL reads. */
export function wktOfGeoJson(geometry: WktGeometry): string {
  const kind = NAMES[geometry.type];
  if (!kind) throw new Error(`no WKT for a GeoJSON ${geometry.type}`);
  const coordinates = geometry.coordinates as unknown[];
  if (coordinates.length === 0) return `${kind.name} EMPTY`;
  return kind.depth === 0
    ? `${kind.name} (${listText(coordinates, 0)})`
    : `${kind.name} ${listText(coordinates, kind.depth)}`;
}
