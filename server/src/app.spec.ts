import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../test/databases.js';
import { createApp, type App } from './app.js';
import type { Database } from './db/database.js';

eachDriver('the HTTP server', (driver) => {
  let db: Database;
  let app: App;
  let base: string;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
    app = await createApp(db);
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const sqlCount = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

  it('reports health with the loaded data', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      migrationsApplied: boolean;
      data: { loaded: boolean; synthetic: boolean; counts: { grids: number } };
    };
    expect(body.status).toBe('ok');
    expect(body.migrationsApplied).toBe(true);
    expect(body.data).toMatchObject({ loaded: true, synthetic: true });
    expect(body.data.counts.grids).toBe(await sqlCount('SELECT count(*)::int AS n FROM grids'));
  });

  it('answers layer counts over GraphQL that equal the tables', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ layerCounts { adminUnits grids cameras riskPoints cases } dataset { synthetic scale asOf } }',
      }),
    });
    const { data } = (await res.json()) as {
      data: { layerCounts: Record<string, number>; dataset: { synthetic: boolean; scale: string; asOf: string } };
    };
    expect(data.layerCounts).toEqual({
      adminUnits: await sqlCount('SELECT count(*)::int AS n FROM admin_units'),
      grids: await sqlCount('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL'),
      cameras: await sqlCount('SELECT count(*)::int AS n FROM cameras'),
      riskPoints: await sqlCount('SELECT count(*)::int AS n FROM risk_points'),
      cases: await sqlCount('SELECT count(*)::int AS n FROM cases'),
    });
    expect(data.dataset).toEqual({ synthetic: true, scale: 'tiny', asOf: '2026-06-30' });
  });

  it('reports unavailable health when the data is gone', async () => {
    await db.query('TRUNCATE dataset_loads');
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { data: { loaded: boolean } }).data.loaded).toBe(false);
  });
});
