/**
 * The dispatch moves of a case inside the caller's transaction (docs/departments.md): the
 * center's (dispatch, add an assist, re-route, summon) on a case in the viewer's jurisdiction
 * at the version the viewer read; a department's (accept, return, ask for joint handling,
 * report) on its own open part of a case, at that part's version. Each move is checked by the
 * pure state machine, stored with one case event per department it concerns, and marks the
 * case changed.
 */
import { coversCode } from '../auth/jurisdiction.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import {
  answerAssignment,
  bumpCaseVersion,
  findAssignments,
  insertAssignment,
  type AssignmentRow,
} from '../db/queries/assignments.js';
import { caseExists, findCase, insertCaseEvent, type CaseRow } from '../db/queries/cases.js';
import { findCenterDepartmentsOfKinds, findDepartmentsByCode } from '../db/queries/departments.js';
import {
  applyCenterMove,
  applyDepartmentMove,
  MAX_DEPARTMENTS_PER_MOVE,
  type CenterMove,
  type DepartmentMove,
  type DepartmentRef,
  type DispatchCase,
  type DispatchChange,
  type IllegalDispatchMove,
} from '../domain/dispatch/moves.js';
import { assignmentDeadlines, CURRENT_DISPATCH_RULES } from '../domain/dispatch/rules.js';
import type { Result } from '../domain/result.js';
import type { AssignmentRole, AssignmentState, CaseCategory, CaseSeverity, CaseStatus } from '../domain/vocabulary.js';
import { AppError, badInput, conflict, notFound, outsideJurisdiction } from '../errors.js';

/** What the center asks: departments by code, a summons by kind of county department. */
export type CenterRequest =
  | { move: 'dispatch'; lead: string; assists: readonly string[] }
  | { move: 'add_assist'; department: string }
  | { move: 'reroute'; lead: string }
  | { move: 'summon'; kinds: readonly string[] };

interface MoveContext {
  code: string;
  expectedVersion: number;
  /** Already checked (checkNote). */
  note: string | null;
  viewer: Viewer;
  now: Date;
}

export function dispatchCaseOf(row: CaseRow, assignments: readonly AssignmentRow[]): DispatchCase {
  return {
    status: row.status as CaseStatus,
    villageCode: row.village_code,
    assignments: assignments.map((a) => ({
      departmentCode: a.department_code,
      role: a.role as AssignmentRole,
      state: a.state as AssignmentState,
    })),
  };
}

/** The case locked for the move, or the refusal a viewer outside it gets. */
async function lockCase(tx: Queryable, code: string, viewer: Viewer): Promise<CaseRow> {
  const row = await findCase(tx, code, viewer.prefix, true, viewer.departmentCode);
  if (row) return row;
  if (await caseExists(tx, code)) throw outsideJurisdiction('case', code);
  throw notFound('case', code);
}

function staleCase(row: CaseRow, yours: number): AppError {
  return conflict(
    `case ${row.code} changed since you read it (version ${row.version}, you had ${yours}); reload it`,
    { currentVersion: row.version },
    { reason: 'case_changed', params: { case: row.code, version: row.version, yourVersion: yours } },
  );
}

function refused(error: IllegalDispatchMove, status: string): AppError {
  return badInput(
    'move',
    error.message,
    { allowedMoves: error.allowed },
    { reason: error.reason, params: { move: error.move, status, allowed: error.allowed.join(', ') } },
  );
}

/** The departments named by code, each inside the viewer's jurisdiction (else told as not found). */
async function departmentsByCode(tx: Queryable, codes: readonly string[], viewer: Viewer): Promise<DepartmentRef[]> {
  if (codes.length > MAX_DEPARTMENTS_PER_MOVE + 1) {
    throw badInput(
      'departments',
      `at most ${MAX_DEPARTMENTS_PER_MOVE} departments at once`,
      {},
      {
        reason: 'too_many_departments',
        params: { max: MAX_DEPARTMENTS_PER_MOVE },
      },
    );
  }
  const found = new Map((await findDepartmentsByCode(tx, codes)).map((d) => [d.code, d]));
  return codes.map((code) => {
    const d = found.get(code);
    if (!d) throw notFound('department', code);
    if (!coversCode(viewer.jurisdiction, d.center_unit_code)) throw outsideJurisdiction('department', code);
    return { code: d.code, centerUnitCode: d.center_unit_code };
  });
}

/** The county departments of the kinds a township's summons names (吹哨: the county above reports). */
async function summoned(tx: Queryable, row: CaseRow, kinds: readonly string[], viewer: Viewer) {
  const township = `${row.village_code.slice(0, 9)}000`;
  if (!coversCode(viewer.jurisdiction, township)) {
    throw badInput(
      'code',
      'a summons is made by the township center of the case or a center above it',
      {},
      {
        reason: 'summon_from_township',
        params: { case: row.code },
      },
    );
  }
  const county = `${row.village_code.slice(0, 6)}000000`;
  const unique = [...new Set(kinds)];
  const found = await findCenterDepartmentsOfKinds(tx, county, unique);
  const missing = unique.filter((k) => !found.some((d) => d.kind === k));
  if (missing.length > 0) {
    throw badInput(
      'kinds',
      `the county center ${county} hosts no department of kind ${missing.join(', ')}`,
      {},
      {
        reason: 'no_department_of_kind',
        params: { unit: county, kind: missing.join(', ') },
      },
    );
  }
  return found.map((d) => ({ code: d.code, centerUnitCode: d.center_unit_code }));
}

