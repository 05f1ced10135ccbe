import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';

eachDriver('import upload and exports over HTTP', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const name of ['demo-admin', 'demo-village', 'demo-county']) tokens[name] = await api.login(name);
  });
  afterAll(() => api.stop());

  const upload = (query: string, body: string | Blob, token?: string) =>
    fetch(`${api.base}/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const get = (path: string, token: string | undefined) =>
    fetch(`${api.base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses uploads without a token, from non-administrators, and without a coordinate system', async () => {
    expect((await upload('layer=cameras', 'a,b\n1,2')).status).toBe(401);
    expect((await upload('layer=cameras&crs=wgs84', 'a,b\n1,2', tokens['demo-county'])).status).toBe(403);
    const res = await upload('layer=cameras&fileName=c.csv', 'id,name\n1,2', tokens['demo-admin']);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('coordinate system');
  });

  it('round-trips a village’s cameras: exported CSV dry-runs back as updates only', async () => {
    const village = '371702005001000'.slice(0, 12);
    const bytes = new Uint8Array(
      await (await get(`/exports/cameras.csv?unit=${village}`, tokens['demo-admin'])).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, for spreadsheet programs
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('id,name,kind,status,last_seen,heading,fov,owner_unit,grid_code,lon,lat,_WKTgeom_EPSG_4326');
    expect(lines.length).toBeGreaterThan(2);
    const res = await upload(
      'layer=cameras&crs=wgs84&dryRun=1&fileName=export.csv',
      new Blob([bytes]),
      tokens['demo-admin'],
    );
    const report = (await res.json()) as { counts: Record<string, number>; rejected: unknown[]; applied: boolean };
    expect(res.status).toBe(200);
    expect(report.rejected).toEqual([]);
    expect(report.counts).toMatchObject({ read: lines.length - 1, inserted: 0, updated: lines.length - 1 });
    expect(report.applied).toBe(false);
  });

  it('defuses formulas in exported CSV text and imports the cells back as they were', async () => {
    const hostile = {
      name: '=HYPERLINK("http://evil","x")',
      responsible_unit: "'@SUM(1+1)*cmd|' /C calc'!A0",
    };
    const { rows } = await api.db.query<{ id: string }>(
      `UPDATE risk_points SET name = $1, responsible_unit = $2
       WHERE id = (SELECT min(id) FROM risk_points WHERE grid_code LIKE '371702005001%') RETURNING id`,
      [hostile.name, hostile.responsible_unit],
    );
    const id = rows[0]!.id;
    const bytes = new Uint8Array(
      await (await get('/exports/risk_points.csv?unit=371702005001', tokens['demo-admin'])).arrayBuffer(),
    );
    const line = new TextDecoder()
      .decode(bytes)
      .split('\r\n')
      .find((l) => l.startsWith(`${id},`))!;
    expect(line).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
    expect(line).toContain(`,''@SUM(1+1)*cmd|' /C calc'!A0,`);
    expect(line).toMatch(/,1[0-9.]+,3[0-9.]+,POINT \(1[0-9.]+ 3[0-9.]+\)$/); // lon, lat stay numbers
    const res = await upload(
      'layer=risk_points&crs=wgs84&fileName=hostile.csv',
      new Blob([bytes]),
      tokens['demo-admin'],
    );
    const report = (await res.json()) as { rejected: unknown[]; counts: Record<string, number> };
    expect(report.rejected).toEqual([]);
    expect(report.counts.inserted).toBe(0);
    const back = await api.db.query<{ name: string; responsible_unit: string }>(
      'SELECT name, responsible_unit FROM risk_points WHERE id = $1',
      [id],
    );
    expect(back.rows[0]).toEqual(hostile);
  });

  it('applies an upload, lists it and rolls it back through GraphQL, once', async () => {
    const { rows } = await api.db.query<{ id: string; lon: number; lat: number }>(
      'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras ORDER BY id LIMIT 1',
    );
    const c = rows[0]!;
    const body = `id,name,kind,owner_unit,lon,lat\n${c.id},重命名,dome,某单位,${c.lon},${c.lat}\n`;
    const report = (await (
      await upload('layer=cameras&crs=wgs84&fileName=one.csv', body, tokens['demo-admin'])
    ).json()) as {
      importId: number;
    };
    expect(report.importId).toBeGreaterThan(0);
    const list = await api.gql('{ imports { id layer fileName status counts { updated } } }', {}, tokens['demo-admin']);
    expect(list.data.imports[0]).toEqual({
      id: String(report.importId),
      layer: 'cameras',
      fileName: 'one.csv',
      status: 'applied',
      counts: { updated: 1 },
    });
    const rollback = 'mutation ($id: ID!) { rollbackImport(id: $id) { status rolledBackBy } }';
    const done = await api.gql(rollback, { id: String(report.importId) }, tokens['demo-admin']);
    expect(done.data.rollbackImport).toEqual({ status: 'rolled_back', rolledBackBy: 'demo-admin' });
    const again = await api.gql(rollback, { id: String(report.importId) }, tokens['demo-admin']);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const forbidden = await api.gql('{ imports { id } }', {}, tokens['demo-county']);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('exports GeoJSON inside the viewer’s jurisdiction only, and refuses a unit outside it', async () => {
    const res = await get('/exports/risk_points.geojson', tokens['demo-village']);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = (await res.json()) as { features: { properties: { grid_code: string }; geometry: { type: string } }[] };
    const { rows } = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE '371702005001%'`,
    );
    expect(fc.features).toHaveLength(rows[0]!.n);
    expect(
      fc.features.every((f) => f.properties.grid_code.startsWith('371702005001') && f.geometry.type === 'Point'),
    ).toBe(true);
    expect((await get('/exports/cameras.geojson?unit=371702005002', tokens['demo-village'])).status).toBe(404);
    expect((await get('/exports/cameras.kml', tokens['demo-village'])).status).toBe(404);
  });

  it('exports cases as Open311 GeoReport v2, open or closed as the case is', async () => {
    const res = await get('/exports/cases.open311.json?unit=371702005001', tokens['demo-admin']);
    const requests = (await res.json()) as Record<string, unknown>[];
    const { rows } = await api.db.query<{ code: string; closed: boolean }>(
      `SELECT code, closed_at IS NOT NULL AS closed FROM cases WHERE village_code = '371702005001' ORDER BY code`,
    );
    expect(requests.map((r) => [r.service_request_id, r.status])).toEqual(
      rows.map((r) => [r.code, r.closed ? 'closed' : 'open']),
    );
    const first = requests[0]!;
    for (const key of [
      'service_code',
      'service_name',
      'description',
      'requested_datetime',
      'updated_datetime',
      'lat',
      'long',
      'agency_responsible',
    ]) {
      expect(first[key], key).toBeTruthy();
    }
  });
  it('describes each layer’s columns to an administrator, naming the account’s unit, and to no one else', async () => {
    expect((await get('/imports/columns', tokens['demo-county'])).status).toBe(403);
    const res = await get('/imports/columns', tokens['demo-admin']);
    expect(res.status).toBe(200);
    const { layers } = (await res.json()) as {
      layers: { layer: string; columns: { name: string; required: boolean; default?: { unit?: string } }[] }[];
    };
    expect(layers.map((l) => l.layer)).toEqual(['cameras', 'risk_points', 'cases', 'grids']);
    const cameras = layers[0]!.columns;
    expect(cameras.filter((c) => c.required).map((c) => c.name)).toEqual(['id', 'name', 'lon', 'lat']);
    expect(cameras.find((c) => c.name === 'owner_unit')!.default!.unit).toBe(await adminUnitName());
  });

  async function adminUnitName(): Promise<string> {
    const { rows } = await api.db.query<{ name: string }>(
      `SELECT a.name FROM admin_units a JOIN users u ON u.jurisdiction_code = a.code WHERE u.username = 'demo-admin'`,
    );
    return rows[0]!.name;
  }

  it('imports a four-column register: a new camera gets the unknown kind and the account’s unit, an existing one keeps its own', async () => {
    const { rows } = await api.db.query<{ id: string; x: number; y: number; kind: string; owner_unit: string }>(
      `SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y, kind, owner_unit FROM cameras
       WHERE grid_code LIKE '371702005001%' ORDER BY id LIMIT 1`,
    );
    const old = rows[0]!;
    const fresh = '37170200001328990001';
    const csv = [
      '编码,名称,经度,纬度',
      `${old.id},改名路口,${old.x},${old.y}`,
      `${fresh},新路口,${old.x},${old.y}`,
    ].join('\n');
    const res = await upload('layer=cameras&crs=wgs84&fileName=new.csv', csv, tokens['demo-admin']);
    const report = (await res.json()) as { rejected: unknown[]; counts: Record<string, number> };
    expect(report.rejected).toEqual([]);
    expect(report.counts).toMatchObject({ inserted: 1, updated: 1 });
    const after = await api.db.query<{ id: string; name: string; kind: string; owner_unit: string }>(
      'SELECT id, name, kind, owner_unit FROM cameras WHERE id = ANY($1) ORDER BY id',
      [[old.id, fresh]],
    );
    expect(after.rows).toEqual([
      { id: old.id, name: '改名路口', kind: old.kind, owner_unit: old.owner_unit },
      { id: fresh, name: '新路口', kind: 'unknown', owner_unit: await adminUnitName() },
    ]);
  });

  it('refuses ten megabytes of random bytes within a second, with one reason and no records', async () => {
    const started = performance.now();
    const res = await upload(
      'layer=cameras&crs=wgs84&dryRun=1&fileName=noise.csv',
      new Blob([randomBytes(10 * 1024 * 1024)]),
      tokens['demo-admin'],
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'file',
      reason: 'binary_file',
      params: { format: 'CSV' },
    });
  });
});
