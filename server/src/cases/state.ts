/** A case row as the lifecycle sees it, and the note a handler may add to a move. */
import type { CaseRow } from '../db/queries/cases.js';
import type { CaseState } from '../domain/case-lifecycle.js';
import { leadStatusOf } from '../domain/dispatch/moves.js';
import type { AssignmentState, CaseCategory, CaseSeverity, CaseStatus, HandledLevel } from '../domain/vocabulary.js';
import { badInput } from '../errors.js';

const MAX_NOTE = 2000;

/** The lifecycle state a stored case is in. */
export function caseState(row: CaseRow): CaseState {
  return {
    status: row.status as CaseStatus,
    handledLevel: row.handled_level as HandledLevel,
    category: row.category as CaseCategory,
    severity: row.severity as CaseSeverity,
    reportedAt: row.reported_at,
    deadline: row.deadline,
    closedAt: row.closed_at,
    lead: leadStatusOf(row.lead_state as AssignmentState | null),
  };
}

/** The note trimmed (null when empty), or a bad input when it is too long to keep. */
export function checkNote(note: string | null | undefined): string | null {
  if (note == null) return null;
  if (note.length > MAX_NOTE)
    throw badInput(
      'note',
      `is ${note.length} characters; at most ${MAX_NOTE}`,
      {},
      {
        reason: 'too_long',
        params: { length: note.length, max: MAX_NOTE },
      },
    );
  return note.trim() || null;
}