async function centerMoveOf(tx: Queryable, row: CaseRow, r: CenterRequest, viewer: Viewer): Promise<CenterMove> {
  switch (r.move) {
    case 'dispatch': {
      const [lead, ...assists] = await departmentsByCode(tx, [r.lead, ...r.assists], viewer);
      return { move: 'dispatch', lead: lead!, assists };
    }
    case 'add_assist':
      return { move: 'add_assist', department: (await departmentsByCode(tx, [r.department], viewer))[0]! };
    case 'reroute':
      return { move: 'reroute', lead: (await departmentsByCode(tx, [r.lead], viewer))[0]! };
    case 'summon':
      return { move: 'summon', departments: await summoned(tx, row, r.kinds, viewer) };
  }
}

/** Stores the change: new assignments with their deadlines, answers, one event per department. */
async function store(
  tx: Queryable,
  row: CaseRow,
  parts: readonly AssignmentRow[],
  change: DispatchChange,
  c: MoveContext,
) {
  for (const offer of change.offers) {
    const deadlines = assignmentDeadlines(
      CURRENT_DISPATCH_RULES,
      offer.role,
      row.category as CaseCategory,
      row.severity as CaseSeverity,
      c.now,
    );
    await insertAssignment(tx, {
      caseCode: row.code,
      departmentCode: offer.departmentCode,
      role: offer.role,
      rulesVersion: CURRENT_DISPATCH_RULES.version,
      ...deadlines,
      note: c.note,
      offeredBy: c.viewer.username,
      offeredAt: c.now,
    });
  }
  for (const answer of change.answers) {
    const part = parts.find((p) => p.department_code === answer.departmentCode && p.state === answer.from)!;
    await answerAssignment(tx, {
      id: part.id,
      from: answer.from,
      to: answer.to,
      reason: answer.reason ?? null,
      note: c.viewer.departmentCode === answer.departmentCode ? c.note : null,
      by: c.viewer.username,
      at: c.now,
    });
  }
  // One event per department concerned; an answer the center made for a lead (a joint request
  // answered by an assist) shows under the assist that answered it.
  const concerned = [...change.offers.map((o) => o.departmentCode)];
  if (change.offers.length === 0) concerned.push(...change.answers.map((a) => a.departmentCode));
  for (const departmentCode of concerned) {
    await insertCaseEvent(tx, {
      case_code: row.code,
      at: c.now,
      from_status: row.status,
      to_status: row.status,
      actor: c.viewer.username,
      note: c.note,
      kind: change.kind,
      department_code: departmentCode,
    });
  }
  await bumpCaseVersion(tx, row.code);
}

/** A move of the center; returns the case as stored after it. */
export async function centerMoveIn(tx: Queryable, c: MoveContext & { request: CenterRequest }): Promise<CaseRow> {
  const row = await lockCase(tx, c.code, c.viewer);
  if (row.version !== c.expectedVersion) throw staleCase(row, c.expectedVersion);
  const parts = await findAssignments(tx, row.code, true);
  const move = await centerMoveOf(tx, row, c.request, c.viewer);
  const change: Result<DispatchChange, IllegalDispatchMove> = applyCenterMove(dispatchCaseOf(row, parts), move);
  if (!change.ok) throw refused(change.error, row.status);
  await store(tx, row, parts, change.value, c);
  return (await findCase(tx, row.code, c.viewer.prefix, false, c.viewer.departmentCode))!;
}

/** A department's move on its own open part of the case, at that part's version. */
export async function departmentMoveIn(tx: Queryable, c: MoveContext & { move: DepartmentMove }): Promise<CaseRow> {
  const department = c.viewer.departmentCode;
  if (!department) throw notFound('case', c.code);
  const row = await lockCase(tx, c.code, c.viewer);
  const parts = await findAssignments(tx, row.code, true);
  const change = applyDepartmentMove(dispatchCaseOf(row, parts), department, c.move);
  if (!change.ok) throw refused(change.error, row.status);
  const own = parts.find((p) => p.department_code === department && p.state === change.value.answers[0]!.from)!;
  if (own.version !== c.expectedVersion) {
    throw conflict(
      `your part of case ${row.code} changed since you read it (version ${own.version}, you had ${c.expectedVersion}); reload it`,
      { currentVersion: own.version },
      {
        reason: 'assignment_changed',
        params: { case: row.code, version: own.version, yourVersion: c.expectedVersion },
      },
    );
  }
  await store(tx, row, parts, change.value, c);
  return (await findCase(tx, row.code, c.viewer.prefix, false, department))!;
}
