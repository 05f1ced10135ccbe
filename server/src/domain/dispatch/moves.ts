/**
 * Dispatch (分类流转) and summons (吹哨报到) as a pure state machine over a case's assignments.
 * The center routes a case to a lead department with optional assisting ones, adds assists,
 * re-routes after a return, and (a township) summons county departments; a department accepts,
 * returns with a reason, asks for joint handling, or reports to a summons. Every illegal move
 * is told with a reason code and the moves allowed instead. docs/departments.md says the same
 * for people.
 */
import { adminLevelOfCode } from '../codes.js';
import type { Result } from '../result.js';
import type { AssignmentRole, AssignmentState, CaseEventKind, CaseStatus, ReturnReason } from '../vocabulary.js';

export const CENTER_MOVES = ['dispatch', 'add_assist', 'reroute', 'summon'] as const;
export type CenterMoveName = (typeof CENTER_MOVES)[number];
export const DEPARTMENT_MOVES = ['accept', 'return', 'request_joint', 'report'] as const;
export type DepartmentMoveName = (typeof DEPARTMENT_MOVES)[number];
export type DispatchMoveName = CenterMoveName | DepartmentMoveName;

/** At most this many departments named in one move (a lead and its assists, or a summons). */
export const MAX_DEPARTMENTS_PER_MOVE = 8;

export interface DepartmentRef {
  code: string;
  /** The center (city, county or township unit) the department is stationed in. */
  centerUnitCode: string;
}

export interface AssignmentView {
  departmentCode: string;
  role: AssignmentRole;
  state: AssignmentState;
}

/** What the moves read of a case: its stage, where it is, and its assignments oldest first. */
export interface DispatchCase {
  status: CaseStatus;
  villageCode: string;
  assignments: readonly AssignmentView[];
}

export type CenterMove =
  | { move: 'dispatch'; lead: DepartmentRef; assists: readonly DepartmentRef[] }
  | { move: 'add_assist'; department: DepartmentRef }
  | { move: 'reroute'; lead: DepartmentRef }
  | { move: 'summon'; departments: readonly DepartmentRef[] };

export type DepartmentMove =
  { move: 'accept' } | { move: 'return'; reason: ReturnReason } | { move: 'request_joint' } | { move: 'report' };

/** A new assignment to store, offered now. */
export interface Offer {
  departmentCode: string;
  role: AssignmentRole;
}

/** A department's answer to store on its live assignment. */
export interface Answer {
  departmentCode: string;
  from: AssignmentState;
  to: AssignmentState;
  reason?: ReturnReason;
}

export interface DispatchChange {
  kind: CaseEventKind;
  offers: Offer[];
  answers: Answer[];
}

/** Why a move cannot be made; `allowed` are the moves the same side may make instead. */
export type DispatchRefusal =
  | 'case_closed'
  | 'wrong_stage'
  | 'already_dispatched'
  | 'no_lead'
  | 'lead_not_returned'
  | 'already_assigned'
  | 'department_outside_case'
  | 'not_county_department'
  | 'duplicate_department'
  | 'too_many_departments'
  | 'no_departments'
  | 'not_assigned'
  | 'wrong_assignment_state';

export interface IllegalDispatchMove {
  code: 'ILLEGAL_DISPATCH_MOVE';
  move: DispatchMoveName;
  reason: DispatchRefusal;
  message: string;
  allowed: DispatchMoveName[];
}

const LIVE: ReadonlySet<AssignmentState> = new Set(['offered', 'accepted', 'joint_requested']);
/** Stages in which the center routes a case: assessed and not yet settled. */
const ROUTING_STAGES: ReadonlySet<CaseStatus> = new Set(['assessing', 'dispatched', 'supervising']);
/** A first dispatch happens while assessing, or on a case in 分类流转 that never had a lead. */
const DISPATCH_STAGES: ReadonlySet<CaseStatus> = new Set(['assessing', 'dispatched']);
const CLOSED: ReadonlySet<CaseStatus> = new Set(['resolved', 'reviewed']);

export const isLive = (a: AssignmentView): boolean => LIVE.has(a.state);

/** The newest lead assignment, or null when the case was never dispatched. */
export function currentLead(c: DispatchCase): AssignmentView | null {
  const leads = c.assignments.filter((a) => a.role === 'lead');
  return leads[leads.length - 1] ?? null;
}

