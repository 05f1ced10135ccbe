/**
 * The GeoPackage geometry blob (OGC 12-128 §2.1.3): a header ("GP", version, flags, srs_id,
 * optional envelope) followed by ISO WKB. Read into GeoJSON geometry and written from it. Pure.
 */
import type { Result } from '../domain/result.js';

export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

const TYPES = [
  '',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
];
/** Bytes of the envelope for each envelope indicator (flags bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

class WkbReader {
  private offset: number;
  private little = true;
  constructor(
    private readonly view: DataView,
    start: number,
  ) {
    this.offset = start;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.view.byteLength) throw new Error('the WKB ends early');
  }
  private uint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, this.little);
    this.offset += 4;
    return v;
  }
  private float64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, this.little);
    this.offset += 8;
    return v;
  }

  geometry(): GeoJsonGeometry {
    this.need(1);
    this.little = this.view.getUint8(this.offset++) === 1;
    const code = this.uint32();
    // ISO codes add 1000 (Z), 2000 (M), 3000 (ZM); the older extended WKB sets high bits.
    const base = (code & 0x0fffffff) % 1000;
    const iso = Math.floor((code & 0x0fffffff) / 1000);
    const hasZ = iso === 1 || iso === 3 || (code & 0x80000000) !== 0;
    const hasM = iso === 2 || iso === 3 || (code & 0x40000000) !== 0;
    const dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
    const type = TYPES[base];
    if (!type) throw new Error(`WKB geometry type ${code} is not one GeoJSON has`);
    const position = () => {
      const p: number[] = [];
      for (let i = 0; i < dims; i++) p.push(this.float64());
      // GeoJSON positions carry Z but not M.
      return hasM ? p.slice(0, hasZ ? 3 : 2) : p;
    };
    const positions = () => Array.from({ length: this.uint32() }, position);
    const rings = () => Array.from({ length: this.uint32() }, positions);
    const parts = () => Array.from({ length: this.uint32() }, () => this.geometry());
    switch (type) {
      case 'Point': {
        const p = position();
        return p.every(Number.isNaN) ? { type, coordinates: [] } : { type, coordinates: p };
      }
      case 'LineString':
        return { type, coordinates: positions() };
      case 'Polygon':
        return { type, coordinates: rings() };
      case 'GeometryCollection':
        return { type, geometries: parts() };
      default:
        return { type, coordinates: parts().map((g) => g.coordinates) };
    }
  }
}

/** The GeoJSON geometry of a GeoPackage geometry blob, or why it is not one. */
export function readGpkgGeometry(blob: Uint8Array): Result<GeoJsonGeometry | null, string> {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    return { ok: false, error: 'the geometry is not a GeoPackage geometry (no "GP" header)' };
  }
  const flags = blob[3]!;
  if (flags & 0x20) return { ok: false, error: 'the geometry uses an extended GeoPackage geometry type' };
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) return { ok: false, error: 'the geometry header has an unknown envelope kind' };
  if (flags & 0x10) return { ok: true, value: null };
  try {
    return { ok: true, value: new WkbReader(view, 8 + envelope).geometry() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function flatPositions(g: GeoJsonGeometry, out: number[][]): void {
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.geometries) g.geometries.forEach((part) => flatPositions(part, out));
  else walk(g.coordinates);
}

/** A GeoPackage geometry blob (little-endian, 2D, with an XY envelope for all but points). */
export function writeGpkgGeometry(geometry: GeoJsonGeometry, srsId: number): Uint8Array {
  const bytes: number[] = [];
  const uint32 = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    bytes.push(...b);
  };
  const float64 = (v: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    bytes.push(...b);
  };
  const positions = (ps: number[][]) => {
    uint32(ps.length);
    for (const p of ps) {
      float64(p[0]!);
      float64(p[1]!);
    }
  };
  const wkb = (g: GeoJsonGeometry) => {
    bytes.push(1);
    uint32(TYPES.indexOf(g.type));
    const c = g.coordinates as never;
    if (g.type === 'Point') {
      float64((c as number[])[0]!);
      float64((c as number[])[1]!);
    } else if (g.type === 'LineString') positions(c);
    else if (g.type === 'Polygon') {
      uint32((c as number[][][]).length);
      (c as number[][][]).forEach(positions);
    } else if (g.type === 'GeometryCollection') {
      uint32(g.geometries!.length);
      g.geometries!.forEach(wkb);
    } else {
      const partType = g.type.slice(5);
      uint32((c as unknown[]).length);
      for (const part of c as unknown[]) wkb({ type: partType, coordinates: part });
    }
  };
  const isPoint = geometry.type === 'Point';
  bytes.push(0x47, 0x50, 0, isPoint ? 0x01 : 0x03);
  uint32(srsId);
  if (!isPoint) {
    const all: number[][] = [];
    flatPositions(geometry, all);
    const box = [Infinity, -Infinity, Infinity, -Infinity];
    for (const [x, y] of all) {
      box[0] = Math.min(box[0]!, x!);
      box[1] = Math.max(box[1]!, x!);
      box[2] = Math.min(box[2]!, y!);
      box[3] = Math.max(box[3]!, y!);
    }
    box.forEach(float64);
  }
  wkb(geometry);
  return Uint8Array.from(bytes);
}
