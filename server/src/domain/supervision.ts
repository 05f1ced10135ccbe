/**
 * Supervision orders (督办, docs/federation.md): a leader's demand on a unit or a case with a
 * deadline, answered by the concerned city in two steps, acknowledged then closed. Pure rules:
 * codes, the state an order is in from its responses, and which step may come next.
 */
import { adminLevelOfCode } from './codes.js';
import type { Result } from './result.js';

export const SUPERVISION_STATES = ['open', 'acknowledged', 'closed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];

export const SUPERVISION_STEPS = ['acknowledged', 'closed'] as const;
export type SupervisionStep = (typeof SUPERVISION_STEPS)[number];

/** Where an order is issued: its code says it (P province, C city), so the two never collide. */
export type IssuerLevel = 'province' | 'city';

/** The longest demand and response note (the database checks the same). */
export const MAX_DEMAND_LENGTH = 2000;

export interface SupervisionTarget {
  kind: 'unit' | 'case';
  code: string;
  /** The 12-digit unit the order is filed under: the unit itself, or the case's village. */
  unitCode: string;
  /** The first four digits: the city whose server answers the order. */
  city4: string;
}

/**
 * What a target code names: a 12-digit division code of a unit (city level or below) or a
 * 24-digit case code (its first 12 digits a village); null for anything else.
 */
export function supervisionTarget(code: string): SupervisionTarget | null {
  if (/^\d{12}$/.test(code) && adminLevelOfCode(code) !== null) {
    return { kind: 'unit', code, unitCode: code, city4: code.slice(0, 4) };
  }
  if (/^\d{24}$/.test(code) && adminLevelOfCode(code.slice(0, 12)) === 'village') {
    return { kind: 'case', code, unitCode: code.slice(0, 12), city4: code.slice(0, 4) };
  }
  return null;
}

/** The first 13 characters of every code of orders on `unitCode` issued at `level`. */
export function supervisionCodePrefix(unitCode: string, level: IssuerLevel): string {
  return `${unitCode}${level === 'province' ? 'P' : 'C'}`;
}

/** An order's code: its unit, P or C, and a six-digit serial starting at 000001. */
export function supervisionCode(unitCode: string, level: IssuerLevel, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) {
    throw new Error(`supervision serial must be 1..999999, got ${serial}`);
  }
  return `${supervisionCodePrefix(unitCode, level)}${String(serial).padStart(6, '0')}`;
}

/** The state after the responses recorded so far (their kinds, in order). */
export function supervisionState(steps: readonly SupervisionStep[]): SupervisionState {
  if (steps.includes('closed')) return 'closed';
  if (steps.includes('acknowledged')) return 'acknowledged';
  return 'open';
}

/** Which state a step needs: acknowledging an open order, closing an acknowledged one. */
const NEEDS: Readonly<Record<SupervisionStep, SupervisionState>> = { acknowledged: 'open', closed: 'acknowledged' };

/** Whether `step` may follow `state`; the error names the state it needs. */
export function nextStep(
  state: SupervisionState,
  step: SupervisionStep,
): Result<void, { needs: SupervisionState; state: SupervisionState }> {
  return NEEDS[step] === state ? { ok: true, value: undefined } : { ok: false, error: { needs: NEEDS[step], state } };
}

/** An order not closed whose deadline has passed. */
export function isSupervisionOverdue(state: SupervisionState, deadline: Date, now: Date): boolean {
  return state !== 'closed' && deadline.getTime() < now.getTime();
}