/** The department's open assignment on the case, if any. */
export function liveAssignmentOf(c: DispatchCase, departmentCode: string): AssignmentView | null {
  return c.assignments.find((a) => a.departmentCode === departmentCode && isLive(a)) ?? null;
}

/** Where the lifecycle gates stand: no lead, offered, taken (accepted or joint) or returned. */
export type LeadStatus = 'none' | 'offered' | 'taken' | 'returned';

export function leadStatus(c: Pick<DispatchCase, 'assignments'>): LeadStatus {
  return leadStatusOf(currentLead(c as DispatchCase)?.state ?? null);
}

/** The lead status of the newest lead assignment's state (null: none). */
export function leadStatusOf(state: AssignmentState | null): LeadStatus {
  if (state === null) return 'none';
  if (state === 'offered') return 'offered';
  if (state === 'returned') return 'returned';
  return 'taken';
}

/** Digits of a center's code that every place it serves starts with. */
function servedPrefix(centerUnitCode: string): string | null {
  const level = adminLevelOfCode(centerUnitCode);
  if (level === 'city') return centerUnitCode.slice(0, 4);
  if (level === 'county') return centerUnitCode.slice(0, 6);
  if (level === 'township') return centerUnitCode.slice(0, 9);
  return null;
}

const serves = (d: DepartmentRef, villageCode: string) => {
  const prefix = servedPrefix(d.centerUnitCode);
  return prefix !== null && villageCode.startsWith(prefix) && d.code.startsWith(d.centerUnitCode);
};

/** The county center above the case's township: the one a township's whistle summons. */
const countyOf = (villageCode: string) => `${villageCode.slice(0, 6)}000000`;

type Check = DispatchRefusal | null;

function centerPrecondition(c: DispatchCase, move: CenterMoveName): Check {
  if (CLOSED.has(c.status)) return 'case_closed';
  const lead = leadStatus(c);
  switch (move) {
    case 'dispatch':
      if (lead !== 'none') return 'already_dispatched';
      return DISPATCH_STAGES.has(c.status) ? null : 'wrong_stage';
    case 'add_assist':
      if (!ROUTING_STAGES.has(c.status)) return 'wrong_stage';
      return lead === 'offered' || lead === 'taken' ? null : 'no_lead';
    case 'reroute':
      if (!ROUTING_STAGES.has(c.status)) return 'wrong_stage';
      return lead === 'returned' ? null : 'lead_not_returned';
    case 'summon':
      return ROUTING_STAGES.has(c.status) ? null : 'wrong_stage';
  }
}

/** The center's moves the case allows now, in CENTER_MOVES order. */
export function allowedCenterMoves(c: DispatchCase): CenterMoveName[] {
  return CENTER_MOVES.filter((m) => centerPrecondition(c, m) === null);
}

function departmentPrecondition(c: DispatchCase, departmentCode: string, move: DepartmentMoveName): Check {
  if (CLOSED.has(c.status)) return 'case_closed';
  const own = liveAssignmentOf(c, departmentCode);
  if (!own) return 'not_assigned';
  switch (move) {
    case 'accept':
    case 'return':
      return own.role !== 'summoned' && own.state === 'offered' ? null : 'wrong_assignment_state';
    case 'request_joint':
      return own.role === 'lead' && (own.state === 'offered' || own.state === 'accepted')
        ? null
        : 'wrong_assignment_state';
    case 'report':
      return own.role === 'summoned' && own.state === 'offered' ? null : 'wrong_assignment_state';
  }
}

/** The moves a department may make on the case now, in DEPARTMENT_MOVES order. */
export function allowedDepartmentMoves(c: DispatchCase, departmentCode: string): DepartmentMoveName[] {
  return DEPARTMENT_MOVES.filter((m) => departmentPrecondition(c, departmentCode, m) === null);
}

const MESSAGES: Readonly<Record<DispatchRefusal, string>> = {
  case_closed: 'the case is closed',
  wrong_stage: 'the case is not at a stage that routes to departments',
  already_dispatched: 'the case already has a lead department',
  no_lead: 'the case has no lead department yet',
  lead_not_returned: 'the lead department has not returned the case',
  already_assigned: 'a named department already holds the case',
  department_outside_case: "a named department's center does not serve the case's place",
  not_county_department: "a summons names departments of the county center above the case's township",
  duplicate_department: 'a department is named twice',
  no_departments: 'no department is named',
  too_many_departments: `at most ${MAX_DEPARTMENTS_PER_MOVE} departments may be named at once`,
  not_assigned: 'the department holds no open part of the case',
  wrong_assignment_state: "the department's part of the case does not allow this",
};

