/**
 * The concerned city's answer to a supervision order, inside the caller's transaction:
 * acknowledged, then closed, each one response row that replicates up to the province. Only a
 * city server answers (the province's copy of the responses arrives by replication), for an
 * order inside the viewer's jurisdiction, at the version the answerer read.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import {
  findSupervisionOrder,
  insertSupervisionResponse,
  supervisionOrderExists,
  type SupervisionOrderRow,
} from '../db/queries/supervision.js';
import { nextStep, type SupervisionStep } from '../domain/supervision.js';
import { badInput, conflict, notFound, outsideJurisdiction } from '../errors.js';
import { issuerLevelOf } from './issue.js';

export interface RespondRequest {
  code: string;
  step: SupervisionStep;
  /** The order's version as read (its number of responses). */
  expectedVersion: number;
  /** Already checked (checkSupervisionText). */
  note: string | null;
  viewer: Viewer;
  now: Date;
}

/** Records the step; returns the order as stored after it. */
export async function respondToSupervisionOrderIn(tx: Queryable, r: RespondRequest): Promise<SupervisionOrderRow> {
  const row = await findSupervisionOrder(tx, r.code, r.viewer.prefix, true);
  if (!row) {
    if (await supervisionOrderExists(tx, r.code)) throw outsideJurisdiction('supervision_order', r.code);
    throw notFound('supervision_order', r.code);
  }
  if ((await issuerLevelOf(tx)) === 'province') {
    throw badInput(
      'code',
      `order ${r.code} is answered by city ${row.target_city}, on its own server`,
      {},
      { reason: 'answered_in_city', params: { order: r.code, city: row.target_city } },
    );
  }
  if (row.responses !== r.expectedVersion) {
    throw conflict(
      `supervision order ${r.code} changed since you read it (version ${row.responses}, you had ${r.expectedVersion}); reload it`,
      { currentVersion: row.responses },
      {
        reason: 'supervision_changed',
        params: { order: r.code, version: row.responses, yourVersion: r.expectedVersion },
      },
    );
  }
  const allowed = nextStep(row.state, r.step);
  if (!allowed.ok) {
    throw badInput(
      'code',
      `order ${r.code} is ${row.state}; it must be ${allowed.error.needs} to be ${r.step}`,
      {},
      { reason: 'supervision_step_not_allowed', params: { order: r.code, state: row.state, step: r.step } },
    );
  }
  await insertSupervisionResponse(tx, {
    order_code: row.code,
    seq: row.responses + 1,
    kind: r.step,
    responded_by: r.viewer.username,
    at: r.now,
    note: r.note,
  });
  return (await findSupervisionOrder(tx, row.code, r.viewer.prefix))!;
}
