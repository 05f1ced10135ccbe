import gcoordModule from 'gcoord';
import { describe, expect, it } from 'vitest';
import { converterTo84, crsFromPrj, gaussKrugerDefinition, parseCrs, type CrsInfo } from './crs.js';

type Gcoord = (typeof gcoordModule)['default'];
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as Gcoord;

/** Metres between two lon/lat positions (equirectangular; exact enough below a kilometre). */
function metresBetween([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const k = 111_320;
  const dx = (lon2! - lon1!) * k * Math.cos((((lat1! + lat2!) / 2) * Math.PI) / 180);
  const dy = (lat2! - lat1!) * 110_574;
  return Math.hypot(dx, dy);
}

/**
 * Gauss–Krüger forward on GRS80 by Krüger's n-series to third order (Karney 2011, eq. 35),
 * written from the paper, independent of proj4; its truncation error is below 0.1 mm.
 */
function kruegerForward(lon: number, lat: number, lon0: number, falseEasting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16,
    (13 * n ** 2) / 48 - (3 * n ** 3) / 5,
    (61 * n ** 3) / 240,
  ];
  const rad = Math.PI / 180;
  const phi = lat * rad;
  const dLambda = (lon - lon0) * rad;
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(dLambda));
  const eta = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let x = eta;
  let y = xi;
  alpha.forEach((al, j) => {
    const k = 2 * (j + 1);
    x += al * Math.cos(k * xi) * Math.sinh(k * eta);
    y += al * Math.sin(k * xi) * Math.cosh(k * eta);
  });
  return [falseEasting + A * x, A * y];
}

const crs = (name: string): CrsInfo => {
  const parsed = parseCrs(name);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('coordinate systems', () => {
  const heze: [number, number] = [115.48, 35.24];

  it('undoes GCJ-02 to within 1 m of the WGS-84 position gcoord started from', () => {
    const gcj = gcoord.transform(heze, gcoord.WGS84, gcoord.GCJ02) as number[];
    expect(metresBetween(heze, gcj)).toBeGreaterThan(100); // the offset is real
    expect(metresBetween(converterTo84(crs('gcj02'))(gcj[0]!, gcj[1]!), heze)).toBeLessThan(1);
  });

  it('undoes BD-09 to within 1 m of the WGS-84 position gcoord started from', () => {
    const bd = gcoord.transform(heze, gcoord.WGS84, gcoord.BD09) as number[];
    expect(metresBetween(heze, bd)).toBeGreaterThan(300);
    expect(metresBetween(converterTo84(crs('BD-09'))(bd[0]!, bd[1]!), heze)).toBeLessThan(1);
  });

  it('reads a 3° Gauss–Krüger point with zone prefix back to within 1 cm of an independent Krüger series', () => {
    const [e, n] = kruegerForward(115.48, 35.24, 117, 39_500_000);
    const [lon, lat] = converterTo84(crs('EPSG:4527'))(e, n);
    expect(metresBetween([lon, lat], heze)).toBeLessThan(0.01);
  });

  it('reads 6° zones with and without prefix and 3° zones without prefix alike', () => {
    const [e6, n6] = kruegerForward(115.48, 35.24, 117, 20_500_000);
    expect(metresBetween(converterTo84(crs('epsg:4498'))(e6, n6), heze)).toBeLessThan(0.01);
    const [e, n] = kruegerForward(115.48, 35.24, 117, 500_000);
    expect(metresBetween(converterTo84(crs('epsg:4509'))(e, n), heze)).toBeLessThan(0.01);
    expect(metresBetween(converterTo84(crs('epsg:4548'))(e, n), heze)).toBeLessThan(0.01);
  });

  it('writes the Gauss–Krüger definitions PostGIS has for the ends of each range', () => {
    expect(gaussKrugerDefinition(4491)).toContain('+lon_0=75 +k=1 +x_0=13500000');
    expect(gaussKrugerDefinition(4512)).toContain('+lon_0=135 +k=1 +x_0=500000');
    expect(gaussKrugerDefinition(4513)).toContain('+lon_0=75 +k=1 +x_0=25500000');
    expect(gaussKrugerDefinition(4533)).toContain('+lon_0=135 +k=1 +x_0=45500000');
    expect(gaussKrugerDefinition(4554)).toContain('+lon_0=135 +k=1 +x_0=500000');
    expect(gaussKrugerDefinition(4555)).toBeNull();
  });

  it('refuses a coordinate system it does not know, naming the ones it does', () => {
    const parsed = parseCrs('EPSG:3857');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('gcj02');
  });

  it('recognises CGCS2000 and WGS-84 in .prj files, geographic and Gauss–Krüger', () => {
    const geographic =
      'GEOGCS["China Geodetic Coordinate System 2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(crsFromPrj(geographic)?.name).toBe('cgcs2000');
    const wgs =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
    expect(crsFromPrj(wgs)?.name).toBe('wgs84');
    const gk = `PROJCS["CGCS2000_3_Degree_GK_Zone_39",${geographic},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(crsFromPrj(gk)?.name).toBe('epsg:4527');
    expect(crsFromPrj('PROJCS["Beijing_1954_GK_Zone_20"]')).toBeNull();
  });
});
