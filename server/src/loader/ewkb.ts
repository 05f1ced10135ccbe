/**
 * GeoJSON geometry → hex-encoded EWKB with SRID 4326, the fastest form PostGIS parses in
 * COPY. Little-endian throughout. Pure; coordinates must already be validated.
 */
import type { Position } from '../domain/dataset-format.js';

const SRID_FLAG = 0x20000000;
const SRID = 4326;
const TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiPolygon: 6 } as const;

export type EncodableGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

function size(g: EncodableGeometry): number {
  const header = 1 + 4;
  const ring = (r: Position[]) => 4 + r.length * 16;
  const polygon = (p: Position[][]) => header + 4 + p.reduce((s, r) => s + ring(r), 0);
  switch (g.type) {
    case 'Point':
      return header + 4 + 16;
    case 'LineString':
      return header + 4 + ring(g.coordinates);
    case 'Polygon':
      return polygon(g.coordinates) + 4;
    case 'MultiPolygon':
      return header + 4 + 4 + g.coordinates.reduce((s, p) => s + polygon(p), 0);
  }
}

export function toEwkbHex(g: EncodableGeometry): string {
  const view = new DataView(new ArrayBuffer(size(g)));
  let at = 0;
  const u8 = (v: number) => view.setUint8(at++, v);
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const f64 = (v: number) => {
    view.setFloat64(at, v, true);
    at += 8;
  };
  const positions = (ps: Position[]) => {
    u32(ps.length);
    for (const p of ps) {
      f64(p[0]);
      f64(p[1]);
    }
  };
  const polygonBody = (rings: Position[][]) => {
    u32(rings.length);
    for (const r of rings) positions(r);
  };
  u8(1);
  u32(TYPE[g.type] | SRID_FLAG);
  u32(SRID);
  switch (g.type) {
    case 'Point':
      f64(g.coordinates[0]);
      f64(g.coordinates[1]);
      break;
    case 'LineString':
      positions(g.coordinates);
      break;
    case 'Polygon':
      polygonBody(g.coordinates);
      break;
    case 'MultiPolygon':
      u32(g.coordinates.length);
      for (const p of g.coordinates) {
        u8(1);
        u32(TYPE.Polygon);
        polygonBody(p);
      }
      break;
  }
  return Buffer.from(view.buffer, 0, at).toString('hex');
}
