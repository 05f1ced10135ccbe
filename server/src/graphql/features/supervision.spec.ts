import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../auth/demo-accounts.js';
import { hashPassword } from '../../auth/passwords.js';
import { insertMissingUsers } from '../../db/queries/users.js';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, type TestApi } from '../../../test/api.js';

const ORDER = 'code targetKind targetCode targetCity issuerLevel issuedBy demand deadline state overdue version';
const ISSUE = `mutation ($t: ID!, $d: String!, $by: DateTime!) {
  issueSupervisionOrder(target: $t, demand: $d, deadline: $by) { ${ORDER} } }`;
const ACK = `mutation ($c: ID!, $v: Int!) { acknowledgeSupervisionOrder(code: $c, expectedVersion: $v, note: "已签收") {
  ${ORDER} responses { seq kind respondedBy note } } }`;
const CLOSE = `mutation ($c: ID!, $v: Int!, $n: String!) { closeSupervisionOrder(code: $c, expectedVersion: $v, note: $n) {
  ${ORDER} responses { seq kind respondedBy note } } }`;
const LIST = `query ($u: ID, $s: SupervisionState) { supervisionOrders(unitCode: $u, state: $s) { code state demand } }`;
const WEEK = '2026-07-07T10:00:00+08:00';

eachDriver('supervision orders over GraphQL', (driver) => {
  let api: TestApi;
  let city: string;
  let countyLeader: string;
  let wall: string;
  let caseCode: string;

  beforeAll(async () => {
    api = await startTestApi(driver);
    await insertMissingUsers(api.db, [
      {
        username: 'county-leader',
        displayName: '区领导',
        role: 'leader',
        jurisdictionCode: '371702000000',
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    ]);
    city = await api.login('demo-city');
    countyLeader = await api.login('county-leader');
    wall = await api.login('demo-wall');
    caseCode = (await api.db.query<{ code: string }>('SELECT code FROM cases ORDER BY code LIMIT 1')).rows[0]!.code;
  });
  afterAll(() => api.stop());

  const auditOf = async (operation: string) =>
    (
      await api.db.query<{ target: string; success: boolean }>(
        'SELECT target, success FROM audit_log WHERE operation = $1 ORDER BY id',
        [operation],
      )
    ).rows;

  it('issues an order on a unit, coded by the unit, C for a city server and a serial, and audits it', async () => {
    const res = await api.gql(ISSUE, { t: '371702005000', d: '限期化解积案', by: WEEK }, city);
    expect(res.errors).toBeUndefined();
    expect(res.data.issueSupervisionOrder).toMatchObject({
      code: '371702005000C000001',
      targetKind: 'unit',
      targetCity: '3717',
      issuerLevel: 'city',
      issuedBy: 'demo-city',
      demand: '限期化解积案',
      state: 'open',
      overdue: false,
      version: 0,
    });
    const again = await api.gql(ISSUE, { t: '371702005000', d: '再次督办', by: WEEK }, city);
    expect(again.data.issueSupervisionOrder.code).toBe('371702005000C000002');
    expect(await auditOf('issueSupervisionOrder')).toEqual([
      { target: '371702005000', success: true },
      { target: '371702005000', success: true },
    ]);
  });

  it("files an order on a case under the case's village", async () => {
    const res = await api.gql(ISSUE, { t: caseCode, d: '督促办理', by: WEEK }, city);
    expect(res.errors).toBeUndefined();
    expect(res.data.issueSupervisionOrder).toMatchObject({ targetKind: 'case', targetCode: caseCode });
    expect(res.data.issueSupervisionOrder.code.slice(0, 13)).toBe(`${caseCode.slice(0, 12)}C`);
  });

  it('acknowledges, then closes, at the version read; a stale version is a CONFLICT', async () => {
    const code = '371702005000C000001';
    const ack = await api.gql(ACK, { c: code, v: 0 }, city);
    expect(ack.errors).toBeUndefined();
    expect(ack.data.acknowledgeSupervisionOrder).toMatchObject({ state: 'acknowledged', version: 1 });
    const stale = await api.gql(CLOSE, { c: code, v: 0, n: '已化解' }, city);
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'supervision_changed',
      params: { order: code, version: 1, yourVersion: 0 },
    });
    const closed = await api.gql(CLOSE, { c: code, v: 1, n: '已化解' }, city);
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeSupervisionOrder).toMatchObject({ state: 'closed', version: 2 });
    expect(closed.data.closeSupervisionOrder.responses).toEqual([
      { seq: 1, kind: 'acknowledged', respondedBy: 'demo-city', note: '已签收' },
      { seq: 2, kind: 'closed', respondedBy: 'demo-city', note: '已化解' },
    ]);
    expect(await auditOf('closeSupervisionOrder')).toEqual([
      { target: code, success: false },
      { target: code, success: true },
    ]);
  });

  it('closes only an acknowledged order', async () => {
    const res = await api.gql(CLOSE, { c: '371702005000C000002', v: 0, n: '已办' }, city);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'supervision_step_not_allowed',
    });
  });

  it('lists the orders inside a unit by state, nearest deadline first', async () => {
    const open = await api.gql(LIST, { u: '371702005000', s: 'open' }, city);
    expect(open.errors).toBeUndefined();
    expect(open.data.supervisionOrders.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(['371702005000C000002']),
    );
    expect(open.data.supervisionOrders.every((o: { state: string }) => o.state === 'open')).toBe(true);
    const closed = await api.gql(LIST, { u: '371702005000', s: 'closed' }, city);
    expect(closed.data.supervisionOrders.map((o: { code: string }) => o.code)).toEqual(['371702005000C000001']);
  });

  it('shows the wall the orders without the account names of who issued them', async () => {
    const res = await api.gql(`{ supervisionOrders(state: open) { code issuedBy demand deadline } }`, {}, wall);
    expect(res.errors).toBeUndefined();
    expect(res.data.supervisionOrders.length).toBeGreaterThan(0);
    for (const o of res.data.supervisionOrders) expect(o.issuedBy).not.toBe('demo-city');
  });

  it('refuses a leader below the city level, by reason', async () => {
    const res = await api.gql(ISSUE, { t: '371702005000', d: '督办', by: WEEK }, countyLeader);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'supervise_from_city' });
  });

  it('refuses a target that does not exist, a deadline behind now and a blank demand, naming the field', async () => {
    const missing = await api.gql(ISSUE, { t: '371799000000', d: '督办', by: WEEK }, city);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', params: { thing: 'unit' } });
    const past = await api.gql(ISSUE, { t: '371702005000', d: '督办', by: '2026-06-01T00:00:00+08:00' }, city);
    expect(past.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'deadline_not_after_now',
      params: { field: 'deadline' },
    });
    const blank = await api.gql(ISSUE, { t: '371702005000', d: '  ', by: WEEK }, city);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ reason: 'blank', params: { field: 'demand' } });
    const grid = await api.gql(ISSUE, { t: '371702005001001', d: '督办', by: WEEK }, city);
    expect(grid.errors?.[0]?.extensions).toMatchObject({ reason: 'bad_code', params: { field: 'target' } });
  });
});
