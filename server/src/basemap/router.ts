/**
 * The offline basemap, mounted at /basemap: everything the map needs under the wall's data
 * layers, from this server alone (no CDN, no outside tiles).
 *
 * - GET /basemap/style.json: the MapLibre style (see domain/basemap-style.ts)
 * - GET /basemap/boundaries/{city|county|township|village}.geojson: admin boundaries of one
 *   level, simplified for the zooms where the style shows them; properties code, name, parent
 * - GET /basemap/roads.geojson: roads (class expressway, main or local; name)
 * - GET /basemap/units.json: every admin unit's label point and bounding box, for labels drawn
 *   by the web app, fitting the view to a unit and the auto-tour
 * - GET /basemap/vector/{z}/{x}/{y}.pbf: the boundaries and roads as Mapbox vector tiles (layers
 *   city, county, township, village from zoom 11, roads), what the style draws; 204 where empty
 * - GET /basemap/tiles/{z}/{x}/{y}: tiles of the optional PMTiles file (BASEMAP_PMTILES)
 *
 * These are public geography (the same for every account), so they need no token and may be
 * cached: ETag + `Cache-Control: public, max-age=300`, gzip when the client accepts it;
 * `Server-Timing: cache;desc=hit` or `miss` says whether the server had it built. They are
 * rebuilt when a data set is loaded. Errors answer JSON `{ error: { code, message } }`.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { FeatureCollection } from 'geojson';
import type { Database } from '../db/database.js';
import { ADMIN_LEVELS, type AdminLevel } from '../domain/vocabulary.js';
import { VersionCache, makeDocument, type CachedDocument } from './cache.js';
import { featureCollectionText } from './geojson-text.js';
import { openPmtiles, type PmtilesArchive } from './pmtiles-file.js';
import { findBoundaries, findDataVersion, findRoads, findUnitPlaces } from './queries.js';
import { BOUNDARY_TOLERANCE_METERS, ROAD_TOLERANCE_METERS, TILE_LAYERS, buildStyle } from '../domain/basemap-style.js';
import { TileCache } from './tile-cache.js';
import { VectorTiles, tileAddressProblem } from './vector-tiles.js';

export interface BasemapOptions {
  db: Database;
  /** A PMTiles file drawn under our layers; default: the BASEMAP_PMTILES environment variable. */
  pmtilesPath?: string | null;
}

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const round5 = (v: number) => Math.round(v * 1e5) / 1e5;
/** A path segment as a whole number, or NaN. */
const wholeNumber = (segment: unknown) => (/^\d{1,8}$/.test(String(segment)) ? Number(segment) : NaN);

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function sendDocument(req: Request, res: Response, doc: CachedDocument, kept: boolean): void {
  res.setHeader('Cache-Control', 'public, max-age=300');
  // As the feeds say it: whether this request found the document built (or a build under way).
  res.setHeader('Server-Timing', `cache;desc=${kept ? 'hit' : 'miss'}`);
  res.setHeader('ETag', doc.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === doc.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', doc.contentType);
  if (req.acceptsEncodings('gzip')) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(doc.gzipped);
  } else {
    res.end(doc.body);
  }
}

async function boundariesText(db: Database, level: AdminLevel): Promise<string> {
  const rows = await findBoundaries(db, level, BOUNDARY_TOLERANCE_METERS[level]);
  return featureCollectionText(
    rows.map((r) => ({ properties: { code: r.code, name: r.name, parent: r.parent_code }, geojson: r.geojson })),
  );
}

async function roadsText(db: Database): Promise<string> {
  const rows = await findRoads(db, ROAD_TOLERANCE_METERS);
  return featureCollectionText(rows.map((r) => ({ properties: { class: r.class, name: r.name }, geojson: r.geojson })));
}

async function unitsText(db: Database): Promise<string> {
  const rows = await findUnitPlaces(db);
  const units = rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parent: r.parent_code,
    label: [round5(r.label_lon), round5(r.label_lat)],
    bbox: [round5(r.min_lon), round5(r.min_lat), round5(r.max_lon), round5(r.max_lat)],
  }));
  return JSON.stringify({ units });
}

export interface Basemap {
  /** Mount it at /basemap. */
  router: Router;
  /** Builds every document now (a server warms up at start), so the first wall waits for none. */
  warm(): Promise<void>;
}

