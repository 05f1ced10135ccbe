import { describe, expect, it } from 'vitest';
import type { AssignmentView, DepartmentRef, DispatchCase } from './moves.js';
import {
  allowedCenterMoves,
  allowedDepartmentMoves,
  applyCenterMove,
  applyDepartmentMove,
  leadStatus,
  MAX_DEPARTMENTS_PER_MOVE,
} from './moves.js';

const VILLAGE = '371702005001';
const TOWNSHIP = '371702005000';
const COUNTY = '371702000000';
const dept = (center: string, serial: number): DepartmentRef => ({
  code: `${center}${String(serial).padStart(2, '0')}`,
  centerUnitCode: center,
});
const POLICE = dept(TOWNSHIP, 1);
const JUSTICE = dept(TOWNSHIP, 2);
const COURT = dept(TOWNSHIP, 3);
const COUNTY_HOUSING = dept(COUNTY, 7);
const OTHER_TOWNSHIP = dept('371702001000', 1);

function buildCase(overrides: Partial<DispatchCase> = {}): DispatchCase {
  return { status: 'assessing', villageCode: VILLAGE, assignments: [], ...overrides };
}
const lead = (d: DepartmentRef, state: AssignmentView['state']): AssignmentView => ({
  departmentCode: d.code,
  role: 'lead',
  state,
});

describe('the center dispatches a case', () => {
  it('names a lead and assists while assessing, all offered', () => {
    const r = applyCenterMove(buildCase(), { move: 'dispatch', lead: POLICE, assists: [JUSTICE] });
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'dispatch',
        offers: [
          { departmentCode: POLICE.code, role: 'lead' },
          { departmentCode: JUSTICE.code, role: 'assist' },
        ],
        answers: [],
      },
    });
  });

  it('may dispatch a case already in 分类流转 that never had a lead', () => {
    expect(
      applyCenterMove(buildCase({ status: 'dispatched' }), { move: 'dispatch', lead: POLICE, assists: [] }).ok,
    ).toBe(true);
  });

  it('may name a county department for a case of its county', () => {
    expect(applyCenterMove(buildCase(), { move: 'dispatch', lead: COUNTY_HOUSING, assists: [] }).ok).toBe(true);
  });

  it('refuses a second dispatch and lists the moves allowed instead', () => {
    const c = buildCase({ assignments: [lead(POLICE, 'offered')] });
    const r = applyCenterMove(c, { move: 'dispatch', lead: JUSTICE, assists: [] });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_DISPATCH_MOVE', reason: 'already_dispatched', allowed: ['add_assist', 'summon'] },
    });
    if (!r.ok)
      expect(r.error.message).toBe(
        'cannot dispatch: the case already has a lead department; allowed: add assist, summon',
      );
  });

  it('refuses a dispatch before the assessment', () => {
    const r = applyCenterMove(buildCase({ status: 'mediating' }), { move: 'dispatch', lead: POLICE, assists: [] });
    expect(r).toMatchObject({ ok: false, error: { reason: 'wrong_stage', allowed: [] } });
  });

  it('refuses every move on a closed case', () => {
    for (const status of ['resolved', 'reviewed'] as const) {
      const r = applyCenterMove(buildCase({ status }), { move: 'summon', departments: [COUNTY_HOUSING] });
      expect(r).toMatchObject({ ok: false, error: { reason: 'case_closed', allowed: [] } });
    }
  });

  it("refuses a department whose center does not serve the case's place", () => {
    const r = applyCenterMove(buildCase(), { move: 'dispatch', lead: OTHER_TOWNSHIP, assists: [] });
    expect(r).toMatchObject({ ok: false, error: { reason: 'department_outside_case' } });
  });

  it('refuses the lead named again as an assist', () => {
    const r = applyCenterMove(buildCase(), { move: 'dispatch', lead: POLICE, assists: [POLICE] });
    expect(r).toMatchObject({ ok: false, error: { reason: 'duplicate_department' } });
  });

  it(`refuses more than ${MAX_DEPARTMENTS_PER_MOVE} departments at once`, () => {
    const assists = Array.from({ length: MAX_DEPARTMENTS_PER_MOVE }, (_, i) => dept(TOWNSHIP, i + 10));
    const r = applyCenterMove(buildCase(), { move: 'dispatch', lead: POLICE, assists });
    expect(r).toMatchObject({ ok: false, error: { reason: 'too_many_departments' } });
  });
});

