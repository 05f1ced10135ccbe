/** Wiring only: configuration, database, migrations, first-start demo data, HTTP. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startAuditRetention } from './audit/retention.js';
import { DEMO_PASSWORD, ensureProvinceDemoAccounts, prepareAccounts } from './auth/demo-accounts.js';
import { findOrCreateSetting } from './db/queries/settings.js';
import { createApp } from './app.js';
import { ConfigError, readConfig, todayIn } from './config.js';
import { migrate } from './db/migrate.js';
import { DataDirLockedError, SERVER_LABEL } from './db/data-dir-lock.js';
import { openDatabase } from './db/open.js';
import { warmUpSpatial } from './db/warm-up.js';
import { countLayers, WHOLE_MAP } from './db/queries/overview.js';
import { seedDemo } from './seed/demo-data.js';
import { generateDemoInWorker } from './seed/generate-in-worker.js';
import { EventBus } from './events/bus.js';
import { checkServerRole } from './federation/role.js';
import { createShutdown } from './shutdown.js';
import { startIndexScheduler } from './stability/scheduler.js';
import { stopFitThread } from './forecast/fit-thread.js';
import { gatewayOf } from './video/create.js';

// Listening from the first line: a signal during a long first start (the demo load) still
// closes the database, instead of killing the process mid-write.
const shutdown = createShutdown();
shutdown.onSignals(['SIGINT', 'SIGTERM']);

async function main(): Promise<void> {
  const config = readConfig();
  const demo = {
    scale: config.demoScale === 'none' ? null : config.demoScale,
    seed: config.demoSeed,
    asOf: todayIn(config.timeZone),
    cacheDir: join(resolve(config.dataDir), 'demo'),
  };
  // A first start of the embedded database will want the demo: generate it while the engine
  // sets itself up, rather than after.
  const firstEmbeddedStart = !config.databaseUrl && !existsSync(resolve(config.dataDir, 'pg'));
  const generating =
    firstEmbeddedStart && demo.scale
      ? generateDemoInWorker({ ...demo, scale: demo.scale }).catch((error: unknown) => {
          console.error(`generating the demo beside the database setup failed; generating it now: ${error}`);
        })
      : null;
  const opening = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'pg'),
    label: SERVER_LABEL,
  });
  shutdown.add('closing the database', async () => (await opening).close());
  const db = await opening;
  console.log(
    config.databaseUrl
      ? 'database: PostgreSQL server (DATABASE_URL)'
      : `database: embedded PGlite in ${resolve(config.dataDir, 'pg')}`,
  );
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
  const province = await checkServerRole(db, config.role);
  if (province) console.log(`role: province ${province}, over the cities joined to it`);

  const counts = await countLayers(db, WHOLE_MAP);
  if (counts.adminUnits === 0 && demo.scale) {
    console.log(`empty database: generating and loading the ${demo.scale} demo city (synthetic geometry) …`);
    await generating;
    const result = await seedDemo(db, { ...demo, scale: demo.scale });
    console.log(`loaded in ${(result.durationMs / 1000).toFixed(1)} s:`, result.counts);
  }
  // The embedded engine compiles PostGIS code on first use: pay it here, not on a planner's first edit.
  const warm = await warmUpSpatial(db);
  if (warm.ran) console.log(`spatial warm-up: ${Math.round(warm.durationMs)} ms`);

  const created = await prepareAccounts(db, config.production);
  if (created.length > 0) console.log(`demo accounts created (password "${DEMO_PASSWORD}"): ${created.join(', ')}`);
  if (province && !config.production && (await ensureProvinceDemoAccounts(db, province)) > 0) {
    console.log(`province demo accounts created (password "${DEMO_PASSWORD}"): demo-province, demo-province-wall`);
  }
  const secret =
    config.jwtSecret ??
    Buffer.from(await findOrCreateSetting(db, 'jwt_secret', () => randomBytes(32).toString('hex')), 'hex');

  const dataKey =
    config.dataKey ??
    new Uint8Array(
      Buffer.from(await findOrCreateSetting(db, 'data_key', () => randomBytes(32).toString('hex')), 'hex'),
    );

  const events = new EventBus();
  const gateway = gatewayOf(config.video, demo.cacheDir);
  console.log(
    gateway
      ? `video: ${gateway.name} gateway${gateway.synthetic ? ' (synthetic clips, made by ffmpeg on first view)' : ''}`
      : 'video: no gateway (VIDEO_GATEWAY=none)',
  );
  const app = await createApp(db, {
    events,
    auth: { secret, dataKey, tokenTtlSeconds: config.tokenTtlSeconds, idleSeconds: config.idleSeconds },
    production: config.production,
    timeZone: config.timeZone,
    requireAdministrator: config.production,
    video: gateway ? { gateway } : null,
  });
  // Stopped after the connections and the scheduler that ask it for fits (steps run in reverse).
  shutdown.add('stopping the forecast fit thread', stopFitThread);
  shutdown.add('closing the HTTP and WebSocket connections', () => app.stop());
  await new Promise<void>((done) => app.server.listen(config.port, config.host, done));
  console.log(`ready: http://localhost:${config.port}/ (GraphQL at /graphql, health at /healthz)`);
  // Wall screens reconnect as soon as the server is back: have their basemap and feeds ready.
  app.warmUp().then(
    ({ ms, forecastMs, forecasts, jurisdictions }) =>
      console.log(
        `warm-up: basemap and the feeds of ${jurisdictions} kiosk jurisdiction(s) in ${Math.round(ms)} ms, ` +
          `${forecasts} screen forecast(s) in ${Math.round(forecastMs)} ms`,
      ),
    (error: unknown) => {
      if (!shutdown.started) console.error('warm-up failed (the first requests build what they need):', error);
    },
  );
  // Publishes each closed day, week and month of the stability index and runs the daily early warnings.
  shutdown.add(
    'stopping the stability index scheduler',
    startIndexScheduler({ db, events, now: () => new Date(), timeZone: config.timeZone }),
  );
  // Removes audit records older than the retention once a day, and audits that it did.
  shutdown.add(
    'stopping the audit retention job',
    startAuditRetention({
      db,
      retentionDays: config.auditRetentionDays,
      now: () => new Date(),
      timeZone: config.timeZone,
    }),
  );
}

main().catch((error: unknown) => {
  // The shutdown closed the database under the start: it exits by itself.
  if (shutdown.started) return;
  if (error instanceof DataDirLockedError) console.error(`cannot start: ${error.message}`);
  else console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error);
  process.exit(1);
});
