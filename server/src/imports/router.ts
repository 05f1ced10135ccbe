/**
 * HTTP for imports and exports, with the same bearer token as GraphQL.
 *
 * GET /imports/columns: each layer's columns, recognised headers and defaults (columns.ts), for
 *   the import page (import_data permission).
 * POST /imports?layer=cameras&crs=gcj02&dryRun=1&fileName=x.csv[&format=csv][&encoding=gbk][&mapping=<JSON>]
 *   with the file as the raw request body (import_data permission, i.e. administrators). Answers
 *   the import report (200), or `{ error: { code, message, field? } }` with 400/401/403.
 * GET /exports/<layer>.geojson | <layer>.csv | <layer>.gpkg | cases.open311.json [?unit=…&bbox=…]:
 *   a layer (cameras, risk_points, cases, grids) inside the viewer's jurisdiction, streamed (a
 *   GeoPackage is built whole, then sent).
 * GET /exports/audit.csv: the audit record, for the audit administrator (audit/export-csv.ts).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditCsvExport } from '../audit/export-csv.js';
import { jurisdictionPrefix, narrowToJurisdiction } from '../auth/jurisdiction.js';
import { can } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { findAdminUnit } from '../db/queries/admin-units.js';
import { findExportChunks, type ExportLayer, type ExportRow } from '../db/queries/exports.js';
import { parseArea } from '../domain/area-filter.js';
import { type AuthSettings } from '../auth/viewer.js';
import { DEFAULT_DISPLAY_TIME_ZONE } from '../config.js';
import { authenticate, sendError, sentAsAppError } from '../http/bearer.js';
import {
  csvHeader,
  csvLine,
  FEATURE_COLLECTION_END,
  FEATURE_COLLECTION_START,
  featureText,
  open311Request,
} from './export-format.js';
import { describeImportLayers } from './columns.js';
import { geoPackageOf } from './gpkg-export.js';
import { IMPORT_LAYERS, type ImportLayer } from './mapping.js';
import type { FileFormat } from './readers.js';
import { ImportInputError, runImport } from './service.js';

/** Largest upload: a city's camera register as CSV is ~30 MB; zipped Shapefiles are smaller. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface ImportsHttpOptions {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  /** The display zone: exported times carry its offset (default Asia/Shanghai). */
  timeZone?: string;
}

const UPLOAD_EXTENSIONS: Record<string, string> = {
  geojson: 'geojson',
  shapefile: 'zip',
  csv: 'csv',
  geopackage: 'gpkg',
};

const one = (q: Record<string, unknown>, key: string): string | undefined =>
  typeof q[key] === 'string' ? (q[key] as string) : undefined;

/** GET /imports/columns: what each layer's import reads; POST /imports: one import, dry run or applied. */
export function importsRouter(options: ImportsHttpOptions): Router {
  const router = Router();
  router.get('/columns', async (req: Request, res: Response) => {
    const viewer = await authenticate(req, res, options);
    if (!viewer) return;
    if (!can(viewer.role, 'import_data'))
      return sendError(res, 403, 'FORBIDDEN', `role ${viewer.role} may not import data`);
    const unit = await findAdminUnit(options.db, viewer.jurisdiction, jurisdictionPrefix(viewer.jurisdiction));
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).json({ layers: describeImportLayers(unit?.name ?? null) });
  });
  router.post('/', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req: Request, res: Response) => {
    const viewer = await authenticate(req, res, options);
    if (!viewer) return;
    if (!can(viewer.role, 'import_data'))
      return sendError(res, 403, 'FORBIDDEN', `role ${viewer.role} may not import data`);
    const q = req.query as Record<string, unknown>;
    const layer = one(q, 'layer') as ImportLayer | undefined;
    if (!layer || !IMPORT_LAYERS.includes(layer)) {
      return sendError(res, 400, 'BAD_REQUEST', `layer must be one of ${IMPORT_LAYERS.join(', ')}`, 'layer');
    }
    const body = Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
    if (body.length === 0) return sendError(res, 400, 'BAD_REQUEST', 'send the file as the request body', 'body');
    const encoding = one(q, 'encoding');
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'gbk') {
      return sendError(res, 400, 'BAD_REQUEST', 'encoding must be utf-8 or gbk', 'encoding');
    }
    const format = one(q, 'format');
    if (format !== undefined && !['geojson', 'shapefile', 'csv', 'geopackage'].includes(format)) {
      return sendError(res, 400, 'BAD_REQUEST', 'format must be geojson, shapefile, csv or geopackage', 'format');
    }
    let mapping: unknown = null;
    const mappingText = one(q, 'mapping');
    if (mappingText) {
      try {
        mapping = JSON.parse(mappingText);
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'mapping must be JSON', 'mapping');
      }
    }
    const dryRun = ['1', 'true'].includes(one(q, 'dryRun') ?? '');
    try {
      const report = await runImport(options.db, {
        layer,
        fileName: (one(q, 'fileName') ?? `upload.${UPLOAD_EXTENSIONS[format ?? 'csv']}`).slice(0, 200),
        bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        format: (format as FileFormat | undefined) ?? null,
        crs: one(q, 'crs') ?? null,
        mapping,
        ...(encoding ? { encoding: encoding as 'utf-8' | 'gbk' } : {}),
        dryRun,
        user: { username: viewer.username, jurisdiction: viewer.jurisdiction },
        now: options.now(),
      });
      res.status(200).json(report);
    } catch (error) {
      if (error instanceof ImportInputError) {
        // The reason code and its parameters, as GraphQL errors carry them, for the page's catalog.
        const { message, reason, params } = error;
        return res.status(400).json({ error: { code: 'BAD_REQUEST', message, field: 'file', reason, params } });
      }
      if (sentAsAppError(res, error)) return;
      throw error;
    }
  });
  router.use(failures('import'));
  return router;
}

