/**
 * GDAL for the round-trip tests: whether ogr2ogr is installed, conversions in a temporary
 * folder, and the comparison of a layer's export before and after an import.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { expect } from 'vitest';

const run = promisify(execFile);

/** Whether ogr2ogr can be run (Debian: apt-get install gdal-bin). */
export const HAS_OGR2OGR = spawnSync('ogr2ogr', ['--version']).status === 0;

/** A folder for conversions, removed by `remove`. */
export async function workFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'zz-gdal-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Converts `source` with `ogr2ogr -f <driver> <args>` into `target` (a file, or for a
 * Shapefile a folder, then zipped as a center would send it) and returns the bytes to upload.
 */
export async function ogr2ogr(driver: string, source: string, target: string, args: string[]): Promise<Uint8Array> {
  await rm(target, { recursive: true, force: true });
  await run('ogr2ogr', ['-f', driver, ...args, target, source]);
  if (driver !== 'ESRI Shapefile') return new Uint8Array(await readFile(target));
  const zip = new JSZip();
  for (const name of await readdir(target)) zip.file(name, await readFile(join(target, name)));
  return zip.generateAsync({ type: 'uint8array' });
}

/** ogrinfo's report of every layer: the summary only, unless `options` says otherwise ([] lists features). */
export async function ogrinfo(path: string, options: string[] = ['-so']): Promise<string> {
  return (await run('ogrinfo', [...options, '-al', path])).stdout;
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<string> {
  await writeFile(path, bytes);
  return path;
}

export interface ExportedFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

type Position = [number, number];

/** Metres between two lon/lat positions, near enough for centimetres. */
export function metresApart(a: Position, b: Position): number {
  const dx = (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
  const dy = (a[1] - b[1]) * 110_540;
  return Math.hypot(dx, dy);
}

/** A polygon's rings as sorted vertex lists without the closing one: winding and start aside. */
function ringVertices(geometry: ExportedFeature['geometry']): Position[][] {
  const rings = (
    geometry.type === 'MultiPolygon' ? (geometry.coordinates as Position[][][])[0]! : geometry.coordinates
  ) as Position[][];
  return rings.map((ring) => ring.slice(0, -1).sort((p, q) => p[0] - q[0] || p[1] - q[1]));
}

/** Expects `after` to hold exactly the features of `before`: keys, attributes, positions within 1 cm. */
export function expectSameFeatures(before: ExportedFeature[], after: ExportedFeature[], key: string): void {
  const byKey = new Map(after.map((f) => [String(f.properties[key]), f]));
  expect([...byKey.keys()].sort()).toEqual(before.map((f) => String(f.properties[key])).sort());
  for (const f of before) {
    const other = byKey.get(String(f.properties[key]))!;
    expect(other.properties, String(f.properties[key])).toEqual(f.properties);
    if (f.geometry.type === 'Point') {
      expect(metresApart(f.geometry.coordinates as Position, other.geometry.coordinates as Position)).toBeLessThan(
        0.01,
      );
      continue;
    }
    const a = ringVertices(f.geometry);
    const b = ringVertices(other.geometry);
    expect(b.map((r) => r.length)).toEqual(a.map((r) => r.length));
    a.forEach((ring, i) => ring.forEach((p, j) => expect(metresApart(p, b[i]![j]!)).toBeLessThan(0.01)));
  }
}