/** The basemap: its router (mount it at /basemap) and its warm-up. */
export function createBasemap(options: BasemapOptions): Basemap {
  const { db } = options;
  const cache = new VersionCache<CachedDocument>();
  const pmtilesPath = options.pmtilesPath === undefined ? process.env.BASEMAP_PMTILES || null : options.pmtilesPath;
  let pmtiles: Promise<PmtilesArchive | null> | null = null;
  // Opened on first use; a bad file is reported once and the basemap goes on without it.
  const archive = () =>
    (pmtiles ??= pmtilesPath
      ? openPmtiles(pmtilesPath).catch((error: unknown) => {
          console.error(`basemap: ${(error as Error).message}; serving the basemap without it`);
          return null;
        })
      : Promise.resolve(null));

  // Every document the basemap serves, by name: built once per data version (cache.ts).
  const builders: Record<string, [contentType: string, build: (version: string) => Promise<string>]> = {
    style: [
      JSON_TYPE,
      async (version) => {
        const info = (await archive())?.info ?? null;
        return JSON.stringify(buildStyle({ pmtiles: info, dataVersion: version }));
      },
    ],
    roads: [GEOJSON, () => roadsText(db)],
    units: [JSON_TYPE, () => unitsText(db)],
    ...Object.fromEntries(
      ADMIN_LEVELS.map((level) => [`boundaries-${level}`, [GEOJSON, () => boundariesText(db, level)] as const]),
    ),
  };
  /** The document `name` at the data's `version` (read once per request), and whether it was kept. */
  const document = async (version: string, name: string) => {
    const [contentType, build] = builders[name]!;
    const kept = cache.has(version, name);
    return { kept, doc: await cache.get(version, name, async () => makeDocument(await build(version), contentType)) };
  };
  // The vector tiles, cut from the documents above: once per data version, each tile when first asked.
  const tiles = new TileCache(async (version) => {
    const layers = await Promise.all(
      Object.entries(TILE_LAYERS).map(async ([name, spec]) => {
        const { doc } = await document(version, name === 'roads' ? 'roads' : `boundaries-${name}`);
        return { name, features: JSON.parse(doc.body.toString('utf8')) as FeatureCollection, ...spec };
      }),
    );
    return new VectorTiles(layers);
  });

  const serve = (name: string) => async (req: Request, res: Response) => {
    const { doc, kept } = await document(await findDataVersion(db), name);
    sendDocument(req, res, doc, kept);
  };

  const router = Router();
  router.get('/style.json', serve('style'));
  router.get('/roads.geojson', serve('roads'));
  router.get('/units.json', serve('units'));
  router.get('/boundaries/:file', (req: Request, res: Response, next: NextFunction) => {
    const level = /^([a-z]+)\.geojson$/.exec(String(req.params.file))?.[1] as AdminLevel | undefined;
    if (!level || !ADMIN_LEVELS.includes(level)) {
      return sendError(
        res,
        404,
        'NOT_FOUND',
        `no boundaries at ${req.params.file}; use ${ADMIN_LEVELS.join(', ')}.geojson`,
      );
    }
    serve(`boundaries-${level}`)(req, res).catch(next);
  });
  router.get('/vector/:z/:x/:file', async (req: Request, res: Response, next: NextFunction) => {
    const y = /^(\d{1,8})\.pbf$/.exec(String(req.params.file))?.[1];
    const address = {
      z: wholeNumber(req.params.z),
      x: wholeNumber(req.params.x),
      y: y === undefined ? NaN : Number(y),
    };
    const problem = tileAddressProblem(address);
    if (problem) return sendError(res, 400, 'BAD_REQUEST', `no vector tile at ${req.path}: ${problem}`);
    try {
      const version = await findDataVersion(db);
      const kept = tiles.has(version, address);
      const tile = await tiles.get(version, address);
      if (tile) sendDocument(req, res, tile, kept);
      else res.status(204).end();
    } catch (error) {
      next(error);
    }
  });
  router.get('/tiles/:z/:x/:y', async (req: Request, res: Response) => {
    const [z, x, y] = [req.params.z, req.params.x, req.params.y].map(wholeNumber);
    const pm = await archive();
    if (!pm) return sendError(res, 404, 'NOT_FOUND', 'no PMTiles basemap is configured (BASEMAP_PMTILES)');
    if (![z, x, y].every(Number.isInteger) || x! >= 2 ** z! || y! >= 2 ** z!) {
      return sendError(res, 400, 'BAD_REQUEST', 'tile coordinates must be whole numbers inside the zoom level');
    }
    const tile = await pm.tile(z!, x!, y!);
    if (!tile) return res.status(204).end();
    res.setHeader('Content-Type', tile.contentType);
    res.setHeader('Cache-Control', 'public, max-age=86400');
    if (tile.contentEncoding) res.setHeader('Content-Encoding', tile.contentEncoding);
    res.end(tile.data);
  });
  router.use((req: Request, res: Response) =>
    sendError(
      res,
      404,
      'NOT_FOUND',
      `nothing at ${req.baseUrl}${req.path}; see style.json for what the basemap serves`,
    ),
  );
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('basemap failed:', error);
    if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'the basemap could not be built; see the server log');
  });
  const warm = async () => {
    const version = await findDataVersion(db);
    await Promise.all(Object.keys(builders).map((name) => document(version, name)));
    await tiles.warm(version);
  };
  return { router, warm };
}