type ExportFormat = 'geojson' | 'csv' | 'open311.json' | 'gpkg';

/** The export's text, a chunk of rows at a time. */
async function* exportText(
  layer: ExportLayer,
  format: ExportFormat,
  chunks: AsyncIterable<ExportRow[]>,
  timeZone: string,
): AsyncGenerator<string> {
  let first = true;
  const separator = () => {
    const s = first ? '' : ',\n';
    first = false;
    return s;
  };
  yield format === 'csv' ? csvHeader(layer) : format === 'geojson' ? FEATURE_COLLECTION_START : '[\n';
  for await (const rows of chunks) {
    if (format === 'csv') yield rows.map((r) => csvLine(layer, r, timeZone)).join('');
    else if (format === 'geojson') yield rows.map((r) => separator() + featureText(layer, r, timeZone)).join('');
    else yield rows.map((r) => separator() + JSON.stringify(open311Request(r))).join('');
  }
  if (format !== 'csv') yield format === 'geojson' ? FEATURE_COLLECTION_END : '\n]\n';
}

const EXPORT_LAYERS: Record<string, ExportLayer> = {
  cameras: 'cameras',
  risk_points: 'risk_points',
  'risk-points': 'risk_points',
  cases: 'cases',
  grids: 'grids',
};

/** GET /exports/<layer>.<format>: streamed, inside the jurisdiction, filtered by unit and bbox. */
export function exportsRouter(options: ImportsHttpOptions): Router {
  const router = Router();
  router.get('/audit.csv', auditCsvExport(options));
  router.get('/:file', async (req: Request, res: Response) => {
    const viewer = await authenticate(req, res, options);
    if (!viewer) return;
    const match = /^([a-z_-]+)\.(geojson|csv|gpkg|open311\.json)$/.exec(String(req.params.file));
    const layer = match ? EXPORT_LAYERS[match[1]!] : undefined;
    if (!match || !layer || (match[2] === 'open311.json' && layer !== 'cases')) {
      return sendError(
        res,
        404,
        'NOT_FOUND',
        'use /exports/<cameras|risk_points|cases|grids>.<geojson|csv|gpkg> or /exports/cases.open311.json',
      );
    }
    const q = req.query as Record<string, unknown>;
    for (const key of Object.keys(q)) {
      if (key !== 'unit' && key !== 'bbox')
        return sendError(res, 400, 'BAD_REQUEST', `${key} is not a parameter; use unit, bbox`, key);
    }
    const bboxText = one(q, 'bbox');
    const bbox = bboxText === undefined ? null : bboxText.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
    const area = parseArea({ unitCode: one(q, 'unit') ?? null, bbox }, 'area');
    if (!area.ok) {
      const field = area.error.field === 'area.unitCode' ? 'unit' : 'bbox';
      return sendError(res, 400, 'BAD_REQUEST', `${field}: ${area.error.message}`, field);
    }
    const unit = area.value.unitCode;
    if (unit && !narrowToJurisdiction(viewer.jurisdiction, unit).ok) {
      return sendError(res, 404, 'NOT_FOUND', `unit ${unit} not found in your jurisdiction`, 'unit');
    }
    const format = match[2] as ExportFormat;
    const chunks = findExportChunks(options.db, layer, {
      prefix: viewer.prefix,
      area: area.value,
      unitPrefix: jurisdictionPrefix,
    });
    const name = `${layer}${unit ? `-${unit}` : ''}.${format}`;
    if (format === 'gpkg') {
      const file = await geoPackageOf(layer, chunks, options.now());
      res.status(200);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Content-Type', 'application/geopackage+sqlite3');
      res.end(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
      return;
    }
    res.status(200);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : format === 'geojson' ? 'application/geo+json' : 'application/json',
    );
    try {
      // pipeline waits for 'drain' with one listener for the whole body: the compression middleware
      // hands drain listeners to its gzip stream and never removes them, so a once('drain') per
      // chunk would pile up there.
      await pipeline(
        Readable.from(exportText(layer, format, chunks, options.timeZone ?? DEFAULT_DISPLAY_TIME_ZONE)),
        res,
      );
    } catch (error) {
      // The client went away: nothing to answer, and nothing went wrong here.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  });
  router.use(failures('export'));
  return router;
}

function failures(what: string) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = error as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      return sendError(res, 413, 'TOO_LARGE', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    }
    console.error(`${what} failed:`, error);
    if (!res.headersSent) sendError(res, 500, 'INTERNAL', `the ${what} failed; see the server log`);
    else res.destroy();
  };
}
