/**
 * Issuing a supervision order inside the caller's transaction (docs/federation.md, "Supervision
 * orders"): a leader whose jurisdiction is a city or the province names a unit or a case inside
 * it, a demand and a deadline. The order is filed under the target's unit with the level it was
 * issued at (P at the province, C at a city), so its publication's row filter sends it to the
 * one city it concerns.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import { readNode } from '../db/federation.js';
import { findAdminUnit } from '../db/queries/admin-units.js';
import { caseExists, findCase } from '../db/queries/cases.js';
import {
  findSupervisionOrder,
  insertSupervisionOrder,
  nextSupervisionSerial,
  type SupervisionOrderRow,
} from '../db/queries/supervision.js';
import { adminLevelOfCode, isProvinceCode } from '../domain/codes.js';
import { supervisionCode, supervisionCodePrefix, supervisionTarget, type IssuerLevel } from '../domain/supervision.js';
import { badInput, forbidden, notFound, outsideJurisdiction } from '../errors.js';

export interface IssueRequest {
  target: string;
  /** Already checked (checkSupervisionText). */
  demand: string;
  /** Already checked (checkDeadline). */
  deadline: Date;
  viewer: Viewer;
  now: Date;
}

/** The level this server issues at: a province server's orders go down, a city's stay home. */
export async function issuerLevelOf(db: Queryable): Promise<IssuerLevel> {
  return (await readNode(db))?.role === 'province' ? 'province' : 'city';
}

/** Supervision is issued from a city's or the province's center, not from below. */
function checkIssuerJurisdiction(viewer: Viewer): void {
  if (isProvinceCode(viewer.jurisdiction) || adminLevelOfCode(viewer.jurisdiction) === 'city') return;
  throw forbidden(
    `supervision orders are issued by a leader of a city or the province; your jurisdiction is ${viewer.jurisdiction}`,
    { reason: 'supervise_from_city', params: { unit: viewer.jurisdiction } },
  );
}

/** Records the order; returns it as stored. */
export async function issueSupervisionOrderIn(tx: Queryable, r: IssueRequest): Promise<SupervisionOrderRow> {
  checkIssuerJurisdiction(r.viewer);
  const target = supervisionTarget(r.target);
  if (!target) {
    throw badInput(
      'target',
      `"${r.target}" is neither a 12-digit unit code nor a 24-digit case code`,
      {},
      { reason: 'bad_code', params: { value: r.target } },
    );
  }
  if (target.kind === 'unit') {
    if (!(await findAdminUnit(tx, target.code, r.viewer.prefix))) {
      if (await findAdminUnit(tx, target.code, '')) throw outsideJurisdiction('unit', target.code);
      throw notFound('unit', target.code);
    }
  } else if (!(await findCase(tx, target.code, r.viewer.prefix))) {
    if (await caseExists(tx, target.code)) throw outsideJurisdiction('case', target.code);
    throw notFound('case', target.code);
  }
  const level = await issuerLevelOf(tx);
  const serial = await nextSupervisionSerial(tx, supervisionCodePrefix(target.unitCode, level));
  const code = supervisionCode(target.unitCode, level, serial);
  await insertSupervisionOrder(tx, {
    code,
    targetKind: target.kind,
    targetCode: target.code,
    targetCity: target.city4,
    issuerLevel: level,
    issuedBy: r.viewer.username,
    issuedAt: r.now,
    demand: r.demand,
    deadline: r.deadline,
  });
  return (await findSupervisionOrder(tx, code, r.viewer.prefix))!;
}
