import { VectorTile } from '@mapbox/vector-tile';
import express from 'express';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { createBasemap } from './router.js';
import { writeTestPmtiles } from './test-pmtiles.js';
import { tilesCovering } from './vector-tiles.js';

async function serve(db: Database, pmtilesPath: string | null): Promise<{ base: string; server: Server }> {
  const app = express();
  app.use('/basemap', createBasemap({ db, pmtilesPath }).router);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/basemap`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

eachDriver('the basemap', (driver) => {
  let db: Database;
  let base: string;
  let server: Server;
  let dir: string;
  let pmtiles: { base: string; server: Server };
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
    ({ base, server } = await serve(db, null));
    dir = await mkdtemp(join(tmpdir(), 'basemap-'));
    const file = join(dir, 'base.pmtiles');
    await writeFile(file, writeTestPmtiles(new TextEncoder().encode('a png tile')));
    pmtiles = await serve(db, file);
  });
  afterAll(async () => {
    await Promise.all([close(server), close(pmtiles.server)]);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  it('serves a style whose sources are all on this server', async () => {
    const res = await fetch(`${base}/style.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const style = (await res.json()) as {
      version: number;
      glyphs?: string;
      sources: Record<string, { type: string; tiles?: string[] }>;
    };
    expect(style.version).toBe(8);
    expect(style.glyphs).toBeUndefined();
    expect(Object.keys(style.sources)).toEqual(['basemap']);
    const [tiles] = style.sources.basemap!.tiles!;
    expect(tiles).toMatch(/^\/basemap\/vector\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=/);
    const tile = await fetch(new URL(tiles!.replace('{z}/{x}/{y}', '0/0/0'), base));
    expect(tile.status).toBe(200);
  });

  it('cuts the boundaries and roads into vector tiles, the villages only close up', async () => {
    const { units } = (await (await fetch(`${base}/units.json`)).json()) as {
      units: { code: string; level: string; bbox: [number, number, number, number] }[];
    };
    const layersAt = async (z: number, bbox: [number, number, number, number]) => {
      const found = new Map<string, Set<string>>();
      for (const { x, y } of tilesCovering(bbox, z)) {
        const res = await fetch(`${base}/vector/${z}/${x}/${y}.pbf`, { headers: { 'accept-encoding': 'gzip' } });
        expect([200, 204], `${z}/${x}/${y}`).toContain(res.status);
        if (res.status === 204) continue;
        expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
        expect(res.headers.get('content-encoding')).toBe('gzip');
        const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
        for (const [name, layer] of Object.entries(tile.layers)) {
          const codes = found.get(name) ?? new Set<string>();
          for (let i = 0; i < layer.length; i++) codes.add(String(layer.feature(i).properties.code ?? ''));
          found.set(name, codes);
        }
      }
      return found;
    };
    const city = units.find((u) => u.level === 'city')!;
    const far = await layersAt(8, city.bbox);
    expect([...far.keys()].sort()).toEqual(['city', 'county', 'roads', 'township']);
    expect(far.get('county')!.size).toBe(
      await count(`SELECT count(*)::int AS n FROM admin_units WHERE level = 'county'`),
    );
    const village = units.find((u) => u.level === 'village')!;
    expect((await layersAt(11, village.bbox)).get('village')).toContain(village.code);
  });

  it('answers 204 where a tile is empty and refuses a tile that cannot exist, saying why', async () => {
    expect((await fetch(`${base}/vector/8/0/0.pbf`)).status).toBe(204);
    for (const [path, why] of [
      ['15/0/0.pbf', /up to zoom 14/],
      ['2/4/0.pbf', /columns and rows 0 to 3/],
      ['2/1/1.png', /whole numbers/],
      ['x/0/0.pbf', /whole numbers/],
    ] as const) {
      const res = await fetch(`${base}/vector/${path}`);
      expect(res.status, path).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(why);
    }
  });

  it('serves every county boundary as a valid FeatureCollection, gzipped when asked', async () => {
    const res = await fetch(`${base}/boundaries/county.geojson`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = (await res.json()) as {
      features: { properties: { code: string; name: string }; geometry: { type: string } }[];
    };
    expect(body.features).toHaveLength(
      await count(`SELECT count(*)::int AS n FROM admin_units WHERE level = 'county'`),
    );
    expect(body.features[0]!.properties).toMatchObject({
      code: '371702000000',
      name: '牡丹区',
      parent: '371700000000',
    });
    expect(['Polygon', 'MultiPolygon']).toContain(body.features[0]!.geometry.type);
  });

  it('answers 304 to a matching ETag', async () => {
    const tile = await fetch(`${base}/vector/0/0/0.pbf`);
    expect(
      (await fetch(`${base}/vector/0/0/0.pbf`, { headers: { 'if-none-match': tile.headers.get('etag')! } })).status,
    ).toBe(304);
    const first = await fetch(`${base}/roads.geojson`);
    const etag = first.headers.get('etag')!;
    const body = (await first.json()) as { features: { properties: { class: string } }[] };
    expect(body.features).toHaveLength(await count('SELECT count(*)::int AS n FROM roads'));
    expect(new Set(body.features.map((f) => f.properties.class))).toEqual(new Set(['expressway', 'main', 'local']));
    const again = await fetch(`${base}/roads.geojson`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('lists every unit with a label point inside its bounding box', async () => {
    const res = await fetch(`${base}/units.json`);
    const { units } = (await res.json()) as {
      units: { code: string; level: string; label: [number, number]; bbox: [number, number, number, number] }[];
    };
    expect(units).toHaveLength(await count('SELECT count(*)::int AS n FROM admin_units'));
    expect(units[0]).toMatchObject({ code: '371700000000', level: 'city', name: '菏泽市' });
    for (const { label, bbox } of units) {
      expect(label[0]).toBeGreaterThanOrEqual(bbox[0]);
      expect(label[0]).toBeLessThanOrEqual(bbox[2]);
      expect(label[1]).toBeGreaterThanOrEqual(bbox[1]);
      expect(label[1]).toBeLessThanOrEqual(bbox[3]);
    }
  });

  it('rebuilds its documents after a data load', async () => {
    const before = (await (await fetch(`${base}/units.json`)).json()) as { units: { code: string; name: string }[] };
    await db.query(`UPDATE admin_units SET name = '牡丹区（新）' WHERE code = '371702000000'`);
    const cachedStill = (await (await fetch(`${base}/units.json`)).json()) as typeof before;
    expect(cachedStill).toEqual(before);
    await db.query(`INSERT INTO dataset_loads (source, synthetic, counts, duration_ms) VALUES ('test', true, '{}', 1)`);
    const after = (await (await fetch(`${base}/units.json`)).json()) as typeof before;
    expect(after.units.find((u) => u.code === '371702000000')!.name).toBe('牡丹区（新）');
    // The tiles are cut anew from the new data too.
    const { bbox } = (after.units as unknown as { code: string; bbox: [number, number, number, number] }[]).find(
      (u) => u.code === '371702000000',
    )!;
    const { x, y } = tilesCovering(bbox, 8)[0]!;
    const tile = await fetch(`${base}/vector/8/${x}/${y}.pbf`);
    const counties = new VectorTile(new PbfReader(new Uint8Array(await tile.arrayBuffer()))).layers.county!;
    const names = Array.from({ length: counties.length }, (_, i) => counties.feature(i).properties.name);
    expect(names).toContain('牡丹区（新）');
  });

  it('refuses unknown levels and paths with a JSON 404', async () => {
    const res = await fetch(`${base}/boundaries/province.geojson`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/tiles/0/0/0`)).status).toBe(404);
  });

  it('serves the tiles of a PMTiles file and puts it in the style', async () => {
    const style = (await (await fetch(`${pmtiles.base}/style.json`)).json()) as {
      sources: Record<string, { type: string; tiles?: string[] }>;
      layers: { id: string; source?: string }[];
    };
    expect(style.sources.pmtiles).toMatchObject({ type: 'raster', tiles: ['/basemap/tiles/{z}/{x}/{y}'] });
    expect(style.layers[1]).toMatchObject({ id: 'pmtiles-raster', source: 'pmtiles' });
    const tile = await fetch(`${pmtiles.base}/tiles/0/0/0`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/png');
    expect(new TextDecoder().decode(await tile.arrayBuffer())).toBe('a png tile');
    expect((await fetch(`${pmtiles.base}/tiles/1/0/0`)).status).toBe(204);
    expect((await fetch(`${pmtiles.base}/tiles/0/1/0`)).status).toBe(400);
    expect((await fetch(`${pmtiles.base}/tiles/0/0/x`)).status).toBe(400);
  });

  it('keeps serving the basemap without a PMTiles file that cannot be read', async () => {
    const broken = await serve(db, join(dir, 'missing.pmtiles'));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const style = (await (await fetch(`${broken.base}/style.json`)).json()) as { sources: Record<string, unknown> };
      expect(style.sources.pmtiles).toBeUndefined();
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await close(broken.server);
    }
  });

  it('gzips when the client accepts it', async () => {
    const res = await fetch(`${base}/boundaries/city.geojson`, { headers: { 'accept-encoding': 'gzip' } });
    // fetch decodes transparently; the header says it was compressed on the wire.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { features: unknown[] }).features).toHaveLength(1);
  });
});
