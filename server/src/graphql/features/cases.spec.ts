import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { BOW_TIE } from '../../../test/hostile.js';

const CASE_FIELDS =
  'code status version handledLevel gridCode villageCode deadline allowedActions events { fromStatus toStatus actor note }';
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { ${CASE_FIELDS} } }`;
const ADVANCE = `mutation ($code: ID!, $action: CaseAction!, $v: Int!) {
  advanceCase(code: $code, action: $action, expectedVersion: $v, note: "办理") { ${CASE_FIELDS} } }`;

eachDriver('cases over GraphQL', (driver) => {
  let api: TestApi;
  let villageToken: string;
  let townshipToken: string;
  /** A point inside grid 001 of village 371702005001 (demo-village's jurisdiction). */
  let inside: { lon: number; lat: number };
  /** A point inside another village of the same township. */
  let neighbour: { lon: number; lat: number; village: string };

  beforeAll(async () => {
    api = await startTestApi(driver);
    villageToken = await api.login('demo-village');
    townshipToken = await api.login('demo-township');
    const point = async (where: string) =>
      (
        await api.db.query<{ lon: number; lat: number; village: string }>(
          `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, village_code AS village
           FROM (SELECT ST_PointOnSurface(geom) AS p, village_code FROM grids WHERE ${where} ORDER BY code LIMIT 1) s`,
        )
      ).rows[0]!;
    const { lon, lat } = await point(`village_code = '371702005001'`);
    inside = { lon, lat };
    neighbour = await point(`village_code <> '371702005001' AND village_code LIKE '371702005%'`);
  });
  afterAll(() => api.stop());

  const sqlCount = async (sql: string, params: unknown[] = []) =>
    (await api.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  describe('reporting', () => {
    it('registers a case at a point, in the grid that covers it, with a code of village + day + serial', async () => {
      const res = await api.gql(
        REPORT,
        { input: { category: 'neighbour', severity: 'medium', source: 'patrol', ...inside, note: '邻里噪音' } },
        villageToken,
      );
      expect(res.errors).toBeUndefined();
      const c = res.data.reportCase;
      expect(c.code).toMatch(/^37170200500120260630\d{4}$/);
      expect(c).toMatchObject({
        status: 'registered',
        version: 1,
        handledLevel: 'village',
        villageCode: '371702005001',
      });
      expect(c.gridCode.startsWith('371702005001')).toBe(true);
      // medium severity: 15 days
      expect(new Date(c.deadline).getTime() - TEST_NOW.getTime()).toBe(15 * 86_400_000);
      expect(c.events).toEqual([{ fromStatus: null, toStatus: 'registered', actor: 'demo-village', note: '邻里噪音' }]);
      const audit = await api.db.query<{ success: boolean }>(
        `SELECT success FROM audit_log WHERE operation = 'reportCase' AND target LIKE $1`,
        [`${inside.lon},%`],
      );
      expect(audit.rows).toEqual([{ success: true }]);
    });

    it('gives two cases of the same village and day consecutive serials', async () => {
      const input = { category: 'family', severity: 'low', source: 'hotline', ...inside };
      const a = (await api.gql(REPORT, { input }, villageToken)).data.reportCase.code as string;
      const b = (await api.gql(REPORT, { input }, villageToken)).data.reportCase.code as string;
      expect(Number(b.slice(-4))).toBe(Number(a.slice(-4)) + 1);
    });

    it('rejects a point outside every grid and writes nothing', async () => {
      const before = await sqlCount('SELECT count(*)::int AS n FROM cases');
      const res = await api.gql(
        REPORT,
        { input: { category: 'land', severity: 'low', source: 'hotline', lon: 100, lat: 20 } },
        villageToken,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/lies in no grid of your jurisdiction/);
      expect(await sqlCount('SELECT count(*)::int AS n FROM cases')).toBe(before);
      const audit = await api.db.query(
        `SELECT 1 FROM audit_log WHERE operation = 'reportCase' AND target = '100,20' AND NOT success AND outcome = 'invalid'`,
      );
      expect(audit.rows.length).toBe(1);
    });

    it('refuses a point in a village outside the jurisdiction in the words it uses for no grid, naming none', async () => {
      const res = await api.gql(
        REPORT,
        { input: { category: 'land', severity: 'low', source: 'hotline', lon: neighbour.lon, lat: neighbour.lat } },
        villageToken,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(
        `input.lon/lat: (${neighbour.lon}, ${neighbour.lat}) lies in no grid of your jurisdiction`,
      );
      expect(res.errors?.[0]?.message).not.toMatch(/\d{15}/);
      const audit = await api.db.query(
        `SELECT 1 FROM audit_log WHERE operation = 'reportCase' AND outcome = 'denied_jurisdiction'`,
      );
      expect(audit.rows.length).toBe(1);
    });

    it('rejects NaN-like and out-of-range coordinates with the field named', async () => {
      const res = await api.gql(
        REPORT,
        { input: { category: 'land', severity: 'low', source: 'hotline', lon: 500, lat: 35 } },
        villageToken,
      );
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.lon/lat' } });
    });

    it('does not let a leader register cases', async () => {
      const token = await api.login('demo-city');
      const res = await api.gql(
        REPORT,
        { input: { category: 'land', severity: 'low', source: 'hotline', ...inside } },
        token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('moving a case', () => {
    const report = async () =>
      (
        await api.gql(
          REPORT,
          { input: { category: 'neighbour', severity: 'high', source: 'walk_in', ...inside } },
          villageToken,
        )
      ).data.reportCase;

    it('advances one stage and bumps the version', async () => {
      const c = await report();
      const res = await api.gql(ADVANCE, { code: c.code, action: 'advance', v: 1 }, villageToken);
      expect(res.data.advanceCase).toMatchObject({ status: 'mediating', version: 2 });
      expect(res.data.advanceCase.events.at(-1)).toEqual({
        fromStatus: 'registered',
        toStatus: 'mediating',
        actor: 'demo-village',
        note: '办理',
      });
    });

    it('answers a stale version with CONFLICT and changes nothing', async () => {
      const c = await report();
      await api.gql(ADVANCE, { code: c.code, action: 'advance', v: 1 }, villageToken);
      const res = await api.gql(ADVANCE, { code: c.code, action: 'advance', v: 1 }, villageToken);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect(await sqlCount('SELECT count(*)::int AS n FROM case_events WHERE case_code = $1', [c.code])).toBe(2);
    });

    it('rejects an illegal move and lists the allowed ones', async () => {
      const c = await report();
      const res = await api.gql(ADVANCE, { code: c.code, action: 'return_to_mediation', v: 1 }, villageToken);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
      expect(res.errors?.[0]?.extensions?.allowedActions).toEqual(c.allowedActions);
    });

    it('escalates to the township with a new deadline', async () => {
      const c = await report();
      const res = await api.gql(ADVANCE, { code: c.code, action: 'escalate', v: 1 }, townshipToken);
      expect(res.data.advanceCase).toMatchObject({ handledLevel: 'township', version: 2 });
    });

    it('answers a case outside the jurisdiction exactly like one that does not exist, and hides it from reads', async () => {
      const { rows } = await api.db.query<{ code: string; version: number }>(
        `SELECT code, version FROM cases WHERE village_code = $1 AND closed_at IS NULL LIMIT 1`,
        [neighbour.village],
      );
      const other = rows[0]!;
      const madeUp = `${other.code.slice(0, 20)}9999`;
      const res = await api.gql(ADVANCE, { code: other.code, action: 'advance', v: other.version }, villageToken);
      const none = await api.gql(ADVANCE, { code: madeUp, action: 'advance', v: 1 }, villageToken);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message.replace(other.code, 'X')).toBe(none.errors?.[0]?.message.replace(madeUp, 'X'));
      const audit = await api.db.query<{ outcome: string }>(
        `SELECT outcome FROM audit_log WHERE target IN ($1, $2) ORDER BY id`,
        [other.code, madeUp],
      );
      expect(audit.rows.map((r) => r.outcome)).toEqual(['denied_jurisdiction', 'not_found']);
      const read = await api.gql('query ($c: ID!) { case(code: $c) { code } }', { c: other.code }, villageToken);
      expect(read.data.case).toBeNull();
    });
  });

  describe('listing', () => {
    it('counts and pages only the cases inside the jurisdiction, with no duplicates', async () => {
      const query = `query ($after: String) { cases(first: 500, after: $after) { totalCount edges { node { code villageCode } } pageInfo { hasNextPage endCursor } } }`;
      const seen = new Set<string>();
      let after: string | null = null;
      let total: number;
      do {
        const res: any = await api.gql(query, { after }, villageToken);
        total = res.data.cases.totalCount;
        for (const e of res.data.cases.edges) {
          expect(e.node.villageCode).toBe('371702005001');
          seen.add(e.node.code);
        }
        after = res.data.cases.pageInfo.hasNextPage ? res.data.cases.pageInfo.endCursor : null;
      } while (after);
      expect(total).toBe(await sqlCount(`SELECT count(*)::int AS n FROM cases WHERE village_code = '371702005001'`));
      expect(seen.size).toBe(total);
    });

    it('filters by time, status and a circle', async () => {
      const res = await api.gql(
        `query ($near: Near!) { cases(area: { near: $near }, from: "2026-06-01T00:00:00+08:00", status: [registered, mediating], first: 10) { totalCount edges { node { status reportedAt } } } }`,
        { near: { lon: inside.lon, lat: inside.lat, radiusMeters: 3000 } },
        townshipToken,
      );
      expect(res.errors).toBeUndefined();
      const expected = await sqlCount(
        `SELECT count(*)::int AS n FROM cases WHERE village_code LIKE '371702005%' AND reported_at >= '2026-06-01T00:00:00+08:00'
         AND status IN ('registered', 'mediating')
         AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 3000)`,
        [inside.lon, inside.lat],
      );
      expect(res.data.cases.totalCount).toBe(expected);
      for (const e of res.data.cases.edges) expect(['registered', 'mediating']).toContain(e.node.status);
    });

    it('explains a bad bbox, a bad page size and a foreign cursor', async () => {
      const bbox = await api.gql('{ cases(area: { bbox: [116, 35, 115, 36] }) { totalCount } }', {}, villageToken);
      expect(bbox.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'area.bbox' } });
      const first = await api.gql('{ cases(first: 501) { totalCount } }', {}, villageToken);
      expect(first.errors?.[0]?.message).toMatch(/first: must be a whole number from 1 to 500/);
      const polygon = await api.gql(
        'query ($p: GeoJSON) { cases(area: { polygon: $p }) { totalCount } }',
        { p: BOW_TIE },
        villageToken,
      );
      expect(polygon.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'area.polygon' } });
      expect(polygon.errors?.[0]?.message).toMatch(/Self-intersection/i);
      const cursor = await api.gql(`{ cases(after: "' OR 1=1 --") { totalCount } }`, {}, villageToken);
      expect(cursor.errors?.[0]?.extensions?.field).toBe('after');
    });
  });

  describe('personal details', () => {
    it('shows a note whole to case handlers, masked to the data administrator and hides it on the wall', async () => {
      const note = '当事人电话13812345678，身份证372901198807151234';
      const res = await api.gql(
        REPORT,
        {
          input: {
            category: 'family',
            severity: 'low',
            source: 'walk_in',
            lon: neighbour.lon,
            lat: neighbour.lat,
            note,
          },
        },
        townshipToken,
      );
      expect(res.errors).toBeUndefined();
      const code = res.data.reportCase.code;
      const history = async (username: string) =>
        (
          await api.gql(
            'query ($code: ID!) { case(code: $code) { events { actor note } } }',
            { code },
            await api.login(username),
          )
        ).data.case.events[0];
      expect(await history('demo-township')).toEqual({ actor: 'demo-township', note });
      expect(await history('demo-admin')).toEqual({
        actor: 'demo-township',
        note: '当事人电话138****5678，身份证372901********1234',
      });
      expect(await history('demo-wall')).toEqual({ actor: 'd************', note: null });
    });
  });
});

eachDriver('logging in', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  });
  afterAll(() => api.stop());

  const LOGIN =
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username role jurisdiction } } }';

  it('returns a token and the account, and audits the login', async () => {
    const res = await api.gql(LOGIN, { u: 'demo-township', p: 'demo' });
    expect(res.data.login.user).toEqual({ username: 'demo-township', role: 'operator', jurisdiction: '371702005000' });
    const me = await api.gql('{ me { username } }', {}, res.data.login.token);
    expect(me.data.me.username).toBe('demo-township');
    const audit = await api.db.query(
      `SELECT 1 FROM audit_log WHERE username = 'demo-township' AND operation = 'login' AND success`,
    );
    expect(audit.rows.length).toBeGreaterThan(0);
  });

  it('locks the account after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api.gql(LOGIN, { u: 'demo-planner', p: 'wrong' });
      // The fifth wrong password is the one that locks it.
      const reason = i < 4 ? 'credentials' : 'locked';
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    }
    const res = await api.gql(LOGIN, { u: 'demo-planner', p: 'demo' });
    expect(res.errors?.[0]?.message).toMatch(/locked/);
    // Said so that a client can tell its user in its own language, and until when.
    const { reason, lockedUntil } = res.errors![0]!.extensions!;
    expect(reason).toBe('locked');
    expect(new Date(lockedUntil as string).getTime()).toBeGreaterThan(TEST_NOW.getTime());
    const failures = await api.db.query(`SELECT 1 FROM audit_log WHERE username = 'demo-planner' AND NOT success`);
    expect(failures.rows.length).toBe(6);
  });

  it('keeps the audit record append-only', async () => {
    await expect(api.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(api.db.query(`UPDATE audit_log SET success = true`)).rejects.toThrow(/append-only/);
  });
});
