/**
 * Departments and dispatch through the API: the register read inside the jurisdiction, the
 * gates of 分类流转, the center's and the departments' moves with their events, audit records,
 * version conflicts and coded refusals, and department accounts that see only their cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../auth/demo-accounts.js';
import { hashPassword } from '../../auth/passwords.js';
import { insertMissingUsers } from '../../db/queries/users.js';
import { startTestApi, type TestApi } from '../../../test/api.js';
import { eachDriver } from '../../../test/databases.js';

const POLICE = '37170200500001';
const JUSTICE = '37170200500002';
/** 牡丹区住房和城乡建设局, the county center's seventh department. */
const COUNTY_HOUSING = '37170200000007';

const CASE = `code status version allowedActions dispatchMoves
  assignments { departmentCode departmentName role state rulesVersion answerBy deadlineAt reason note overdue version }
  events { kind departmentCode fromStatus toStatus actor note }`;
const DISPATCH = `mutation ($c: ID!, $lead: ID!, $assists: [ID!], $v: Int!) {
  dispatchCase(code: $c, lead: $lead, assists: $assists, note: "请派出所牵头", expectedVersion: $v) { ${CASE} } }`;
const ADVANCE = `mutation ($c: ID!, $v: Int!) { advanceCase(code: $c, action: advance, expectedVersion: $v) { ${CASE} } }`;
const ACCEPT = `mutation ($c: ID!, $v: Int!) { acceptAssignment(code: $c, expectedVersion: $v) { ${CASE} } }`;
const RETURN = `mutation ($c: ID!, $v: Int!) {
  returnAssignment(code: $c, reason: not_ours, note: "不属本所职责", expectedVersion: $v) { ${CASE} } }`;
const REROUTE = `mutation ($c: ID!, $lead: ID!, $v: Int!) { rerouteCase(code: $c, lead: $lead, expectedVersion: $v) { ${CASE} } }`;
const SUMMON = `mutation ($c: ID!, $v: Int!) {
  summonDepartments(code: $c, kinds: [housing], note: "请区住建局报到", expectedVersion: $v) { ${CASE} } }`;
const REPORT = `mutation ($c: ID!, $v: Int!) { reportToSummons(code: $c, note: "已到场核查", expectedVersion: $v) { ${CASE} } }`;
const JOINT = `mutation ($c: ID!, $v: Int!) { requestJointHandling(code: $c, expectedVersion: $v) { ${CASE} } }`;
const ASSIST = `mutation ($c: ID!, $d: ID!, $v: Int!) { addAssistDepartment(code: $c, department: $d, expectedVersion: $v) { ${CASE} } }`;
const READ = `query ($c: ID!) { case(code: $c) { ${CASE} } }`;

