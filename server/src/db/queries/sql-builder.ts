/**
 * A small helper to build WHERE clauses with numbered parameters, and the SQL for the
 * shared filters: jurisdiction prefix and area.
 */
import type { AreaFilter } from '../../domain/area-filter.js';

export class Conditions {
  readonly clauses: string[] = [];
  constructor(readonly params: unknown[] = []) {}

  /** Adds a parameter and returns its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }

  /** Everything inside the code prefix (jurisdiction or unit): `code LIKE '3717%'`. */
  prefix(column: string, prefix: string): this {
    return this.add(`${column} LIKE ${this.param(`${prefix}%`)}`);
  }

  /** The area filter against a geometry column and the code column that carries unit codes. */
  area(area: AreaFilter, geomColumn: string, codeColumn: string, unitPrefix: (code: string) => string): this {
    if (area.unitCode) this.prefix(codeColumn, unitPrefix(area.unitCode));
    if (area.bbox) {
      const [a, b, c, d] = area.bbox.map((v) => this.param(v));
      this.add(`ST_Intersects(${geomColumn}, ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326))`);
    }
    if (area.near) {
      // A bounding-box test first lets the GiST index work; the geography test is exact.
      const { lon, lat, radiusMeters } = area.near;
      const dLat = radiusMeters / 110_540;
      const dLon = radiusMeters / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
      const [a, b, c, d] = [lon - dLon, lat - dLat, lon + dLon, lat + dLat].map((v) => this.param(v));
      const point = `ST_SetSRID(ST_MakePoint(${this.param(lon)}, ${this.param(lat)}), 4326)::geography`;
      this.add(`${geomColumn} && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326)`);
      this.add(`ST_DWithin(${geomColumn}::geography, ${point}, ${this.param(radiusMeters)})`);
    }
    if (area.polygon) {
      this.add(
        `ST_Intersects(${geomColumn}, ST_SetSRID(ST_GeomFromGeoJSON(${this.param(JSON.stringify(area.polygon))}), 4326))`,
      );
    }
    return this;
  }
}
