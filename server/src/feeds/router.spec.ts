import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../test/api.js';
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import type { Queryable } from '../db/database.js';
import { findCameraFeedChunks } from '../db/queries/feeds.js';
import { arrowRows } from '../../test/arrow-rows.js';
import { CAMERA_FOVS, CAMERA_HEADINGS, fovCode, headingCode } from '../domain/camera-view.js';
import { FEED_MEDIA_TYPE } from '../domain/feed-columns.js';
import { decodeFeed } from '../domain/feed-decode.js';
import { buildFeed, CAMERA_LAYER } from './layers.js';

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  json(): { error: { code: string; message: string; field?: string } };
}

/** A decoded row with its position split into lon/lat, for comparison with SQL rows. */
function flatten(row: Record<string, unknown>): Record<string, unknown> {
  const { position, ...rest } = row;
  const [lon, lat] = position as [number, number];
  return { ...rest, lon, lat };
}

/** Rows equal apart from positions, which may differ by Float32 rounding (≤ 1.2e-7°). */
function expectSameRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual.length).toBe(expected.length);
  const strip = ({ lon: _lon, lat: _lat, ...r }: Record<string, unknown>) => r;
  expect(actual.map(strip)).toEqual(expected.map(strip));
  const worst = Math.max(
    0,
    ...actual.map((a, i) =>
      Math.max(
        Math.abs((a.lon as number) - (expected[i]!.lon as number)),
        Math.abs((a.lat as number) - (expected[i]!.lat as number)),
      ),
    ),
  );
  expect(worst).toBeLessThan(1.2e-7);
}

/** A camera row's heading and fov as the feed carries them (5° steps, -1 unknown). */
const asFed = ({ heading, fov, ...row }: Record<string, unknown>) => ({
  ...row,
  heading: CAMERA_HEADINGS[headingCode(heading as number | null)],
  fov: CAMERA_FOVS[fovCode(fov as number | null)],
});