describe('the center adds an assisting department', () => {
  it('adds one to a case with a lead', () => {
    const c = buildCase({ status: 'dispatched', assignments: [lead(POLICE, 'accepted')] });
    expect(applyCenterMove(c, { move: 'add_assist', department: JUSTICE })).toEqual({
      ok: true,
      value: { kind: 'add_assist', offers: [{ departmentCode: JUSTICE.code, role: 'assist' }], answers: [] },
    });
  });

  it('answers a request for joint handling: the lead is back to accepted', () => {
    const c = buildCase({ status: 'dispatched', assignments: [lead(POLICE, 'joint_requested')] });
    const r = applyCenterMove(c, { move: 'add_assist', department: COURT });
    expect(r.ok && r.value.answers).toEqual([{ departmentCode: POLICE.code, from: 'joint_requested', to: 'accepted' }]);
  });

  it('refuses without a lead', () => {
    const r = applyCenterMove(buildCase(), { move: 'add_assist', department: JUSTICE });
    expect(r).toMatchObject({ ok: false, error: { reason: 'no_lead', allowed: ['dispatch', 'summon'] } });
  });

  it('refuses a department that already holds the case', () => {
    const c = buildCase({ assignments: [lead(POLICE, 'offered')] });
    expect(applyCenterMove(c, { move: 'add_assist', department: POLICE })).toMatchObject({
      ok: false,
      error: { reason: 'already_assigned' },
    });
  });
});

describe('the center re-routes a returned case', () => {
  const returned = buildCase({ status: 'dispatched', assignments: [lead(POLICE, 'returned')] });

  it('offers the lead to another department', () => {
    expect(applyCenterMove(returned, { move: 'reroute', lead: JUSTICE })).toEqual({
      ok: true,
      value: { kind: 'reroute', offers: [{ departmentCode: JUSTICE.code, role: 'lead' }], answers: [] },
    });
  });

  it('allows re-routing and summoning only, not a new dispatch or assists', () => {
    expect(allowedCenterMoves(returned)).toEqual(['reroute', 'summon']);
    expect(applyCenterMove(returned, { move: 'dispatch', lead: JUSTICE, assists: [] })).toMatchObject({
      ok: false,
      error: { reason: 'already_dispatched', allowed: ['reroute', 'summon'] },
    });
  });

  it('refuses to re-route while the lead still holds the case', () => {
    const c = buildCase({ assignments: [lead(POLICE, 'accepted')] });
    expect(applyCenterMove(c, { move: 'reroute', lead: JUSTICE })).toMatchObject({
      ok: false,
      error: { reason: 'lead_not_returned', allowed: ['add_assist', 'summon'] },
    });
  });
});

describe('a township summons county departments (吹哨报到)', () => {
  it('summons departments of the county center above the township', () => {
    const r = applyCenterMove(buildCase({ status: 'supervising' }), { move: 'summon', departments: [COUNTY_HOUSING] });
    expect(r).toEqual({
      ok: true,
      value: { kind: 'summon', offers: [{ departmentCode: COUNTY_HOUSING.code, role: 'summoned' }], answers: [] },
    });
  });

  it('refuses a summons of township departments', () => {
    expect(applyCenterMove(buildCase(), { move: 'summon', departments: [POLICE] })).toMatchObject({
      ok: false,
      error: { reason: 'not_county_department' },
    });
  });

  it('refuses a summons naming nobody', () => {
    expect(applyCenterMove(buildCase(), { move: 'summon', departments: [] })).toMatchObject({
      ok: false,
      error: { reason: 'no_departments' },
    });
  });

  it('refuses a summons before the assessment', () => {
    expect(
      applyCenterMove(buildCase({ status: 'registered' }), { move: 'summon', departments: [COUNTY_HOUSING] }),
    ).toMatchObject({ ok: false, error: { reason: 'wrong_stage' } });
  });
});

