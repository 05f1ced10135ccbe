/**
 * Moving a case through its lifecycle inside the caller's transaction: the case must lie in
 * the viewer's jurisdiction (one outside is told as not found), be the version the handler
 * read, and allow the move; the move is stored with its event.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import { caseExists, findCase, insertCaseEvent, updateCaseState, type CaseRow } from '../db/queries/cases.js';
import { applyCaseAction, type CaseAction, type CaseEvent } from '../domain/case-lifecycle.js';
import { badInput, conflict, notFound, outsideJurisdiction } from '../errors.js';
import { caseState } from './state.js';

export interface AdvanceRequest {
  code: string;
  action: CaseAction;
  expectedVersion: number;
  /** Already checked (checkNote). */
  note: string | null;
  viewer: Viewer;
  now: Date;
}

/** Applies the move; returns the case as stored after it and the event it made. */
export async function advanceCaseIn(tx: Queryable, r: AdvanceRequest): Promise<{ row: CaseRow; event: CaseEvent }> {
  const row = await findCase(tx, r.code, r.viewer.prefix, true);
  if (!row) {
    if (await caseExists(tx, r.code)) throw outsideJurisdiction('case', r.code);
    throw notFound('case', r.code);
  }
  if (row.version !== r.expectedVersion) {
    throw conflict(
      `case ${r.code} changed since you read it (version ${row.version}, you had ${r.expectedVersion}); reload it`,
      { currentVersion: row.version },
      { reason: 'case_changed', params: { case: r.code, version: row.version, yourVersion: r.expectedVersion } },
    );
  }
  const move = applyCaseAction(caseState(row), r.action, r.now);
  if (!move.ok) {
    throw badInput(
      'action',
      move.error.message,
      { allowedActions: move.error.allowed },
      // Held at a gate of dispatch: say which (no lead named yet, or the lead has not accepted).
      { reason: move.error.gate ?? 'action_not_allowed', params: { action: r.action, status: row.status } },
    );
  }
  const { state, event } = move.value;
  await updateCaseState(tx, row.code, state);
  await insertCaseEvent(tx, {
    case_code: row.code,
    at: r.now,
    from_status: event.from,
    to_status: event.to,
    actor: r.viewer.username,
    note: r.note,
  });
  return { row: (await findCase(tx, row.code, r.viewer.prefix))!, event };
}
