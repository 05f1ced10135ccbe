import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';

const VILLAGE = '371702005001';
const BASE = `query ($v: ID!) { gridPlanningBase(villageCode: $v) {
  villageGeometry grids { grid { code version households counts { openCases cameras } } geometry areaSquareMeters }
  baseVersions { code version } } }`;
const SPLIT = 'query ($p: GeoJSON!, $l: GeoJSON!) { splitGridGeometry(polygon: $p, line: $l) }';
const PROPOSE = `query ($input: GridChangeInput!) { proposeGridChange(input: $input) {
  valid kind issues { code severity message params { grid otherGrid households min max } gridIndex otherGridIndex location value }
  grids { index code isNew households estimated areaSquareMeters compactness }
  impact { casesMoved camerasMoved riskPointsMoved householdsMoved newCodes retiredCodes reshapedCodes index { gridCode before after } indexNote
    moves { kind id fromGridCode toGridCode } }
  baseVersions { code version } } }`;
const COMMIT = `mutation ($input: GridChangeInput!, $expected: [GridVersionInput!]!, $from: DateTime, $reason: String!) {
  commitGridChange(input: $input, expectedVersions: $expected, effectiveFrom: $from, reason: $reason, confirmWarnings: true) {
    id kind author reason effectiveFrom casesMoved before { code version } after { code version geometry } } }`;
const HISTORY = `query ($v: ID!) { gridChanges(villageCode: $v) { id kind author reason revertsChangeId revertedByChangeId
  before { code } after { code } } }`;
const REVERT = 'mutation ($id: ID!, $r: String!) { revertGridChange(id: $id, reason: $r) { id kind revertsChangeId } }';

/** After the tiny data set's grids took effect, before the pinned now (a revert takes effect now). */
const YESTERDAY = new Date(TEST_NOW.getTime() - 3_600_000).toISOString();

