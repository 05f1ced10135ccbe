import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { collect, connect, until } from '../../../test/live.js';
import { startTestApi, type TestApi } from '../../../test/api.js';

const SUBSCRIBE =
  'subscription ($unit: ID) { caseChanged(unitCode: $unit) { caseCode toStatus actor case { code status } } }';
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { code } }`;

eachDriver('live case events', (driver) => {
  let api: TestApi;
  let point: { lon: number; lat: number };
  beforeAll(async () => {
    api = await startTestApi(driver);
    const { rows } = await api.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids
       WHERE village_code = '371702005001' ORDER BY code LIMIT 1) s`,
    );
    point = rows[0]!;
  });
  afterAll(() => api.stop());

  it('delivers a reported case to subscribers whose jurisdiction covers it, and only to them', async () => {
    const township = connect(api, await api.login('demo-township'));
    const otherVillage = connect(api, await api.login('demo-township'));
    const inside = collect(township, SUBSCRIBE, {});
    const elsewhere = collect(otherVillage, SUBSCRIBE, { unit: '371702005003' });
    await Promise.all([inside.started, elsewhere.started]);

    const token = await api.login('demo-village');
    const res = await api.gql(
      REPORT,
      { input: { category: 'traffic', severity: 'low', source: 'video', ...point } },
      token,
    );
    const code = res.data.reportCase.code;
    await until(() => inside.received.length > 0);
    expect(inside.received[0].data.caseChanged).toEqual({
      caseCode: code,
      toStatus: 'registered',
      actor: 'demo-village',
      case: { code, status: 'registered' },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(elsewhere.received).toEqual([]);
    inside.stop();
    elsewhere.stop();
    await township.dispose();
    await otherVillage.dispose();
  });

  it('delivers camera status changes, not repeated heartbeats', async () => {
    const { rows } = await api.db.query<{ id: string }>(
      `SELECT id FROM cameras WHERE grid_code LIKE '371702005%' AND status = 'offline' AND last_seen < $1 ORDER BY id LIMIT 1`,
      [new Date('2026-06-30T10:00:00+08:00')],
    );
    const id = rows[0]!.id;
    const token = await api.login('demo-township');
    const client = connect(api, token);
    const received: any[] = [];
    let connected!: () => void;
    const ready = new Promise<void>((r) => (connected = r));
    client.on('connected', () => setTimeout(connected, 100));
    const stop = client.subscribe(
      { query: 'subscription { cameraStatusChanged { id status } }' },
      { next: (v) => received.push(v), error: () => undefined, complete: () => undefined },
    );
    await ready;
    const beat = (status: string) =>
      api.gql(
        'mutation ($u: [CameraStatusUpdate!]!) { updateCameraStatus(updates: $u) }',
        { u: [{ id, status }] },
        token,
      );
    expect((await beat('online')).data.updateCameraStatus).toBe(1);
    expect((await beat('online')).data.updateCameraStatus).toBe(1);
    await until(() => received.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.map((r) => r.data.cameraStatusChanged)).toEqual([{ id, status: 'online' }]);
    stop();
    await client.dispose();
  });

  it('gives every account level exactly the events of its jurisdiction, on both subscriptions', async () => {
    // demo-village holds 371702005001; the events below happen there and in village 371702005003.
    const accounts = ['demo-city', 'demo-county', 'demo-township', 'demo-village'] as const;
    const place = async (village: string) => {
      const { rows } = await api.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids
         WHERE village_code = $1 AND valid_to IS NULL ORDER BY code LIMIT 1) s`,
        [village],
      );
      return rows[0]!;
    };
    const cameraIn = async (village: string) =>
      (
        await api.db.query<{ id: string; status: string }>(
          // A heartbeat older than the camera's last one is skipped: one last seen before the test clock.
          `SELECT id, status FROM cameras WHERE grid_code LIKE $1 AND last_seen < $2 ORDER BY id LIMIT 1`,
          [`${village}%`, new Date('2026-06-30T10:00:00+08:00')],
        )
      ).rows[0]!;
    const listeners = await Promise.all(
      accounts.map(async (account) => {
        const client = connect(api, await api.login(account));
        const cases = collect(client, 'subscription { caseChanged { caseCode } }', {});
        const cameras = collect(client, 'subscription { cameraStatusChanged { id } }', {});
        return { account, client, cases, cameras };
      }),
    );
    await Promise.all(listeners.flatMap((l) => [l.cases.started, l.cameras.started]));

    const township = await api.login('demo-township');
    const codes: Record<string, string> = {};
    const cameras: Record<string, string> = {};
    for (const village of ['371702005001', '371702005003']) {
      const res = await api.gql(
        REPORT,
        { input: { category: 'traffic', severity: 'low', source: 'video', ...(await place(village)) } },
        township,
      );
      codes[village] = res.data.reportCase.code;
      const camera = await cameraIn(village);
      cameras[village] = camera.id;
      const status = camera.status === 'fault' ? 'online' : 'fault';
      const beat = await api.gql(
        'mutation ($u: [CameraStatusUpdate!]!) { updateCameraStatus(updates: $u) }',
        { u: [{ id: camera.id, status }] },
        township,
      );
      expect(beat.data.updateCameraStatus).toBe(1);
    }
    const everyone = listeners.filter((l) => l.account !== 'demo-village');
    await until(() => everyone.every((l) => l.cases.received.length >= 2 && l.cameras.received.length >= 2));
    await new Promise((r) => setTimeout(r, 300));
    for (const l of listeners) {
      const inside = l.account === 'demo-village' ? ['371702005001'] : ['371702005001', '371702005003'];
      expect(
        l.cases.received.map((r) => r.data.caseChanged.caseCode),
        l.account,
      ).toEqual(inside.map((v) => codes[v]));
      expect(
        l.cameras.received.map((r) => r.data.cameraStatusChanged.id),
        l.account,
      ).toEqual(inside.map((v) => cameras[v]));
      l.cases.stop();
      l.cameras.stop();
      await l.client.dispose();
    }
  });

  it('refuses a connection without a valid token', async () => {
    const client = connect(api, 'not-a-token');
    const sub = collect(client, SUBSCRIBE, {});
    await until(() => sub.errors.length > 0);
    expect(sub.errors.length).toBe(1);
    await client.dispose();
  });

  it('refuses to listen to a unit outside the jurisdiction', async () => {
    const client = connect(api, await api.login('demo-village'));
    const sub = collect(client, SUBSCRIBE, { unit: '371702005003' });
    await until(() => sub.errors.length > 0 || sub.received.length > 0);
    expect(JSON.stringify(sub.errors[0] ?? sub.received[0])).toMatch(/not a unit inside your jurisdiction/);
    await client.dispose();
  });
});