eachDriver('binary map feeds', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  // The API's clock: TEST_NOW but where a test moves it (and puts it back).
  let now = TEST_NOW;

  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', () => now);
    for (const name of ['demo-village', 'demo-township', 'demo-city']) tokens[name] = await api.login(name);
  });
  afterAll(() => api.stop());

  const get = async (path: string, token?: string): Promise<Fetched> => {
    const res = await fetch(`${api.base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const bytes = new Uint8Array(await res.arrayBuffer());
    return {
      status: res.status,
      headers: res.headers,
      bytes,
      json: () => JSON.parse(new TextDecoder().decode(bytes)),
    };
  };
  const rowsOf = async (path: string, token: string) => {
    const res = await get(path, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(FEED_MEDIA_TYPE);
    // Read with apache-arrow: an implementation independent of the one that wrote the feed.
    return arrowRows(res.bytes).map(flatten);
  };
  const sql = async (query: string, params: unknown[]) =>
    (await api.db.query<Record<string, unknown>>(query, params)).rows;

  const ACCOUNTS = [
    ['demo-village', '371702005001'],
    ['demo-township', '371702005'],
    ['demo-city', '3717'],
  ] as const;

  describe('cameras', () => {
    it.each(ACCOUNTS)("carries exactly %s's cameras, as SQL reads them", async (account, prefix) => {
      const decoded = await rowsOf('/feeds/cameras?ids=1', tokens[account]!);
      const expected = (
        await sql(
          `SELECT id, status, kind, heading, fov, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras
           WHERE starts_with(grid_code, $1) ORDER BY id`,
          [prefix],
        )
      ).map(asFed);
      expect(expected.length).toBeGreaterThan(100);
      expectSameRows(decoded, expected);
    });

    it('narrows to a unit inside the jurisdiction and to a bbox', async () => {
      const { rows } = await api.db.query<{ b: number[] }>(
        `SELECT ARRAY[ST_XMin(e), ST_YMin(e), (ST_XMin(e) + ST_XMax(e)) / 2, (ST_YMin(e) + ST_YMax(e)) / 2] AS b
         FROM (SELECT ST_Extent(geom)::geometry AS e FROM cameras WHERE grid_code LIKE '371702005%') s`,
        [],
      );
      const bbox = rows[0]!.b;
      const decoded = await rowsOf(
        `/feeds/cameras?ids=1&unit=371702005000&bbox=${bbox.join(',')}`,
        tokens['demo-city']!,
      );
      const expected = (
        await sql(
          `SELECT id, status, kind, heading, fov, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras
           WHERE starts_with(grid_code, '371702005')
             AND ST_X(geom) BETWEEN $1 AND $3 AND ST_Y(geom) BETWEEN $2 AND $4 ORDER BY id`,
          bbox,
        )
      ).map(asFed);
      const all = await sql(`SELECT count(*)::int AS n FROM cameras`, []);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all[0]!.n as number);
      expectSameRows(decoded, expected);
    });

    it('leaves ids out unless asked, keeping the same order', async () => {
      const bare = decodeFeed((await get('/feeds/cameras', tokens['demo-village'])).bytes);
      expect([...bare.columns.keys()]).toEqual(['position', 'status', 'kind', 'heading', 'fov']);
      expect(bare.rows).toBe((await rowsOf('/feeds/cameras?ids=1', tokens['demo-village']!)).length);
    });

    it('reads the same rows in small chunks as in one', async () => {
      const filter = {
        prefix: jurisdictionPrefix('371702005000'),
        area: { unitCode: null, bbox: null, near: null, polygon: null },
        unitPrefix: jurisdictionPrefix,
      };
      const chunks = async (chunkRows: number) => {
        const out = [];
        for await (const chunk of findCameraFeedChunks(api.db, filter, CAMERA_LAYER.fields, { ids: true, chunkRows })) {
          out.push(chunk);
        }
        return out;
      };
      const small = await chunks(300);
      const one = await chunks(100_000);
      expect(small.length).toBeGreaterThan(3);
      expect(one.length).toBe(1);
      const bytes = async (c: typeof small) => Buffer.from((await buildFeed(CAMERA_LAYER, c, { ids: true })).bytes);
      expect((await bytes(small)).equals(await bytes(one))).toBe(true);
    });
    it('reads the same rows split between readers on one snapshot as on one reader', async () => {
      const filter = {
        prefix: jurisdictionPrefix('371702000000'),
        area: { unitCode: null, bbox: null, near: null, polygon: null },
        unitPrefix: jurisdictionPrefix,
      };
      const read = (parallel: number) =>
        api.db.readSnapshot(parallel, async (readers) => {
          const used = readers.map(() => 0);
          const counted: Queryable[] = readers.map((r, i) => ({
            ...r,
            query: (sql, params) => {
              used[i]!++;
              return r.query(sql, params);
            },
          }));
          const options = { ids: true, chunkRows: 300, samplePercent: 100 };
          const chunks = findCameraFeedChunks(counted, filter, CAMERA_LAYER.fields, options);
          const bytes = Buffer.from((await buildFeed(CAMERA_LAYER, chunks, { ids: true })).bytes);
          return { bytes, used };
        });
      const split = await read(3);
      const one = await read(1);
      // The server driver gives three readers and each reads its part; the embedded engine has one.
      expect(split.used.length).toBe(driver === 'server' ? 3 : 1);
      expect(split.used.every((n) => n > 0)).toBe(true);
      expect(split.bytes.equals(one.bytes)).toBe(true);
      expect(decodeFeed(one.bytes).rows).toBe((await sql('SELECT count(*)::int AS n FROM cameras', []))[0]!.n);
    });
  });

  describe('the camera feed cache', () => {
    const HEARTBEAT = 'mutation ($updates: [CameraStatusUpdate!]!) { updateCameraStatus(updates: $updates) }';
    const cacheOf = (res: Fetched) => /cache;desc=(\w+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
    const fetchFeed = () => get('/feeds/cameras?ids=1', tokens['demo-township']);
    const rowOf = (res: Fetched, id: string) =>
      arrowRows(res.bytes)
        .map(flatten)
        .find((r) => r.id === id)!;
    /** A camera of the township whose last heartbeat is not after TEST_NOW, so a new one applies. */
    const beatable = async (skip: number) =>
      (
        await sql(
          `SELECT id, status FROM cameras WHERE grid_code LIKE '371702005%' AND (last_seen IS NULL OR last_seen <= $1)
           ORDER BY id OFFSET $2 LIMIT 1`,
          [TEST_NOW, skip],
        )
      )[0] as { id: string; status: string };

    it('serves the same bytes again while no camera changes, even after a heartbeat that changes no status', async () => {
      const first = await fetchFeed();
      const again = await fetchFeed();
      expect(cacheOf(again)).toBe('hit');
      expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
      const camera = await beatable(0);
      const beat = await api.gql(
        HEARTBEAT,
        { updates: [{ id: camera.id, status: camera.status }] },
        tokens['demo-township'],
      );
      expect(beat.data.updateCameraStatus).toBe(1);
      expect(cacheOf(await fetchFeed())).toBe('hit');
    });

    /** Every row of a feed as SQL reads the township's cameras now. */
    const expectCurrent = async (res: Fetched) => {
      const rows = arrowRows(res.bytes)
        .map(flatten)
        .map((r) => ({ id: r.id, status: r.status, kind: r.kind }));
      const expected = await sql(
        `SELECT id, status, kind FROM cameras WHERE grid_code LIKE '371702005%' ORDER BY id`,
        [],
      );
      expect(rows).toEqual(expected);
    };

    it('patches the status a heartbeat changed into the kept feed, without building it again', async () => {
      const before = await fetchFeed();
      const camera = await beatable(1);
      const status = camera.status === 'fault' ? 'online' : 'fault';
      const beat = await api.gql(HEARTBEAT, { updates: [{ id: camera.id, status }] }, tokens['demo-township']);
      expect(beat.data.updateCameraStatus).toBe(1);
      const after = await fetchFeed();
      expect(cacheOf(after)).toBe('update');
      expect(rowOf(after, camera.id).status).toBe(status);
      await expectCurrent(after);
      expect(decodeFeed(after.bytes).meta).toEqual(decodeFeed(before.bytes).meta);
      expect(cacheOf(await fetchFeed())).toBe('hit');
    });

    it('patches several status changes in a row, made in SQL, with the latest one winning', async () => {
      await fetchFeed();
      // A feed without ids too: its rows are found through ids read the first time it is patched.
      const noIds = () => get('/feeds/cameras', tokens['demo-township']);
      await noIds();
      const ids = (await sql(`SELECT id FROM cameras WHERE grid_code LIKE '371702005%' ORDER BY id LIMIT 3`, [])).map(
        (r) => (r as { id: string }).id,
      );
      await api.db.query(`UPDATE cameras SET status = 'offline' WHERE id = ANY($1)`, [ids]);
      await api.db.query(`UPDATE cameras SET status = 'fault' WHERE id = $1`, [ids[0]]);
      // A camera outside the township changes too: not in this feed, skipped.
      await api.db.query(
        `UPDATE cameras SET status = CASE status WHEN 'online' THEN 'fault' ELSE 'online' END
         WHERE id = (SELECT id FROM cameras WHERE grid_code NOT LIKE '371702005%' ORDER BY id LIMIT 1)`,
      );
      const after = await fetchFeed();
      expect(cacheOf(after)).toBe('update');
      expect([ids[0], ids[1], ids[2]].map((id) => rowOf(after, id!).status)).toEqual(['fault', 'offline', 'offline']);
      await expectCurrent(after);
      const plain = await noIds();
      expect(cacheOf(plain)).toBe('update');
      const statuses = await sql(`SELECT status FROM cameras WHERE grid_code LIKE '371702005%' ORDER BY id`, []);
      expect(arrowRows(plain.bytes).map((r) => r.status)).toEqual(statuses.map((r) => r.status));
      // Patched twice over, each is byte for byte the feed a build from the database gives now.
      const township = {
        prefix: jurisdictionPrefix('371702005000'),
        area: { unitCode: null, bbox: null, near: null, polygon: null },
        unitPrefix: jurisdictionPrefix,
      };
      for (const [patched, ids] of [
        [after, true],
        [plain, false],
      ] as const) {
        const chunks = findCameraFeedChunks(api.db, township, CAMERA_LAYER.fields, { ids });
        const fresh = await buildFeed(CAMERA_LAYER, chunks, { ids, meta: { unit: null, bbox: null } });
        expect(Buffer.from(patched.bytes).equals(Buffer.from(fresh.bytes)), `ids ${ids}`).toBe(true);
      }
    });

    it('builds afresh when more than statuses changed, or the status log no longer reaches back', async () => {
      await fetchFeed();
      const [camera] = (await sql(
        `SELECT id, kind FROM cameras WHERE grid_code LIKE '371702005%' ORDER BY id DESC LIMIT 1`,
        [],
      )) as { id: string; kind: string }[];
      await api.db.query('UPDATE cameras SET kind = $2 WHERE id = $1', [
        camera!.id,
        camera!.kind === 'ptz' ? 'dome' : 'ptz',
      ]);
      const moved = await fetchFeed();
      expect(cacheOf(moved)).toBe('miss');
      await expectCurrent(moved);
      await api.db.query(`
        DO $$ BEGIN
          FOR i IN 1..1001 LOOP
            UPDATE cameras SET status = CASE status WHEN 'online' THEN 'offline' ELSE 'online' END
            WHERE id = (SELECT id FROM cameras ORDER BY id LIMIT 1);
          END LOOP;
        END $$`);
      const late = await fetchFeed();
      expect(cacheOf(late)).toBe('miss');
      await expectCurrent(late);
    });

    it('sees changes made outside the API (plain SQL), and cameras added or removed', async () => {
      const before = await fetchFeed();
      const [first, second] = arrowRows(before.bytes) as { id: string; kind: string }[];
      const kind = first!.kind === 'ptz' ? 'dome' : 'ptz';
      await api.db.query('UPDATE cameras SET kind = $2 WHERE id = $1', [first!.id, kind]);
      expect(rowOf(await fetchFeed(), first!.id).kind).toBe(kind);
      await api.db.query('DELETE FROM cameras WHERE id = $1', [second!.id]);
      const removed = await fetchFeed();
      expect(cacheOf(removed)).toBe('miss');
      expect(rowOf(removed, second!.id)).toBeUndefined();
      expect(decodeFeed(removed.bytes).rows).toBe(decodeFeed(before.bytes).rows - 1);
    });
  });

  describe('risk points', () => {
    it.each(ACCOUNTS)("carries exactly %s's risk points, as SQL reads them", async (account, prefix) => {
      const decoded = await rowsOf('/feeds/risk-points?ids=1', tokens[account]!);
      const expected = await sql(
        `SELECT id, level, category, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM risk_points
         WHERE starts_with(grid_code, $1) ORDER BY id`,
        [prefix],
      );
      expect(expected.length).toBeGreaterThan(10);
      expectSameRows(decoded, expected);
    });
  });

  describe('cases', () => {
    const caseRows = (where: string, params: unknown[]) =>
      sql(
        `SELECT code AS id, status, category, severity, (closed_at IS NULL AND deadline < $1) AS overdue,
           date_trunc('minute', reported_at) AS "reportedAt", ST_X(geom) AS lon, ST_Y(geom) AS lat
         FROM cases WHERE ${where} ORDER BY code`,
        [TEST_NOW, ...params],
      );

    it.each(ACCOUNTS)("carries exactly %s's cases, as SQL reads them", async (account, prefix) => {
      const decoded = await rowsOf('/feeds/cases?ids=1', tokens[account]!);
      const expected = await caseRows('starts_with(village_code, $2)', [prefix]);
      expect(expected.some((r) => r.overdue)).toBe(true);
      expectSameRows(decoded, expected);
    });

    it('filters by time window, status and category like the cases query', async () => {
      const from = '2026-03-01T00:00:00+08:00';
      const to = '2026-06-01T00:00:00+08:00';
      const path = `/feeds/cases?ids=1&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&status=reviewed,resolved&category=neighbour,land,family`;
      const decoded = await rowsOf(path, tokens['demo-township']!);
      const expected = await caseRows(
        `starts_with(village_code, '371702005') AND reported_at >= $2 AND reported_at < $3
         AND status IN ('reviewed', 'resolved') AND category IN ('neighbour', 'land', 'family')`,
        [from, to],
      );
      expect(expected.length).toBeGreaterThan(10);
      expectSameRows(decoded, expected);
    });
  });

  describe('the case and risk-point feed caches', () => {
    const cacheOf = (res: Fetched) => /cache;desc=(\w+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
    const township = (path: string) => get(path, tokens['demo-township']);

    it('serves each again while nothing in it changed, and builds it afresh after any write', async () => {
      for (const [path, table] of [
        ['/feeds/cases?ids=1', 'cases'],
        ['/feeds/risk-points?ids=1', 'risk_points'],
      ] as const) {
        const first = await township(path);
        const again = await township(path);
        expect(cacheOf(again), path).toBe('hit');
        expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
        const key = table === 'cases' ? 'code' : 'id';
        const [row] = (await sql(
          `SELECT ${key} AS id FROM ${table} WHERE starts_with(grid_code, '371702005') ORDER BY ${key} LIMIT 1`,
          [],
        )) as { id: string }[];
        await api.db.query(`UPDATE ${table} SET geom = ST_Translate(geom, 0.0001, 0) WHERE ${key} = $1`, [row!.id]);
        const moved = await township(path);
        expect(cacheOf(moved), path).toBe('miss');
        const before = arrowRows(first.bytes).find((r) => r.id === row!.id) as { position: number[] };
        const after = arrowRows(moved.bytes).find((r) => r.id === row!.id) as { position: number[] };
        expect(after.position[0]! - before.position[0]!).toBeCloseTo(0.0001, 6);
        expect(cacheOf(await township(path))).toBe('hit');
      }
    });

    it('keeps the case feed only until the next open case in it becomes overdue', async () => {
      const path = '/feeds/cases?ids=1';
      const [next] = (await sql(
        `SELECT code, deadline FROM cases WHERE starts_with(village_code, '371702005') AND closed_at IS NULL
         AND deadline >= $1 ORDER BY deadline, code LIMIT 1`,
        [TEST_NOW],
      )) as { code: string; deadline: Date }[];
      expect(next, 'the tiny data has an open case still to fall due').toBeDefined();
      const overdueOf = (res: Fetched) =>
        (arrowRows(res.bytes).find((r) => r.id === next!.code) as { overdue: boolean }).overdue;
      // Tokens are checked against the API's clock: one per instant the clock is moved to.
      const at = async (instant: Date) => {
        now = instant;
        return get(path, await api.login('demo-township'));
      };
      try {
        await township(path);
        const atDeadline = await at(new Date(next!.deadline));
        expect(cacheOf(atDeadline)).toBe('hit');
        expect(overdueOf(atDeadline)).toBe(false);
        const past = await at(new Date(next!.deadline.getTime() + 1000));
        expect(cacheOf(past)).toBe('miss');
        expect(overdueOf(past)).toBe(true);
        expect(decodeFeed(past.bytes).meta).toMatchObject({ overdueAt: now.toISOString() });
      } finally {
        now = TEST_NOW;
      }
    });
  });

  describe('refusals', () => {
    it('answers 401 without a token or with a bad one', async () => {
      const none = await get('/feeds/cameras');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(none.json().error.code).toBe('UNAUTHENTICATED');
      expect((await get('/feeds/cases', 'not-a-token')).status).toBe(401);
    });

    it('answers 404 for a unit outside the jurisdiction, and sends no rows', async () => {
      const res = await get('/feeds/cameras?unit=371702005000', tokens['demo-village']);
      expect(res.status).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', field: 'unit' });
      expect((await get('/feeds/risk-points?unit=371700000000', tokens['demo-township'])).status).toBe(404);
    });

    it('answers 400 with a JSON error naming the parameter for a bad bbox', async () => {
      const res = await get('/feeds/cameras?bbox=115.6,35.2,115.4', tokens['demo-city']);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.json().error).toEqual({
        code: 'BAD_REQUEST',
        field: 'bbox',
        message: 'bbox: must be [minLon, minLat, maxLon, maxLat], four numbers',
      });
      const reversed = await get('/feeds/cases?bbox=115.6,35.2,115.4,35.3', tokens['demo-city']);
      expect(reversed.json().error.message).toMatch(/min must be less than max/);
    });

    it('answers 400 for an unknown status and an unknown parameter', async () => {
      expect((await get('/feeds/cases?status=closed', tokens['demo-city'])).json().error.field).toBe('status');
      expect((await get('/feeds/cameras?limit=5', tokens['demo-city'])).status).toBe(400);
    });

    it('answers a JSON 404 for a feed that does not exist', async () => {
      const res = await get('/feeds/roads', tokens['demo-city']);
      expect(res.status).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });
  });
});