eachDriver('departments and dispatch over GraphQL', (driver) => {
  let api: TestApi;
  let center: string;
  let police: string;
  let housing: string;
  /** Cases of 牡丹街道 in 风险研判 with no assignment, for the tests to use one each. */
  let assessing: { code: string; version: number }[];

  const errorOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions ?? {};
  /** The dispatch events of a case (its seeded history may hold events later than the test's clock). */
  const dispatchEvents = (c: any) => c.events.filter((e: any) => e.kind !== 'status');
  const part = (c: any, department: string) => c.assignments.find((a: any) => a.departmentCode === department);

  beforeAll(async () => {
    api = await startTestApi(driver);
    await insertMissingUsers(api.db, [
      {
        username: 'county-housing',
        displayName: '区住建局驻中心人员',
        role: 'department',
        jurisdictionCode: '371702000000',
        departmentCode: COUNTY_HOUSING,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    ]);
    center = await api.login('demo-township');
    police = await api.login('demo-department');
    housing = await api.login('county-housing');
    assessing = (
      await api.db.query<{ code: string; version: number }>(
        `SELECT code, version FROM cases WHERE status = 'assessing' AND village_code LIKE '371702005%' ORDER BY code LIMIT 4`,
      )
    ).rows;
    expect(assessing.length).toBe(4);
  });
  afterAll(() => api.stop());

  describe('the register', () => {
    it('lists the departments of the centers inside the jurisdiction, and none outside', async () => {
      const res = await api.gql(
        '{ departments { code centerUnitCode name kind stationing contact version } }',
        {},
        center,
      );
      expect(res.errors).toBeUndefined();
      const expected = await api.db.query<{ code: string }>(
        `SELECT code FROM departments WHERE center_unit_code LIKE '371702005%' ORDER BY center_unit_code, code`,
      );
      expect(res.data.departments.map((d: { code: string }) => d.code)).toEqual(expected.rows.map((r) => r.code));
      expect(res.data.departments[0]).toMatchObject({
        code: POLICE,
        name: '牡丹派出所',
        kind: 'police',
        stationing: 'resident',
      });
      const outside = await api.gql('{ departments(unitCode: "371702000000") { code } }', {}, center);
      expect(errorOf(outside).code).toBe('NOT_FOUND');
    });

    it('lets the data administrator edit a department, at the version read', async () => {
      const admin = await api.login('demo-admin');
      const EDIT = `mutation ($v: Int!, $c: DepartmentChanges!) {
        updateDepartment(code: "${JUSTICE}", changes: $c, expectedVersion: $v) { code name stationing contact version } }`;
      const res = await api.gql(EDIT, { v: 1, c: { stationing: 'rotating', contact: ' 0530-5550000 ' } }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.updateDepartment).toMatchObject({
        name: '牡丹司法所',
        stationing: 'rotating',
        contact: '0530-5550000',
        version: 2,
      });
      expect(errorOf(await api.gql(EDIT, { v: 1, c: { name: '司法所' } }, admin))).toMatchObject({
        code: 'CONFLICT',
        reason: 'department_changed',
      });
      expect(errorOf(await api.gql(EDIT, { v: 2, c: { name: '  ' } }, admin))).toMatchObject({ reason: 'blank' });
      expect(errorOf(await api.gql(EDIT, { v: 2, c: { name: '司法所' } }, center)).code).toBe('FORBIDDEN');
    });

    it('gives the county every department of its centers, township ones included', async () => {
      const res = await api.gql(
        '{ departments(unitCode: "371702000000") { code centerUnitCode } }',
        {},
        await api.login('demo-county'),
      );
      const centers = new Set(res.data.departments.map((d: { centerUnitCode: string }) => d.centerUnitCode));
      expect(centers.has('371702000000') && centers.has('371702005000')).toBe(true);
    });
  });

  describe('the closed loop through 分类流转', () => {
    it('holds a case in 风险研判 until a lead is named, then in 分类流转 until the lead accepts', async () => {
      const { code, version } = assessing[0]!;
      const held = await api.gql(ADVANCE, { c: code, v: version }, center);
      expect(errorOf(held)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'needs_lead' });

      const dispatched = await api.gql(DISPATCH, { c: code, lead: POLICE, assists: [JUSTICE], v: version }, center);
      expect(dispatched.errors).toBeUndefined();
      let c = dispatched.data.dispatchCase;
      expect(c.version).toBe(version + 1);
      expect(c.dispatchMoves).toEqual(['add_assist', 'summon']);
      expect(c.assignments.map((a: any) => [a.departmentCode, a.role, a.state, a.rulesVersion])).toEqual([
        [POLICE, 'lead', 'offered', 'dispatch-v1'],
        [JUSTICE, 'assist', 'offered', 'dispatch-v1'],
      ]);
      expect(dispatchEvents(c)).toEqual(
        [POLICE, JUSTICE].map((d) => ({
          kind: 'dispatch',
          departmentCode: d,
          fromStatus: 'assessing',
          toStatus: 'assessing',
          actor: 'demo-township',
          note: '请派出所牵头',
        })),
      );

      const stale = await api.gql(DISPATCH, { c: code, lead: POLICE, v: version }, center);
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', reason: 'case_changed' });

      c = (await api.gql(ADVANCE, { c: code, v: c.version }, center)).data.advanceCase;
      expect(c.status).toBe('dispatched');
      const waiting = await api.gql(ADVANCE, { c: code, v: c.version }, center);
      expect(errorOf(waiting)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'needs_lead_accept' });

      // The department reads its own case, its part and what it may do.
      const seen = (await api.gql(READ, { c: code }, police)).data.case;
      expect(seen.dispatchMoves).toEqual(['accept', 'return', 'request_joint']);
      const accepted = await api.gql(ACCEPT, { c: code, v: part(seen, POLICE).version }, police);
      expect(accepted.errors).toBeUndefined();
      c = accepted.data.acceptAssignment;
      expect(part(c, POLICE)).toMatchObject({ state: 'accepted', version: 2 });
      expect(c.dispatchMoves).toEqual(['request_joint']);
      expect(dispatchEvents(c).at(-1)).toMatchObject({
        kind: 'accept',
        departmentCode: POLICE,
        actor: 'demo-department',
      });

      const again = await api.gql(ACCEPT, { c: code, v: 2 }, police);
      expect(errorOf(again)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'wrong_assignment_state',
        params: expect.objectContaining({ move: 'accept', allowed: 'request_joint' }),
      });

      c = (await api.gql(ADVANCE, { c: code, v: c.version }, center)).data.advanceCase;
      expect(c.status).toBe('supervising');
    });

    it('refuses a department answer at a stale version of its part', async () => {
      const { code, version } = assessing[1]!;
      await api.gql(DISPATCH, { c: code, lead: POLICE, v: version }, center);
      const res = await api.gql(ACCEPT, { c: code, v: 7 }, police);
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', reason: 'assignment_changed' });
    });

    it('re-routes a case its lead returned as not ours, and counts the return in the history', async () => {
      const { code } = assessing[1]!;
      const seen = (await api.gql(READ, { c: code }, police)).data.case;
      const returned = await api.gql(RETURN, { c: code, v: part(seen, POLICE).version }, police);
      expect(returned.errors).toBeUndefined();
      expect(part(returned.data.returnAssignment, POLICE)).toMatchObject({
        state: 'returned',
        reason: 'not_ours',
        note: '不属本所职责',
      });
      const before = (await api.gql(READ, { c: code }, center)).data.case;
      expect(before.dispatchMoves).toEqual(['reroute', 'summon']);
      expect(before.allowedActions).not.toContain('advance');
      const rerouted = await api.gql(REROUTE, { c: code, lead: JUSTICE, v: before.version }, center);
      expect(rerouted.errors).toBeUndefined();
      const c = rerouted.data.rerouteCase;
      expect(c.assignments.map((a: any) => [a.departmentCode, a.role, a.state])).toEqual([
        [POLICE, 'lead', 'returned'],
        [JUSTICE, 'lead', 'offered'],
      ]);
      expect(dispatchEvents(c).map((e: any) => [e.kind, e.departmentCode])).toEqual([
        ['dispatch', POLICE],
        ['return', POLICE],
        ['reroute', JUSTICE],
      ]);
      expect(c.allowedActions).toContain('advance');
    });

    it('answers a request for joint handling by adding an assist', async () => {
      const { code, version } = assessing[2]!;
      await api.gql(DISPATCH, { c: code, lead: POLICE, v: version }, center);
      const seen = (await api.gql(READ, { c: code }, police)).data.case;
      const joint = await api.gql(JOINT, { c: code, v: part(seen, POLICE).version }, police);
      expect(part(joint.data.requestJointHandling, POLICE).state).toBe('joint_requested');
      const now = (await api.gql(READ, { c: code }, center)).data.case;
      const added = await api.gql(ASSIST, { c: code, d: JUSTICE, v: now.version }, center);
      expect(added.errors).toBeUndefined();
      expect(added.data.addAssistDepartment.assignments.map((a: any) => [a.departmentCode, a.role, a.state])).toEqual([
        [POLICE, 'lead', 'accepted'],
        [JUSTICE, 'assist', 'offered'],
      ]);
    });
  });

  describe('吹哨报到', () => {
    it('summons the county department of a kind, which reports within hours', async () => {
      const { code, version } = assessing[3]!;
      const summoned = await api.gql(SUMMON, { c: code, v: version }, center);
      expect(summoned.errors).toBeUndefined();
      const mine = part(summoned.data.summonDepartments, COUNTY_HOUSING);
      expect(mine).toMatchObject({ role: 'summoned', state: 'offered', departmentName: '牡丹区住房和城乡建设局' });
      expect(mine.answerBy).toBe(mine.deadlineAt);
      const seen = (await api.gql(READ, { c: code }, housing)).data.case;
      expect(seen.dispatchMoves).toEqual(['report']);
      const reported = await api.gql(REPORT, { c: code, v: mine.version }, housing);
      expect(reported.errors).toBeUndefined();
      expect(part(reported.data.reportToSummons, COUNTY_HOUSING)).toMatchObject({
        state: 'reported',
        note: '已到场核查',
      });
    });

    it('refuses a summons from a village account, and a report without a word', async () => {
      const { code } = assessing[3]!;
      const village = await api.login('demo-village');
      const { rows } = await api.db.query<{ code: string; version: number }>(
        `SELECT code, version FROM cases WHERE status = 'assessing' AND village_code = '371702005001' LIMIT 1`,
      );
      if (rows[0]) {
        const res = await api.gql(SUMMON, { c: rows[0].code, v: rows[0].version }, village);
        expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'summon_from_township' });
      }
      const blank = await api.gql(
        'mutation ($c: ID!) { reportToSummons(code: $c, note: "  ", expectedVersion: 1) { code } }',
        { c: code },
        housing,
      );
      expect(errorOf(blank)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'blank' });
    });
  });

  describe('department accounts', () => {
    it('see only the cases dispatched to their department, and nothing of the map', async () => {
      const listed = await api.gql('{ cases(first: 100) { totalCount edges { node { code } } } }', {}, police);
      const expected = await api.db.query<{ code: string }>(
        `SELECT DISTINCT case_code AS code FROM case_assignments WHERE department_code = $1 ORDER BY 1`,
        [POLICE],
      );
      expect(listed.data.cases.totalCount).toBe(expected.rows.length);
      expect(listed.data.cases.edges.map((e: any) => e.node.code).sort()).toEqual(expected.rows.map((r) => r.code));
      const other = await api.db.query<{ code: string }>(
        `SELECT code FROM cases WHERE village_code LIKE '371702005%'
         AND code NOT IN (SELECT case_code FROM case_assignments WHERE department_code = $1) LIMIT 1`,
        [POLICE],
      );
      expect((await api.gql(READ, { c: other.rows[0]!.code }, police)).data).toEqual({ case: null });
      const map = await api.gql('{ cameras(first: 1) { totalCount } }', {}, police);
      expect(errorOf(map).code).toBe('FORBIDDEN');
    });

    it('cannot answer for a case not dispatched to them: told as not found', async () => {
      const res = await api.gql(ACCEPT, { c: assessing[3]!.code, v: 1 }, police);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    });

    it("cannot make the center's moves, nor a center a department's", async () => {
      const { code } = assessing[0]!;
      expect(errorOf(await api.gql(DISPATCH, { c: code, lead: POLICE, v: 1 }, police)).code).toBe('FORBIDDEN');
      expect(errorOf(await api.gql(ACCEPT, { c: code, v: 1 }, center)).code).toBe('FORBIDDEN');
    });
  });

  it('audits every move with its operation and target', async () => {
    const { rows } = await api.db.query<{ operation: string; target: string; outcome: string }>(
      `SELECT operation, target, outcome FROM audit_log
       WHERE operation IN ('dispatchCase', 'acceptAssignment', 'rerouteCase', 'summonDepartments', 'reportToSummons')
         AND outcome = 'ok' ORDER BY id`,
    );
    expect(rows.map((r) => r.operation)).toEqual(
      expect.arrayContaining([
        'dispatchCase',
        'acceptAssignment',
        'rerouteCase',
        'summonDepartments',
        'reportToSummons',
      ]),
    );
    expect(rows.find((r) => r.operation === 'summonDepartments')?.target).toBe(assessing[3]!.code);
  });
});
