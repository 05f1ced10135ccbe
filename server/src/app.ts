/**
 * The HTTP application: GraphQL at /graphql, /healthz, and the built web app at /.
 */
import compression from 'compression';
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createBasemap } from './basemap/router.js';
import type { Database } from './db/database.js';
import { EventBus } from './events/bus.js';
import { createFeeds, type FeedsOptions } from './feeds/router.js';
import { warmScreenForecasts } from './forecast/warm.js';
import { findJurisdictionsOfRole } from './db/queries/users.js';
import { jurisdictionPrefix } from './auth/jurisdiction.js';
import { healthRoute } from './http/health.js';
import { setupGate } from './http/setup-gate.js';
import { webAppRouter } from './http/web-app.js';
import { exportsRouter, importsRouter } from './imports/router.js';
import type { AuthSettings } from './auth/viewer.js';
import { DEFAULT_DISPLAY_TIME_ZONE } from './config.js';
import { startGraphQL } from './graphql/server.js';
import type { VideoGateway } from './video/gateway.js';
import { videoRouter } from './video/proxy.js';
import { streamTokenKey } from './video/stream-token.js';
import { VideoViews } from './video/views.js';

export const WEB_DIST = join(process.cwd(), 'dist', 'web');

const DRAIN_GRACE_MS = 3_000;

export interface App {
  server: Server;
  /** The Express application: its router stack lists every route (the jurisdiction matrix reads it). */
  express: Express;
  /**
   * Builds now what the first wall screen would otherwise wait for: every basemap document and
   * the camera and risk-point feeds of each kiosk account's jurisdiction, kept until their data
   * changes, then each such jurisdiction's forecast for the screens (forecast/warm.ts). The server
   * runs it once listening; a request meanwhile shares a build under way.
   */
  warmUp(): Promise<{ ms: number; forecastMs: number; forecasts: number; jurisdictions: number }>;
  stop(): Promise<void>;
}

export interface AppOptions {
  auth: AuthSettings;
  /** Production hides introspection and stack traces. */
  production?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The display time zone (TZ_DISPLAY); the command centres' own by default. */
  timeZone?: string;
  /** Live events; a fresh bus when not given. */
  events?: EventBus;
  /**
   * Serve nothing but /healthz and the setup page until a system administrator exists
   * (production: the first one is created on the server's command line).
   */
  requireAdministrator?: boolean;
  /** How the binary feeds read the database (tests split tiny tables between readers). */
  feeds?: Pick<FeedsOptions, 'readers' | 'samplePercent'>;
  /** Camera video (VIDEO_GATEWAY); none when not given: cameraStream says no gateway is configured. */
  video?: VideoSettings | null;
}

export interface VideoSettings {
  gateway: VideoGateway;
  /** How long a stream's URL may wait to be opened (its expiresAt); a minute by default. */
  tokenTtlMs?: number;
  /** How long a view lasts with no request from its player; 20 seconds by default. */
  idleMs?: number;
}

const VIDEO_TOKEN_TTL_MS = 60_000;
// An HLS player asks for its playlist every segment (a few seconds): several missed asks end the view.
const VIDEO_IDLE_MS = 20_000;

export async function createApp(db: Database, options: AppOptions): Promise<App> {
  const now = options.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  // gzip for text (JSON, GraphQL, GeoJSON, JS, CSS): the map chunk shrinks to about a quarter
  // on an intranet link. The binary feeds are not of a media type the middleware compresses:
  // they gzip themselves, once per kept feed version (feeds/gzip.ts), not once per request.
  app.use(compression());
  if (options.requireAdministrator) app.use(setupGate(db));
  const server = createServer(app);
  const events = options.events ?? new EventBus();
  const production = !!options.production;
  const timeZone = options.timeZone ?? DEFAULT_DISPLAY_TIME_ZONE;
  const video = options.video
    ? new VideoViews({
        db,
        gateway: options.video.gateway,
        key: streamTokenKey(options.auth.secret),
        now,
        tokenTtlMs: options.video.tokenTtlMs ?? VIDEO_TOKEN_TTL_MS,
        idleMs: options.video.idleMs ?? VIDEO_IDLE_MS,
      })
    : null;
  const graphql = await startGraphQL(server, {
    db,
    auth: options.auth,
    now,
    timeZone,
    events,
    video,
    production,
    drainGraceMillis: DRAIN_GRACE_MS,
  });

  const feeds = createFeeds({ db, auth: options.auth, now, ...options.feeds });
  const basemap = createBasemap({ db });
  app.use('/feeds', feeds.router);
  app.use('/imports', importsRouter({ db, auth: options.auth, now }));
  app.use('/exports', exportsRouter({ db, auth: options.auth, now, timeZone }));
  app.use('/basemap', basemap.router);
  // Streams of camera views, relayed from the gateway on our origin (video/proxy.ts).
  app.use('/video', videoRouter(video));
  // Public: whether the service can work, no counts; an administrator's token adds the counts
  // of its jurisdiction (see http/health.ts).
  app.get('/healthz', healthRoute({ db, auth: options.auth, now, timeZone }));
  app.use('/graphql', ...graphql.handlers);

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    app.use(webAppRouter(WEB_DIST));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('The web app is not built yet: run `npm run build`.');
    });
  }

  return {
    server,
    express: app,
    async warmUp() {
      const started = performance.now();
      const jurisdictions = await findJurisdictionsOfRole(db, 'kiosk');
      await Promise.all([basemap.warm(), feeds.warm(jurisdictions.map(jurisdictionPrefix))]);
      const feedsMs = performance.now() - started;
      // After the feeds: a wall's first frame needs them, its forecast layer comes after.
      const forecasts = await warmScreenForecasts(db, jurisdictions, now());
      return {
        ms: feedsMs,
        forecastMs: performance.now() - started - feedsMs,
        forecasts,
        jurisdictions: jurisdictions.length,
      };
    },
    async stop() {
      await graphql.stop();
      await video?.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