describe('a department answers', () => {
  const offered = buildCase({
    status: 'dispatched',
    assignments: [lead(POLICE, 'offered'), { departmentCode: JUSTICE.code, role: 'assist', state: 'offered' }],
  });

  it('accepts its offer', () => {
    expect(applyDepartmentMove(offered, POLICE.code, { move: 'accept' })).toEqual({
      ok: true,
      value: {
        kind: 'accept',
        offers: [],
        answers: [{ departmentCode: POLICE.code, from: 'offered', to: 'accepted' }],
      },
    });
  });

  it('returns an offer with its reason', () => {
    const r = applyDepartmentMove(offered, JUSTICE.code, { move: 'return', reason: 'not_ours' });
    expect(r.ok && r.value.answers).toEqual([
      { departmentCode: JUSTICE.code, from: 'offered', to: 'returned', reason: 'not_ours' },
    ]);
  });

  it('as the lead, asks for joint handling, before or after accepting', () => {
    for (const state of ['offered', 'accepted'] as const) {
      const c = buildCase({ status: 'dispatched', assignments: [lead(POLICE, state)] });
      const r = applyDepartmentMove(c, POLICE.code, { move: 'request_joint' });
      expect(r.ok && r.value.answers[0]!.to).toBe('joint_requested');
    }
  });

  it('as an assist, may not ask for joint handling', () => {
    expect(applyDepartmentMove(offered, JUSTICE.code, { move: 'request_joint' })).toMatchObject({
      ok: false,
      error: { reason: 'wrong_assignment_state', allowed: ['accept', 'return'] },
    });
  });

  it('may not accept twice, and is told what it can still do', () => {
    const c = buildCase({ status: 'dispatched', assignments: [lead(POLICE, 'accepted')] });
    expect(applyDepartmentMove(c, POLICE.code, { move: 'accept' })).toMatchObject({
      ok: false,
      error: { reason: 'wrong_assignment_state', allowed: ['request_joint'] },
    });
  });

  it('reports to a summons, and only to one', () => {
    const c = buildCase({ assignments: [{ departmentCode: COUNTY_HOUSING.code, role: 'summoned', state: 'offered' }] });
    expect(allowedDepartmentMoves(c, COUNTY_HOUSING.code)).toEqual(['report']);
    expect(applyDepartmentMove(c, COUNTY_HOUSING.code, { move: 'report' })).toMatchObject({
      ok: true,
      value: { kind: 'report', answers: [{ from: 'offered', to: 'reported' }] },
    });
    expect(applyDepartmentMove(c, COUNTY_HOUSING.code, { move: 'accept' })).toMatchObject({
      ok: false,
      error: { reason: 'wrong_assignment_state', allowed: ['report'] },
    });
    expect(applyDepartmentMove(offered, POLICE.code, { move: 'report' })).toMatchObject({
      ok: false,
      error: { reason: 'wrong_assignment_state' },
    });
  });

  it('refuses a department that holds no open part of the case', () => {
    const r = applyDepartmentMove(offered, COURT.code, { move: 'accept' });
    expect(r).toMatchObject({ ok: false, error: { reason: 'not_assigned', allowed: [] } });
    const returned = buildCase({ assignments: [lead(POLICE, 'returned')] });
    expect(applyDepartmentMove(returned, POLICE.code, { move: 'accept' })).toMatchObject({
      ok: false,
      error: { reason: 'not_assigned' },
    });
  });

  it('refuses every answer on a closed case', () => {
    const c = { ...offered, status: 'resolved' as const };
    expect(applyDepartmentMove(c, POLICE.code, { move: 'accept' })).toMatchObject({
      ok: false,
      error: { reason: 'case_closed', allowed: [] },
    });
  });
});

describe('the lead status the lifecycle gates read', () => {
  it('follows the newest lead', () => {
    expect(leadStatus(buildCase())).toBe('none');
    expect(leadStatus(buildCase({ assignments: [lead(POLICE, 'offered')] }))).toBe('offered');
    expect(leadStatus(buildCase({ assignments: [lead(POLICE, 'joint_requested')] }))).toBe('taken');
    expect(leadStatus(buildCase({ assignments: [lead(POLICE, 'returned')] }))).toBe('returned');
    expect(leadStatus(buildCase({ assignments: [lead(POLICE, 'returned'), lead(JUSTICE, 'accepted')] }))).toBe('taken');
  });
});
