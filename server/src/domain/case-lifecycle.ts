/**
 * The closed loop of a case (登记受理 → 先行调解 → 风险研判 → 分类流转 → 跟踪督办 → 案结事了 → 总结分析)
 * as a pure state machine. This is the one place the rules of moving a case live: resolvers,
 * loaders and the web ask `allowedActions` instead of restating them. docs/case-lifecycle.md
 * describes the same rules for people.
 */
import { caseDeadline } from './case-deadlines.js';
import type { LeadStatus } from './dispatch/moves.js';
import {
  CASE_STATUSES,
  HANDLED_LEVELS,
  type CaseCategory,
  type CaseSeverity,
  type CaseStatus,
  type HandledLevel,
} from './vocabulary.js';

import type { Result } from './result.js';

export const CASE_ACTIONS = ['advance', 'return_to_mediation', 'escalate', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The fields of a case that the lifecycle reads and writes. */
export interface CaseState {
  status: CaseStatus;
  handledLevel: HandledLevel;
  category: CaseCategory;
  severity: CaseSeverity;
  reportedAt: Date;
  deadline: Date;
  /** Set exactly when the case reaches 案结事了 (resolved); the database checks the same. */
  closedAt: Date | null;
  /** Where the case's lead department stands (domain/dispatch): the gates of 分类流转 read it. */
  lead: LeadStatus;
}

/** What happened, for the case_events table; `handledLevel` only when the level changed. */
export interface CaseEvent {
  from: CaseStatus;
  to: CaseStatus;
  handledLevel?: { from: HandledLevel; to: HandledLevel };
}

export interface CaseMove {
  state: CaseState;
  event: CaseEvent;
}

/** Why an advance waits on dispatch: no lead department named yet, or the lead has not accepted. */
export type DispatchGate = 'needs_lead' | 'needs_lead_accept';

export interface IllegalMove {
  code: 'ILLEGAL_MOVE';
  message: string;
  allowed: CaseAction[];
  /** Set when the stage allows advancing but dispatch does not yet. */
  gate?: DispatchGate;
}

export function isCaseAction(value: string): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

const stageIndex = (status: CaseStatus): number => CASE_STATUSES.indexOf(status);
const levelIndex = (level: HandledLevel): number => HANDLED_LEVELS.indexOf(level);

/** Open = not yet at 案结事了; only open cases run against a deadline or can be escalated. */
export function isOpen(status: CaseStatus): boolean {
  return stageIndex(status) < stageIndex('resolved');
}

/**
 * The gates of dispatch (docs/departments.md): a case leaves 风险研判 for 分类流转 only once a
 * lead department is named (offered or taken), and leaves 分类流转 for 跟踪督办 only once the
 * lead has taken it (accepted, or accepted asking for joint handling).
 */
export function dispatchGate(state: CaseState): DispatchGate | null {
  if (state.status === 'assessing' && (state.lead === 'none' || state.lead === 'returned')) return 'needs_lead';
  if (state.status === 'dispatched' && state.lead !== 'taken') return 'needs_lead_accept';
  return null;
}

/**
 * Advance: one stage forward, never skipping, because each stage has its own responsible
 * party and quality standard (one case, one code, every stage on record). 总结分析 (reviewed)
 * is the end of the loop. Through 分类流转 it waits on dispatch (dispatchGate).
 */
function canAdvance(state: CaseState): boolean {
  return state.status !== 'reviewed' && dispatchGate(state) === null;
}

/**
 * Return to mediation: assessment, dispatch or supervision may find that the parties can still
 * settle, and mediation is the cheapest way to end a dispute ("小事不出村"). Registered cases
 * have not reached mediation yet, and closed cases are closed.
 */
const RETURNABLE: ReadonlySet<CaseStatus> = new Set(['assessing', 'dispatched', 'supervising']);

/**
 * Escalate (分级督办): a hard case goes one level up (village → township → county → city) with a
 * fresh deadline from now, and is supervised from then on. Only open cases, because a settled
 * case has nothing left to supervise, and nothing is above the city.
 */
function canEscalate(state: CaseState): boolean {
  return isOpen(state.status) && levelIndex(state.handledLevel) < HANDLED_LEVELS.length - 1;
}

/**
 * Close: a case settled early (for example in mediation) goes straight to 案结事了 without the
 * remaining stages. A registered case must be accepted into mediation first, so that every
 * closed case has a stage on record where it was worked on.
 */
const CLOSABLE: ReadonlySet<CaseStatus> = new Set(['mediating', 'assessing', 'dispatched', 'supervising']);

const RULES: Readonly<Record<CaseAction, (state: CaseState) => boolean>> = {
  advance: canAdvance,
  return_to_mediation: (state) => RETURNABLE.has(state.status),
  escalate: canEscalate,
  close: (state) => CLOSABLE.has(state.status),
};

/** The actions the case allows now, in CASE_ACTIONS order. */
export function allowedActions(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((action) => RULES[action](state));
}

function nextStatus(status: CaseStatus): CaseStatus {
  const next = CASE_STATUSES[stageIndex(status) + 1];
  if (next === undefined) throw new Error(`no stage after ${status}`);
  return next;
}

function nextLevel(level: HandledLevel): HandledLevel {
  const next = HANDLED_LEVELS[levelIndex(level) + 1];
  if (next === undefined) throw new Error(`no level above ${level}`);
  return next;
}

function describeActions(actions: readonly CaseAction[]): string {
  return actions.length === 0 ? 'none' : actions.map((action) => action.replaceAll('_', ' ')).join(', ');
}

const GATE_REASONS: Readonly<Record<DispatchGate, string>> = {
  needs_lead: 'no lead department has been named',
  needs_lead_accept: 'the lead department has not accepted it',
};

function illegalMove(state: CaseState, action: CaseAction): IllegalMove {
  const allowed = allowedActions(state);
  const gate = action === 'advance' ? dispatchGate(state) : null;
  if (gate) {
    return {
      code: 'ILLEGAL_MOVE',
      message: `cannot advance a case that is ${state.status}: ${GATE_REASONS[gate]}; allowed: ${describeActions(allowed)}`,
      allowed,
      gate,
    };
  }
  // An open case at city level can be escalated by status, so the level is the reason to name.
  const reason =
    action === 'escalate' && isOpen(state.status)
      ? `handled at ${state.handledLevel} level`
      : `that is ${state.status}`;
  return {
    code: 'ILLEGAL_MOVE',
    message: `cannot ${action.replaceAll('_', ' ')} a case ${reason}; allowed: ${describeActions(allowed)}`,
    allowed,
  };
}

/** Applies one action at `now`; the given state is not changed. */
export function applyCaseAction(state: CaseState, action: CaseAction, now: Date): Result<CaseMove, IllegalMove> {
  if (!RULES[action](state)) return { ok: false, error: illegalMove(state, action) };
  const from = state.status;
  const moved = (next: CaseState, extra: Partial<CaseEvent> = {}): Result<CaseMove, IllegalMove> => ({
    ok: true,
    value: { state: next, event: { from, to: next.status, ...extra } },
  });

  switch (action) {
    case 'advance': {
      const to = nextStatus(from);
      return moved({ ...state, status: to, closedAt: to === 'resolved' ? new Date(now) : state.closedAt });
    }
    case 'return_to_mediation':
      return moved({ ...state, status: 'mediating' });
    case 'escalate': {
      const level = nextLevel(state.handledLevel);
      const status = stageIndex(from) < stageIndex('supervising') ? 'supervising' : from;
      return moved(
        {
          ...state,
          status,
          handledLevel: level,
          deadline: caseDeadline(state.category, state.severity, now),
        },
        { handledLevel: { from: state.handledLevel, to: level } },
      );
    }
    case 'close':
      return moved({ ...state, status: 'resolved', closedAt: new Date(now) });
  }
}

/** Past its deadline and still open; a case closed late is late, but no longer overdue. */
export function isOverdue(state: CaseState, now: Date): boolean {
  return isOpen(state.status) && now.getTime() > state.deadline.getTime();
}