eachDriver('grid planning over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const a of ['demo-planner', 'demo-township', 'demo-admin', 'demo-village']) tokens[a] = await api.login(a);
  });
  afterAll(() => api.stop());

  const planner = (q: string, v: Record<string, unknown>) => api.gql(q, v, tokens['demo-planner']);
  const base = async () => {
    const res = await planner(BASE, { v: VILLAGE });
    expect(res.errors).toBeUndefined();
    return res.data.gridPlanningBase;
  };
  /** The largest grid cut in two by a north–south line through its bounding box middle. */
  const splitProposal = async (rank = 0) => {
    const b = await base();
    const biggest = [...b.grids].sort((x: any, y: any) => y.areaSquareMeters - x.areaSquareMeters)[rank];
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
    const split = await planner(SPLIT, { p: biggest.geometry, l: line });
    expect(split.errors).toBeUndefined();
    const [kept, ...rest] = split.data.splitGridGeometry;
    const grids = b.grids.map((g: any) =>
      g.grid.code === biggest.grid.code
        ? { code: g.grid.code, geometry: kept }
        : { code: g.grid.code, geometry: g.geometry },
    );
    for (const piece of rest) grids.push({ code: null, geometry: piece });
    return { input: { villageCode: VILLAGE, grids }, expected: b.baseVersions, splitCode: biggest.grid.code, b };
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await api.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  it('judges a split without writing anything', async () => {
    const before = await count('SELECT count(*)::int AS n FROM grids');
    const { input, expected, splitCode } = await splitProposal();
    const res = await planner(PROPOSE, { input });
    expect(res.errors).toBeUndefined();
    const p = res.data.proposeGridChange;
    expect(p.issues.filter((i: any) => i.severity === 'error')).toEqual([]);
    // Warnings name their grid as people count it: grid 1 is input.grids[0].
    for (const i of p.issues.filter((i: any) => i.code === 'HOUSEHOLDS_OUT_OF_RANGE')) {
      expect(i.params).toMatchObject({ grid: i.gridIndex + 1, min: 200, max: 500 });
      expect(i.message).toContain(`grid ${i.gridIndex + 1} `);
    }
    expect(p.valid).toBe(true);
    expect(p.kind).toBe('split');
    expect(p.impact.newCodes).toHaveLength(1);
    expect(
      p.impact.newCodes[0] >
        expected
          .map((v: any) => v.code)
          .sort()
          .at(-1),
    ).toBe(true);
    // The index before/after lists the grids the split touches (grid-planning-index.spec.ts checks the scores).
    expect(p.impact.index.map((e: any) => e.gridCode).sort()).toEqual([splitCode, p.impact.newCodes[0]].sort());
    expect(p.impact.indexNote).toMatch(/Stability index of the last closed month/);
    expect(p.baseVersions).toEqual(expected);
    expect(await count('SELECT count(*)::int AS n FROM grids')).toBe(before);
  });

  it('commits a split: old version closed, a new serial, open cases moved, closed cases kept, audited, in history', async () => {
    const { input, expected, splitCode } = await splitProposal();
    const proposal = (await planner(PROPOSE, { input })).data.proposeGridChange;
    const newCode = proposal.impact.newCodes[0];
    const closedCases = await api.db.query<{ code: string; grid_code: string }>(
      'SELECT code, grid_code FROM cases WHERE grid_code = $1 AND closed_at IS NOT NULL',
      [splitCode],
    );
    const res = await planner(COMMIT, { input, expected, from: YESTERDAY, reason: '新建小区，拆分网格' });
    expect(res.errors).toBeUndefined();
    const change = res.data.commitGridChange;
    expect(change).toMatchObject({ kind: 'split', author: 'demo-planner', reason: '新建小区，拆分网格' });
    expect(change.before.map((g: any) => g.code)).toEqual([splitCode]);
    expect(change.after.map((g: any) => g.code).sort()).toEqual([splitCode, newCode].sort());
    const old = await api.db.query<{ valid_to: Date }>('SELECT valid_to FROM grids WHERE code = $1 AND version = $2', [
      splitCode,
      expected.find((v: any) => v.code === splitCode).version,
    ]);
    expect(old.rows[0]!.valid_to.toISOString()).toBe(YESTERDAY);
    // Every open case of the village now lies in its grid.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM cases c JOIN grids g ON g.code = c.grid_code AND g.valid_to IS NULL
         WHERE c.village_code = $1 AND c.closed_at IS NULL AND NOT ST_Covers(g.geom, c.geom)`,
        [VILLAGE],
      ),
    ).toBe(0);
    expect(change.casesMoved).toBe(proposal.impact.casesMoved);
    for (const c of closedCases.rows) {
      expect(
        await count('SELECT count(*)::int AS n FROM cases WHERE code = $1 AND grid_code = $2', [c.code, c.grid_code]),
      ).toBe(1);
    }
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE operation = 'commitGridChange' AND success AND target = $1`,
        [VILLAGE],
      ),
    ).toBeGreaterThan(0);
    const history = (await planner(HISTORY, { v: VILLAGE })).data.gridChanges;
    expect(history[0]).toMatchObject({ id: change.id, kind: 'split' });

    // Revert makes a new change restoring the grid and retiring the new code for good.
    const reverted = await planner(REVERT, { id: change.id, r: '撤销' });
    expect(reverted.errors).toBeUndefined();
    expect(reverted.data.revertGridChange).toMatchObject({ kind: 'revert', revertsChangeId: change.id });
    const after = await base();
    expect(after.grids.map((g: any) => g.grid.code)).toEqual(expected.map((v: any) => v.code));
    expect(after.grids.find((g: any) => g.grid.code === splitCode).grid.version).toBeGreaterThan(1);
    const again = await planner(REVERT, { id: change.id, r: 'twice' });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const next = (await planner(PROPOSE, { input: (await splitProposal()).input })).data.proposeGridChange;
    expect(next.impact.newCodes[0] > newCode).toBe(true);
  });

  it('refuses a commit on stale versions with CONFLICT naming the change that landed first, writing nothing', async () => {
    // The largest grid was reverted at the pinned now; edit the next one.
    const first = await splitProposal(1);
    const second = await splitProposal(1);
    const ok = await api.gql(
      COMMIT,
      { input: first.input, expected: first.expected, from: YESTERDAY, reason: 'first' },
      tokens['demo-admin'],
    );
    expect(ok.errors).toBeUndefined();
    const changes = await count('SELECT count(*)::int AS n FROM grid_changes');
    const grids = await count('SELECT count(*)::int AS n FROM grids');
    const res = await planner(COMMIT, {
      input: second.input,
      expected: second.expected,
      from: YESTERDAY,
      reason: 'second',
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      author: 'demo-admin',
      changeId: ok.data.commitGridChange.id,
      reason: 'stale_version',
      params: { author: 'demo-admin', changeId: ok.data.commitGridChange.id },
    });
    expect(res.errors?.[0]?.message).toMatch(/demo-admin/);
    expect(await count('SELECT count(*)::int AS n FROM grid_changes')).toBe(changes);
    expect(await count('SELECT count(*)::int AS n FROM grids')).toBe(grids);
  });

  it('lets only planners and admins edit, and only inside their jurisdiction', async () => {
    const { input } = await splitProposal();
    for (const account of ['demo-township', 'demo-village']) {
      const res = await api.gql(PROPOSE, { input }, tokens[account]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const elsewhere = await planner(PROPOSE, { input: { ...input, villageCode: '371702001001' } });
    expect(elsewhere.errors?.[0]).toMatchObject({
      message: 'village 371702001001 not found',
      extensions: { code: 'NOT_FOUND', reason: 'not_found', params: { thing: 'village', id: '371702001001' } },
    });
    const commit = await api.gql(COMMIT, { input, expected: [], reason: 'x' }, tokens['demo-township']);
    expect(commit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await api.gql(PROPOSE, { input }, tokens['demo-admin']);
    expect(admin.errors).toBeUndefined();
    const anonymous = await api.gql(PROPOSE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
