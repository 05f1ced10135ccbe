import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { collect, connect, until } from '../../../test/live.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';

const VILLAGE = '371702005001';
const SUBSCRIBE = 'subscription ($unit: ID) { gridsChanged(unitCode: $unit) { villageCode changeId kind author at } }';
const BASE = `query ($v: ID!) { gridPlanningBase(villageCode: $v) {
  grids { grid { code } geometry areaSquareMeters } baseVersions { code version } } }`;
const SPLIT = 'query ($p: GeoJSON!, $l: GeoJSON!) { splitGridGeometry(polygon: $p, line: $l) }';
const COMMIT = `mutation ($input: GridChangeInput!, $expected: [GridVersionInput!]!, $from: DateTime, $reason: String!) {
  commitGridChange(input: $input, expectedVersions: $expected, effectiveFrom: $from, reason: $reason, confirmWarnings: true) { id } }`;

eachDriver('live grid changes', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  });
  afterAll(() => api.stop());

  it('tells subscribers of the village, and only them, after a committed split', async () => {
    const token = await api.login('demo-planner');
    const wall = connect(api, await api.login('demo-township'));
    const elsewhere = connect(api, await api.login('demo-township'));
    const inside = collect(wall, SUBSCRIBE, { unit: VILLAGE });
    const other = collect(elsewhere, SUBSCRIBE, { unit: '371702005003' });
    await Promise.all([inside.started, other.started]);

    const base = (await api.gql(BASE, { v: VILLAGE }, token)).data.gridPlanningBase;
    const biggest = [...base.grids].sort((x: any, y: any) => y.areaSquareMeters - x.areaSquareMeters)[0];
    const xs = biggest.geometry.coordinates[0].map((p: number[]) => p[0]);
    const ys = biggest.geometry.coordinates[0].map((p: number[]) => p[1]);
    const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
    const line = {
      type: 'LineString',
      coordinates: [
        [midX, Math.min(...ys) - 0.01],
        [midX, Math.max(...ys) + 0.01],
      ],
    };
    const [kept, ...rest] = (await api.gql(SPLIT, { p: biggest.geometry, l: line }, token)).data.splitGridGeometry;
    const grids = base.grids.map((g: any) => ({
      code: g.grid.code,
      geometry: g.grid.code === biggest.grid.code ? kept : g.geometry,
    }));
    for (const piece of rest) grids.push({ code: null, geometry: piece });
    // Nothing is published for a proposal that is only judged or a commit that is refused.
    const refused = await api.gql(
      COMMIT,
      { input: { villageCode: VILLAGE, grids: grids.slice(1) }, expected: base.baseVersions, reason: 'x' },
      token,
    );
    expect(refused.errors).toBeDefined();
    const res = await api.gql(
      COMMIT,
      {
        input: { villageCode: VILLAGE, grids },
        expected: base.baseVersions,
        from: new Date(TEST_NOW.getTime() - 3_600_000).toISOString(),
        reason: '拆分网格',
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    await until(() => inside.received.length > 0);
    expect(inside.received).toHaveLength(1);
    expect(inside.received[0].data.gridsChanged).toMatchObject({
      villageCode: VILLAGE,
      changeId: res.data.commitGridChange.id,
      kind: 'split',
      author: 'demo-planner',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(other.received).toEqual([]);
    inside.stop();
    other.stop();
    await wall.dispose();
    await elsewhere.dispose();
  });
});