function refuse(move: DispatchMoveName, reason: DispatchRefusal, allowed: DispatchMoveName[]): IllegalDispatchMove {
  const list = allowed.length === 0 ? 'none' : allowed.map((m) => m.replaceAll('_', ' ')).join(', ');
  return {
    code: 'ILLEGAL_DISPATCH_MOVE',
    move,
    reason,
    message: `cannot ${move.replaceAll('_', ' ')}: ${MESSAGES[reason]}; allowed: ${list}`,
    allowed,
  };
}

/** Checks the departments a move names against the case: distinct, not holding it, serving it. */
function checkNamed(c: DispatchCase, named: readonly DepartmentRef[], summons: boolean): Check {
  if (named.length > MAX_DEPARTMENTS_PER_MOVE) return 'too_many_departments';
  if (new Set(named.map((d) => d.code)).size !== named.length) return 'duplicate_department';
  for (const d of named) {
    if (
      summons
        ? d.centerUnitCode !== countyOf(c.villageCode) || !d.code.startsWith(d.centerUnitCode)
        : !serves(d, c.villageCode)
    ) {
      return summons ? 'not_county_department' : 'department_outside_case';
    }
    if (liveAssignmentOf(c, d.code)) return 'already_assigned';
  }
  return null;
}

/** Applies a move of the center; the case is not changed. */
export function applyCenterMove(c: DispatchCase, m: CenterMove): Result<DispatchChange, IllegalDispatchMove> {
  const fail = (reason: DispatchRefusal) => ({
    ok: false as const,
    error: refuse(m.move, reason, allowedCenterMoves(c)),
  });
  const pre = centerPrecondition(c, m.move);
  if (pre) return fail(pre);
  switch (m.move) {
    case 'dispatch': {
      const named = checkNamed(c, [m.lead, ...m.assists], false);
      if (named) return fail(named);
      const offers: Offer[] = [
        { departmentCode: m.lead.code, role: 'lead' },
        ...m.assists.map((d) => ({ departmentCode: d.code, role: 'assist' as const })),
      ];
      return { ok: true, value: { kind: 'dispatch', offers, answers: [] } };
    }
    case 'add_assist': {
      const named = checkNamed(c, [m.department], false);
      if (named) return fail(named);
      // An assist added to a lead that asked for joint handling answers its request.
      const lead = currentLead(c)!;
      const answers: Answer[] =
        lead.state === 'joint_requested'
          ? [{ departmentCode: lead.departmentCode, from: lead.state, to: 'accepted' }]
          : [];
      return {
        ok: true,
        value: { kind: 'add_assist', offers: [{ departmentCode: m.department.code, role: 'assist' }], answers },
      };
    }
    case 'reroute': {
      const named = checkNamed(c, [m.lead], false);
      if (named) return fail(named);
      return {
        ok: true,
        value: { kind: 'reroute', offers: [{ departmentCode: m.lead.code, role: 'lead' }], answers: [] },
      };
    }
    case 'summon': {
      if (m.departments.length === 0) return fail('no_departments');
      const named = checkNamed(c, m.departments, true);
      if (named) return fail(named);
      const offers = m.departments.map((d) => ({ departmentCode: d.code, role: 'summoned' as const }));
      return { ok: true, value: { kind: 'summon', offers, answers: [] } };
    }
  }
}

const ANSWER_TO: Readonly<Record<DepartmentMoveName, AssignmentState>> = {
  accept: 'accepted',
  return: 'returned',
  request_joint: 'joint_requested',
  report: 'reported',
};

/** Applies a department's move on its own part of the case; the case is not changed. */
export function applyDepartmentMove(
  c: DispatchCase,
  departmentCode: string,
  m: DepartmentMove,
): Result<DispatchChange, IllegalDispatchMove> {
  const pre = departmentPrecondition(c, departmentCode, m.move);
  if (pre) return { ok: false, error: refuse(m.move, pre, allowedDepartmentMoves(c, departmentCode)) };
  const own = liveAssignmentOf(c, departmentCode)!;
  const answer: Answer = { departmentCode, from: own.state, to: ANSWER_TO[m.move] };
  if (m.move === 'return') answer.reason = m.reason;
  return { ok: true, value: { kind: m.move, offers: [], answers: [answer] } };
}
