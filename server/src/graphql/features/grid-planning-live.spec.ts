import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { collect, connect, until } from '../../../test/live.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { COMMIT_GRID_CHANGE, splitBiggestGrid } from '../../../test/grid-split.js';

const VILLAGE = '371702005001';
const SUBSCRIBE = 'subscription ($unit: ID) { gridsChanged(unitCode: $unit) { villageCode changeId kind author at } }';

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

    const asPlanner = async (query: string, variables: Record<string, unknown>) => {
      const res = await api.gql(query, variables, token);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data;
    };
    const { grids, baseVersions } = await splitBiggestGrid(asPlanner, VILLAGE);
    // Nothing is published for a proposal that is only judged or a commit that is refused.
    const refused = await api.gql(
      COMMIT_GRID_CHANGE,
      { input: { villageCode: VILLAGE, grids: grids.slice(1) }, expected: baseVersions, reason: 'x' },
      token,
    );
    expect(refused.errors).toBeDefined();
    const res = await api.gql(
      COMMIT_GRID_CHANGE,
      {
        input: { villageCode: VILLAGE, grids },
        expected: baseVersions,
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
