/**
 * GET /healthz, for load balancers, monitoring and the start page.
 *
 * Without a token it says only whether the service can work: the database reachable (and which
 * driver), the migrations applied, data loaded, and whether that data is the synthetic demo
 * city, and the display time zone (TZ_DISPLAY), so that screens count days as the server does.
 * It counts nothing and names no place: whoever can reach the port may ask.
 *
 * With an administrator's bearer token (role admin) it adds the details an operator needs: the
 * data set's scale and day, the layer counts inside the administrator's own jurisdiction, and
 * why the database is unreachable. Any other valid token gets the anonymous answer (the details
 * are the system owner's); a bad or expired token is refused (401), as on every other endpoint.
 * 200 while the service can work, 503 otherwise.
 */
import type { Request, Response } from 'express';
import type { Database } from '../db/database.js';
import { migrationsApplied } from '../db/migrate.js';
import { countLayers, findLatestDatasetLoad, hasCurrentGrids } from '../db/queries/overview.js';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import { unauthenticated } from '../errors.js';
import { sendAppError } from './bearer.js';

export interface HealthOptions {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  /** The display time zone, told to every client. */
  timeZone: string;
}

async function check(db: Database, admin: Viewer | null) {
  try {
    const migrations = await migrationsApplied(db);
    const dataset = migrations ? await findLatestDatasetLoad(db) : null;
    const ok = migrations && dataset !== null && (await hasCurrentGrids(db));
    const details = admin &&
      dataset && {
        scale: dataset.scale,
        asOf: dataset.as_of,
        counts: await countLayers(db, admin.prefix),
      };
    return {
      ok,
      body: {
        status: ok ? 'ok' : 'unavailable',
        database: { reachable: true, driver: db.kind },
        migrationsApplied: migrations,
        data: dataset ? { loaded: true, synthetic: dataset.synthetic, ...details } : { loaded: false },
      },
    };
  } catch (error) {
    const reason = admin ? { error: (error as Error).message } : {};
    return { ok: false, body: { status: 'unavailable', database: { reachable: false, driver: db.kind, ...reason } } };
  }
}

/** The /healthz handler. */
export function healthRoute(options: HealthOptions) {
  return async (req: Request, res: Response) => {
    // Any valid token may ask (the three administrators hold no read_map, yet may check health).
    const viewer = await authenticateBearer(req.headers.authorization, { ...options, now: options.now() });
    if (!viewer.ok) return sendAppError(res, unauthenticated(`${viewer.error.message}: sign in again`));
    const admin = viewer.value?.role === 'admin' ? viewer.value : null;
    const { ok, body } = await check(options.db, admin);
    // Public or not, a health answer is about this moment: nobody may keep it.
    res.setHeader('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ ...body, timeZone: options.timeZone });
  };
}
