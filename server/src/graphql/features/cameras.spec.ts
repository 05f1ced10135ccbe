import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { addVillageOperator, startTestApi, TEST_NOW, type TestApi, walkConnection } from '../../../test/api.js';

const CAMERAS = `query ($area: Area, $status: [CameraStatus!], $first: Int, $after: String) {
  cameras(area: $area, status: $status, first: $first, after: $after) {
    totalCount edges { node { id name kind status lastSeen heading fov ownerUnit gridCode location } }
    pageInfo { hasNextPage endCursor } } }`;
const UPDATE = 'mutation ($updates: [CameraStatusUpdate!]!) { updateCameraStatus(updates: $updates) }';

eachDriver('cameras over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  /** Two cameras in village 371702005001 and one in 371702005003, all last seen before TEST_NOW. */
  let own: string[];
  let other: string;

  beforeAll(async () => {
    api = await startTestApi(driver);
    // An operator of one village, to meet cameras outside the jurisdiction with update rights.
    await addVillageOperator(api.db);
    for (const account of ['demo-village', 'demo-township', 'demo-city', 'demo-wall', 'village-operator']) {
      tokens[account] = await api.login(account);
    }
    // Heartbeats older than a camera's last one are skipped, and the tiny city's online cameras
    // last reported late on its last day, after TEST_NOW: pick cameras last seen before it.
    const ids = async (village: string, n: number) =>
      (
        await api.db.query<{ id: string }>(
          `SELECT id FROM cameras WHERE grid_code LIKE $1 AND last_seen < $2 ORDER BY id LIMIT ${n}`,
          [`${village}%`, TEST_NOW],
        )
      ).rows.map((r) => r.id);
    own = await ids('371702005001', 2);
    other = (await ids('371702005003', 1))[0]!;
  });
  afterAll(() => api.stop());

  const camera = async (id: string) =>
    (
      await api.db.query<{ status: string; last_seen: Date | null }>(
        'SELECT status, last_seen FROM cameras WHERE id = $1',
        [id],
      )
    ).rows[0]!;
  const audits = async (operation: string, success: boolean) =>
    (
      await api.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_log WHERE operation = $1 AND success = $2',
        [operation, success],
      )
    ).rows[0]!.n;

  const walk = (token: string, first: number, variables: Record<string, unknown> = {}) =>
    walkConnection(api, CAMERAS, 'cameras', token, first, variables);

  describe('listing', () => {
    it.each([
      ['demo-village', '371702005001%'],
      ['demo-township', '371702005%'],
      ['demo-city', '3717%'],
    ])('pages through exactly the cameras %s may see, by id', async (account, like) => {
      const { nodes, totalCount } = await walk(tokens[account]!, 500);
      const { rows } = await api.db.query<{ id: string }>(
        'SELECT id FROM cameras WHERE grid_code LIKE $1 ORDER BY id',
        [like],
      );
      expect(nodes.map((n) => n.id)).toEqual(rows.map((r) => r.id));
      expect(totalCount).toBe(rows.length);
    });

    it('maps every column of a camera', async () => {
      const { nodes } = await walk(tokens['demo-village']!, 500);
      const [row] = (
        await api.db.query<any>(
          `SELECT id, name, kind, status, last_seen, heading, fov, owner_unit, grid_code, ST_X(geom) AS x, ST_Y(geom) AS y
           FROM cameras WHERE id = $1`,
          [own[0]],
        )
      ).rows;
      expect(nodes.find((n) => n.id === own[0])).toEqual({
        id: row.id,
        name: row.name,
        kind: row.kind,
        status: row.status,
        lastSeen: row.last_seen?.toISOString() ?? null,
        heading: row.heading,
        fov: row.fov,
        ownerUnit: row.owner_unit,
        gridCode: row.grid_code,
        location: { type: 'Point', coordinates: [row.x, row.y] },
      });
    });

    it('filters by status and by a circle, inside the jurisdiction only', async () => {
      const [centre] = (
        await api.db.query<{ lon: number; lat: number }>(
          `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE id = $1`,
          [own[0]],
        )
      ).rows;
      const near = { lon: centre!.lon, lat: centre!.lat, radiusMeters: 2000 };
      const variables = { status: ['offline', 'fault'], area: { near } };
      const count = async (like: string) =>
        (
          await api.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1 AND status IN ('offline', 'fault')
             AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 2000)`,
            [like, near.lon, near.lat],
          )
        ).rows[0]!.n;
      const township = await walk(tokens['demo-township']!, 50, variables);
      expect(township.totalCount).toBe(await count('371702005%'));
      for (const n of township.nodes) expect(['offline', 'fault']).toContain(n.status);
      const village = await walk(tokens['demo-village']!, 50, variables);
      expect(village.totalCount).toBe(await count('371702005001%'));
      expect(village.totalCount).toBeLessThan(township.totalCount);
    });
  });

  describe('heartbeats', () => {
    it('sets status and last seen, all in one call, and audits it', async () => {
      const at = '2026-06-30T09:59:00+08:00';
      const before = await audits('updateCameraStatus', true);
      const res = await api.gql(
        UPDATE,
        {
          updates: [
            { id: own[0], status: 'fault', at },
            { id: own[1], status: 'offline' },
          ],
        },
        tokens['demo-township'],
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.updateCameraStatus).toBe(2);
      expect(await camera(own[0]!)).toEqual({ status: 'fault', last_seen: new Date(at) });
      expect(await camera(own[1]!)).toEqual({ status: 'offline', last_seen: TEST_NOW });
      expect(await audits('updateCameraStatus', true)).toBe(before + 1);
    });

    it('skips a heartbeat older than the last one and counts only what it updated', async () => {
      await api.gql(UPDATE, { updates: [{ id: own[0], status: 'online' }] }, tokens['demo-township']);
      const res = await api.gql(
        UPDATE,
        { updates: [{ id: own[0], status: 'offline', at: '2026-06-29T00:00:00+08:00' }] },
        tokens['demo-township'],
      );
      expect(res.data.updateCameraStatus).toBe(0);
      expect(await camera(own[0]!)).toEqual({ status: 'online', last_seen: TEST_NOW });
    });

    it('names the index and id of an unknown camera, writes nothing and audits the failure', async () => {
      const before = await camera(own[0]!);
      const failures = await audits('updateCameraStatus', false);
      const unknown = '37170200001315999999';
      const res = await api.gql(
        UPDATE,
        {
          updates: [
            { id: own[0], status: 'fault' },
            { id: unknown, status: 'online' },
          ],
        },
        tokens['demo-township'],
      );
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'updates[1].id' } });
      expect(res.errors?.[0]?.message).toContain(unknown);
      expect(await camera(own[0]!)).toEqual(before);
      expect(await audits('updateCameraStatus', false)).toBe(failures + 1);
    });

    it('explains a malformed id, a camera sent twice, a date in the future and too many updates', async () => {
      const send = (updates: unknown[]) => api.gql(UPDATE, { updates }, tokens['demo-township']);
      const malformed = await send([{ id: '123', status: 'online' }]);
      expect(malformed.errors?.[0]?.extensions?.field).toBe('updates[0].id');
      const twice = await send([
        { id: own[0], status: 'online' },
        { id: own[0], status: 'fault' },
      ]);
      expect(twice.errors?.[0]?.extensions?.field).toBe('updates[1].id');
      expect(twice.errors?.[0]?.message).toMatch(/already updated at updates\[0\]/);
      const future = await send([{ id: own[0], status: 'online', at: '2026-06-30T11:00:00+08:00' }]);
      expect(future.errors?.[0]?.extensions?.field).toBe('updates[0].at');
      const many = await send(Array.from({ length: 5001 }, () => ({ id: own[0], status: 'online' })));
      expect(many.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'updates' } });
    });

    it('refuses a heartbeat dated before 1970, even one PostgreSQL cannot store, naming it', async () => {
      const before = await camera(own[0]!);
      for (const at of ['1969-12-31T23:59:59Z', '0001-01-01T00:00:00+08:00']) {
        const res = await api.gql(UPDATE, { updates: [{ id: own[0], status: 'fault', at }] }, tokens['demo-township']);
        expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'updates[0].at' } });
        expect(res.errors?.[0]?.message).toMatch(/before 1970/);
      }
      expect(await camera(own[0]!)).toEqual(before);
    });

    it('forbids a camera outside the jurisdiction, naming it, and writes none of the call', async () => {
      const before = await camera(own[0]!);
      const res = await api.gql(
        UPDATE,
        {
          updates: [
            { id: own[0], status: 'fault' },
            { id: other, status: 'fault' },
          ],
        },
        tokens['village-operator'],
      );
      // Told like a camera that does not exist, so that the answer reveals nothing outside.
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'updates[1].id' });
      expect(res.errors?.[0]?.message).toBe(`updates[1].id: there is no camera ${other}`);
      expect(await camera(own[0]!)).toEqual(before);
      const allowed = await api.gql(UPDATE, { updates: [{ id: own[0], status: 'fault' }] }, tokens['village-operator']);
      expect(allowed.data.updateCameraStatus).toBe(1);
    });

    it('refuses the wall screen, a grid worker and a leader, whose roles do not keep the camera register', async () => {
      for (const account of ['demo-wall', 'demo-village', 'demo-city']) {
        const res = await api.gql(UPDATE, { updates: [{ id: own[0], status: 'fault' }] }, tokens[account]);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(res.errors?.[0]?.message).toMatch(/may not update cameras/);
      }
    });
  });
});
