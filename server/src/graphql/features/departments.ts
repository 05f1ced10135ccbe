/**
 * Departments and dispatch (分类流转, 吹哨报到): the register of the departments stationed in the
 * centers, the parts departments hold in cases, and the moves of the center and of the
 * departments. docs/departments.md.
 */
import { can } from '../../auth/roles.js';
import type { Viewer } from '../../auth/viewer.js';
import { centerMoveIn, departmentMoveIn, dispatchCaseOf, type CenterRequest } from '../../cases/dispatch.js';
import { checkNote } from '../../cases/state.js';
import { updateDepartmentIn, type DepartmentChanges } from '../../departments/update.js';
import { findAssignments, type AssignmentRow } from '../../db/queries/assignments.js';
import { findCase, type CaseRow } from '../../db/queries/cases.js';
import { findDepartments, type DepartmentRow } from '../../db/queries/departments.js';
import { adminLevelOfCode } from '../../domain/codes.js';
import {
  allowedCenterMoves,
  allowedDepartmentMoves,
  type DepartmentMove,
  type DispatchMoveName,
} from '../../domain/dispatch/moves.js';
import { narrowToJurisdiction, jurisdictionPrefix } from '../../auth/jurisdiction.js';
import { badInput, notFound } from '../../errors.js';
import { auditedMutation } from '../audited.js';
import { requireAnyPermission, requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { exposureOf, toCase } from './cases.js';
import { noteFor } from '../../domain/personal-data.js';

export const departmentsTypeDefs = /* GraphQL */ `
  "What a department is (法院, 检察院, 公安, 司法行政, 信访, 人社, 住建, 市场监管, 民政, 卫健, 教育, 应急, 自然资源, 妇联, other)."
  enum DepartmentKind {
    court
    procuratorate
    police
    justice
    petitions
    hrss
    housing
    market_regulation
    civil_affairs
    health
    education
    emergency
    natural_resources
    women_federation
    other
  }

  "How a department is present in its center: 常驻 resident, 轮驻 rotating, 随驻 on call."
  enum DepartmentStationing {
    resident
    rotating
    on_call
  }

  "A department stationed in the center of a city, county or township."
  type Department {
    "The center unit's 12-digit code + a 2-digit serial."
    code: ID!
    "The city, county or township unit whose center hosts it."
    centerUnitCode: ID!
    name: String!
    kind: DepartmentKind!
    stationing: DepartmentStationing!
    "The desk's telephone or office."
    contact: String!
    version: Int!
  }

  "A department's part in a case: the lead answers for it, assists help, the summoned report (吹哨报到)."
  enum AssignmentRole {
    lead
    assist
    summoned
  }

  enum AssignmentState {
    offered
    accepted
    returned
    "Accepted, asking the center for joint handling (联合调处)."
    joint_requested
    "A summoned department has reported."
    reported
  }

  "Why a department hands a case back."
  enum ReturnReason {
    not_ours
    outside_remit
    insufficient_information
    duplicate
  }

  "A move of dispatch: the center's (dispatch, add_assist, reroute, summon) or a department's."
  enum DispatchMove {
    dispatch
    add_assist
    reroute
    summon
    accept
    return
    request_joint
    report
  }

  "What a case event records: a lifecycle move (status) or a dispatch move."
  enum CaseEventKind {
    status
    dispatch
    add_assist
    reroute
    summon
    accept
    return
    request_joint
    report
  }

  "One department's part in a case."
  type CaseAssignment {
    caseCode: ID!
    departmentCode: ID!
    departmentName: String!
    role: AssignmentRole!
    state: AssignmentState!
    "The rule table that set the deadlines (dispatch-v1 …)."
    rulesVersion: String!
    "Accept or return by (a summons: report by)."
    answerBy: DateTime!
    "The department's part done by."
    deadlineAt: DateTime!
    reason: ReturnReason
    note: String
    offeredAt: DateTime!
    answeredAt: DateTime
    "Open and past the deadline now (still unanswered past answerBy, or its part past deadlineAt)."
    overdue: Boolean!
    "Optimistic-locking version of this part; a department passes it back as expectedVersion."
    version: Int!
  }

  extend type Case {
    "The departments' parts, oldest first."
    assignments: [CaseAssignment!]!
    "The dispatch moves you may make now (the center's, or your department's)."
    dispatchMoves: [DispatchMove!]!
  }

  extend type CaseEvent {
    kind: CaseEventKind!
    "The department a dispatch event concerns."
    departmentCode: ID
  }

  extend type Query {
    "The departments of the centers inside unitCode (default: your jurisdiction), by center and code."
    departments(unitCode: ID): [Department!]!
  }

  "What an administrator may change of a department; an absent field stays as it is."
  input DepartmentChanges {
    name: String
    stationing: DepartmentStationing
    contact: String
  }

  extend type Mutation {
    "Edits a department of the register (manage_departments); expectedVersion must be the version you read."
    updateDepartment(code: ID!, changes: DepartmentChanges!, expectedVersion: Int!): Department!
    "Names the lead department (and assisting ones) of a case in 风险研判 or 分类流转; CONFLICT on a stale version."
    dispatchCase(code: ID!, lead: ID!, assists: [ID!], note: String, expectedVersion: Int!): Case!
    "Adds an assisting department (answers a lead's request for joint handling)."
    addAssistDepartment(code: ID!, department: ID!, note: String, expectedVersion: Int!): Case!
    "Offers a returned case to another lead department."
    rerouteCase(code: ID!, lead: ID!, note: String, expectedVersion: Int!): Case!
    "吹哨: summons the county center's departments of these kinds to report on the case."
    summonDepartments(code: ID!, kinds: [DepartmentKind!]!, note: String, expectedVersion: Int!): Case!
    "Your department accepts its part; expectedVersion is the part's version."
    acceptAssignment(code: ID!, note: String, expectedVersion: Int!): Case!
    "Your department hands its part back, with a reason."
    returnAssignment(code: ID!, reason: ReturnReason!, note: String, expectedVersion: Int!): Case!
    "Your lead department asks the center for joint handling (联合调处)."
    requestJointHandling(code: ID!, note: String, expectedVersion: Int!): Case!
    "Your summoned department reports (报到) with what it found or did."
    reportToSummons(code: ID!, note: String!, expectedVersion: Int!): Case!
  }
`;

function toDepartment(d: DepartmentRow) {
  return {
    code: d.code,
    centerUnitCode: d.center_unit_code,
    name: d.name,
    kind: d.kind,
    stationing: d.stationing,
    contact: d.contact,
    version: d.version,
  };
}

const OPEN_PARTS = new Set(['offered', 'accepted', 'joint_requested']);

function toAssignment(a: AssignmentRow, now: Date) {
  const due = a.state === 'offered' ? a.answer_by : a.deadline_at;
  return {
    caseCode: a.case_code,
    departmentCode: a.department_code,
    departmentName: a.department_name,
    role: a.role,
    state: a.state,
    rulesVersion: a.rules_version,
    answerBy: a.answer_by,
    deadlineAt: a.deadline_at,
    reason: a.reason,
    note: a.note,
    offeredAt: a.offered_at,
    answeredAt: a.answered_at,
    overdue: OPEN_PARTS.has(a.state) && now.getTime() > due.getTime(),
    version: a.version,
  };
}

/** The case of a mutation's answer as the viewer sees it. */
const answered = (row: CaseRow, now: Date) => toCase(row, now);

function dispatchMovesFor(viewer: Viewer, row: CaseRow, parts: AssignmentRow[]): DispatchMoveName[] {
  const c = dispatchCaseOf(row, parts);
  if (viewer.departmentCode) return allowedDepartmentMoves(c, viewer.departmentCode);
  return can(viewer.role, 'advance_case') ? allowedCenterMoves(c) : [];
}

/** Asks for a whole case row: the Case object carries only what toCase copied. */
async function rowOf(ctx: GraphQLContext, code: string): Promise<CaseRow | null> {
  const viewer = requireViewer(ctx);
  return findCase(ctx.db, code, viewer.prefix, false, viewer.departmentCode);
}

function centerMutation(operation: string, request: (args: any) => CenterRequest) {
  return async (_: unknown, args: any, ctx: GraphQLContext) => {
    const viewer = requirePermission(ctx, 'advance_case');
    const note = checkNote(args.note);
    const now = ctx.now();
    return auditedMutation(ctx, viewer, operation, args.code, async (tx) =>
      answered(
        await centerMoveIn(tx, {
          code: args.code,
          expectedVersion: args.expectedVersion,
          note,
          viewer,
          now,
          request: request(args),
        }),
        now,
      ),
    );
  };
}

function departmentMutation(operation: string, move: (args: any) => DepartmentMove, noteRequired = false) {
  return async (_: unknown, args: any, ctx: GraphQLContext) => {
    const viewer = requirePermission(ctx, 'answer_case');
    const note = checkNote(args.note);
    if (noteRequired && note === null)
      throw badInput('note', 'must say what was found or done', {}, { reason: 'blank' });
    const now = ctx.now();
    return auditedMutation(ctx, viewer, operation, args.code, async (tx) =>
      answered(
        await departmentMoveIn(tx, {
          code: args.code,
          expectedVersion: args.expectedVersion,
          note,
          viewer,
          now,
          move: move(args),
        }),
        now,
      ),
    );
  };
}

export const departmentsResolvers = {
  Case: {
    assignments: async (c: { code: string }, _: unknown, ctx: GraphQLContext) =>
      (await findAssignments(ctx.db, c.code)).map((a) => toAssignment(a, ctx.now())),
    dispatchMoves: async (c: { code: string }, _: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const row = await rowOf(ctx, c.code);
      return row ? dispatchMovesFor(viewer, row, await findAssignments(ctx.db, c.code)) : [];
    },
  },
  // A department's note may name the parties: shown as the viewer may see case notes.
  CaseAssignment: {
    note: (a: { note: string | null }, _: unknown, ctx: GraphQLContext) => noteFor(a.note ?? null, exposureOf(ctx)),
  },
  CaseEvent: {
    kind: (e: { kind?: string }) => e.kind ?? 'status',
    departmentCode: (e: { departmentCode?: string | null }) => e.departmentCode ?? null,
  },
  Query: {
    departments: async (_: unknown, args: { unitCode?: string | null }, ctx: GraphQLContext) => {
      const viewer = requireAnyPermission(ctx, ['read_map', 'answer_case']);
      const code = args.unitCode ?? null;
      if (code !== null && adminLevelOfCode(code) === null) {
        throw badInput(
          'unitCode',
          `"${code}" is not a 12-digit division code`,
          {},
          {
            reason: 'bad_code',
            params: { value: code },
          },
        );
      }
      const unit = narrowToJurisdiction(viewer.jurisdiction, code);
      if (!unit.ok) throw notFound('unit', String(code));
      return (await findDepartments(ctx.db, jurisdictionPrefix(unit.value))).map(toDepartment);
    },
  },
  Mutation: {
    updateDepartment: async (
      _: unknown,
      args: { code: string; changes: DepartmentChanges; expectedVersion: number },
      ctx: GraphQLContext,
    ) => {
      const viewer = requirePermission(ctx, 'manage_departments');
      return auditedMutation(ctx, viewer, 'updateDepartment', args.code, async (tx) =>
        toDepartment(await updateDepartmentIn(tx, { ...args, viewer })),
      );
    },
    dispatchCase: centerMutation('dispatchCase', (a) => ({ move: 'dispatch', lead: a.lead, assists: a.assists ?? [] })),
    addAssistDepartment: centerMutation('addAssistDepartment', (a) => ({
      move: 'add_assist',
      department: a.department,
    })),
    rerouteCase: centerMutation('rerouteCase', (a) => ({ move: 'reroute', lead: a.lead })),
    summonDepartments: centerMutation('summonDepartments', (a) => ({ move: 'summon', kinds: a.kinds })),
    acceptAssignment: departmentMutation('acceptAssignment', () => ({ move: 'accept' })),
    returnAssignment: departmentMutation('returnAssignment', (a) => ({ move: 'return', reason: a.reason })),
    requestJointHandling: departmentMutation('requestJointHandling', () => ({ move: 'request_joint' })),
    reportToSummons: departmentMutation('reportToSummons', () => ({ move: 'report' }), true),
  },
};
