/**
 * Coordinate systems an import may be in, and their conversion to WGS-84 lon/lat. Chinese web
 * maps publish GCJ-02 (Amap, Tencent) or BD-09 (Baidu), offset by hundreds of metres from GPS;
 * surveys deliver CGCS2000, geographic or projected in 3° or 6° Gauss–Krüger zones. Pure.
 *
 * CGCS2000 and WGS-84 differ by centimetres (ITRF-based frames, ellipsoids GRS80 vs WGS84), far
 * below what a grid or a camera position needs, so CGCS2000 geographic is taken as WGS-84.
 */
import gcoordModule from 'gcoord';
import proj4 from 'proj4';
import type { Result } from '../domain/result.js';

/** How a CRS is named on the command line, in the upload form and in mapping files. */
export type CrsName = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000' | `epsg:${number}`;

export interface CrsInfo {
  /** The normalised name. */
  name: CrsName;
  /** What it is, for reports. */
  label: string;
  /** Whether coordinates are metres (x easting, y northing), not degrees. */
  projected: boolean;
}

/** A converter from source coordinates (x, y) to WGS-84 [lon, lat]. */
export type ToWgs84 = (x: number, y: number) => [number, number];

/**
 * The proj4 definition of a CGCS2000 Gauss–Krüger EPSG code, or null when the code is not one
 * of them. Written here (proj4 ships none of them); they match PostGIS's spatial_ref_sys:
 * 4491–4501 6° zones 13–23 with the zone number in front of the easting, 4502–4512 the same
 * without it, 4513–4533 3° zones 25–45 with prefix, 4534–4554 3° CM 75°E…135°E without.
 */
export function gaussKrugerDefinition(epsg: number): string | null {
  const tmerc = (lon0: number, x0: number) =>
    `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  // 6° zones 13–23 with zone prefix: EPSG:4491–4501 (CGCS2000 / Gauss-Kruger zone 13 … 23).
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4491 + 13;
    return tmerc(zone * 6 - 3, zone * 1e6 + 500_000);
  }
  // 6° zones 13–23 without prefix: EPSG:4502–4512 (CGCS2000 / Gauss-Kruger CM 75E … 135E).
  if (epsg >= 4502 && epsg <= 4512) return tmerc(75 + (epsg - 4502) * 6, 500_000);
  // 3° zones 25–45 with zone prefix: EPSG:4513–4533 (CGCS2000 / 3-degree Gauss-Kruger zone 25 … 45).
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4513 + 25;
    return tmerc(zone * 3, zone * 1e6 + 500_000);
  }
  // 3° zones without prefix: EPSG:4534–4554 (CGCS2000 / 3-degree Gauss-Kruger CM 75E … 135E).
  if (epsg >= 4534 && epsg <= 4554) return tmerc(75 + (epsg - 4534) * 3, 500_000);
  return null;
}

/** Why a value names no supported CRS, or the CRS it names. Accepts EPSG:4326/4490 too. */
export function parseCrs(value: string): Result<CrsInfo, string> {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  const simple: Record<string, CrsInfo> = {
    wgs84: { name: 'wgs84', label: 'WGS-84', projected: false },
    'epsg:4326': { name: 'wgs84', label: 'WGS-84', projected: false },
    gcj02: { name: 'gcj02', label: 'GCJ-02 (Amap, Tencent)', projected: false },
    bd09: { name: 'bd09', label: 'BD-09 (Baidu)', projected: false },
    cgcs2000: { name: 'cgcs2000', label: 'CGCS2000 geographic', projected: false },
    'epsg:4490': { name: 'cgcs2000', label: 'CGCS2000 geographic', projected: false },
  };
  const known = simple[v.replace(/^epsg:?/, 'epsg:')] ?? simple[v];
  if (known) return { ok: true, value: known };
  const epsg = /^epsg:?(\d{4,5})$/.exec(v);
  if (epsg && gaussKrugerDefinition(Number(epsg[1]))) {
    return {
      ok: true,
      value: { name: `epsg:${Number(epsg[1])}`, label: `CGCS2000 Gauss–Krüger EPSG:${epsg[1]}`, projected: true },
    };
  }
  return {
    ok: false,
    error:
      `unknown coordinate system "${value}": use wgs84, gcj02, bd09, cgcs2000 (EPSG:4490) or a CGCS2000 ` +
      'Gauss–Krüger EPSG code (4491–4554)',
  };
}

type Gcoord = (typeof gcoordModule)['default'];
// gcoord is CommonJS with typings that declare an ES default export; which object carries
// `transform` depends on the loader's interop, so take whichever does.
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as Gcoord;

const fromGcj02: ToWgs84 = (x, y) => gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
const fromBd09: ToWgs84 = (x, y) => gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84) as [number, number];

/** The converter of a CRS to WGS-84 lon/lat. */
export function converterTo84(crs: CrsInfo): ToWgs84 {
  switch (crs.name) {
    case 'wgs84':
    case 'cgcs2000':
      return (x, y) => [x, y];
    case 'gcj02':
      return fromGcj02;
    case 'bd09':
      return fromBd09;
    default: {
      const definition = gaussKrugerDefinition(Number(crs.name.slice(5)));
      if (!definition) throw new Error(`no definition for ${crs.name}`);
      const converter = proj4(definition, 'EPSG:4326');
      return (x, y) => converter.forward([x, y]) as [number, number];
    }
  }
}

/**
 * The CRS a Shapefile's .prj (ESRI WKT) describes, or null when it is not one we know. Only
 * the parts that tell the systems apart are read: the geographic datum and, when projected,
 * the central meridian and false easting.
 */
export function crsFromPrj(wkt: string): CrsInfo | null {
  const text = wkt.replace(/\s+/g, ' ');
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(text)?.[1];
  if (authority) {
    const parsed = parseCrs(`epsg:${authority}`);
    if (parsed.ok) return parsed.value;
  }
  const cgcs = /CGCS.?2000|China.?2000|China_Geodetic_Coordinate_System_2000/i.test(text);
  const wgs = /WGS.?(19)?84/i.test(text);
  if (!/^\s*PROJCS/i.test(text)) {
    if (cgcs) return { name: 'cgcs2000', label: 'CGCS2000 geographic', projected: false };
    return wgs ? { name: 'wgs84', label: 'WGS-84', projected: false } : null;
  }
  // Same-shaped projections in 6° and 3° tables (e.g. 4502 and 4534) are the same maths.
  if (!cgcs || !/Transverse_Mercator|Gauss/i.test(text)) return null;
  const param = (name: string) => {
    const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.]+)\\]`, 'i').exec(text);
    return m ? Number(m[1]) : null;
  };
  const lon0 = param('Central_Meridian');
  const x0 = param('False_Easting');
  if (lon0 === null || x0 === null) return null;
  for (let epsg = 4491; epsg <= 4554; epsg++) {
    const def = gaussKrugerDefinition(epsg)!;
    if (def.includes(`+lon_0=${lon0} `) && def.includes(`+x_0=${x0} `)) {
      return { name: `epsg:${epsg}`, label: `CGCS2000 Gauss–Krüger EPSG:${epsg}`, projected: true };
    }
  }
  return null;
}
