/**
 * Committing a grid change inside the caller's transaction: lock the village, refuse stale
 * versions (CONFLICT naming the change that landed first), judge again (the server is
 * authoritative, whatever the browser showed), then close, create and reassign.
 */
import type { Queryable } from '../db/database.js';
import {
  applyAssignmentMoves,
  closeGridVersions,
  findCurrentVillageGrids,
  findChangeTouching,
  findEverUsedCodes,
  findPlanningVillage,
  insertGridChange,
  insertGridVersions,
} from '../db/queries/grid-change-history.js';
import type { GridPlanInput } from '../domain/grid-planning/proposal.js';
import type { PlanningSettings } from '../domain/grid-planning/rules.js';
import { badInput, conflict, notFound } from '../errors.js';
import { judgeProposal, type Restorable } from './judge.js';

export interface CommitRequest {
  villageCode: string;
  grids: readonly GridPlanInput[];
  expectedVersions: readonly { code: string; version: number }[];
  effectiveFrom: Date;
  reason: string;
  confirmWarnings: boolean;
  author: string;
  now: Date;
  settings: PlanningSettings;
  /** For a revert: the change undone and the versions it closed, which may come back. */
  revert?: { changeId: string; restorable: Restorable };
}

async function staleConflict(tx: Queryable, code: string, version: number | null, what: string): Promise<never> {
  const change = await findChangeTouching(tx, code, version);
  const who = change
    ? `change #${change.id} by ${change.author} at ${change.at.toISOString()} (${change.reason})`
    : 'another change';
  const landed = { changeId: change?.id ?? null, author: change?.author ?? null, at: change?.at.toISOString() ?? null };
  throw conflict(`${what}: ${who} landed first; reload the village and redo the edit`, landed, {
    reason: 'stale_version',
    params: landed,
  });
}

/** Applies the change; returns the new change id. Throws GraphQL errors, writing nothing. */
export async function commitGridChangeIn(tx: Queryable, r: CommitRequest): Promise<string> {
  const village = await findPlanningVillage(tx, r.villageCode, true);
  if (!village) throw notFound('village', r.villageCode);
  // Stale versions first: naming the change that landed first matters more than any rule.
  const current = new Map((await findCurrentVillageGrids(tx, village.code)).map((g) => [g.code, g.version]));
  const expected = new Map(r.expectedVersions.map((v) => [v.code, v.version]));
  for (const [code, version] of expected) {
    if (current.get(code) !== version) {
      await staleConflict(tx, code, version, `grid ${code} version ${version} is no longer current`);
    }
  }
  for (const code of current.keys()) {
    if (!expected.has(code)) await staleConflict(tx, code, null, `grid ${code} is not among expectedVersions`);
  }

  const judged = await judgeProposal(tx, village, r.grids, r.settings, r.revert?.restorable);
  const errors = judged.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw badInput(
      'input',
      `the change breaks ${errors.length} rule(s): ${errors[0]!.message}`,
      { issues: errors },
      { reason: 'breaks_rules', params: { count: errors.length } },
    );
  }
  const warnings = judged.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0 && !r.confirmWarnings) {
    throw badInput(
      'confirmWarnings',
      `confirm ${warnings.length} warning(s) first: ${warnings[0]!.message}`,
      { issues: warnings },
      { reason: 'unconfirmed_warnings', params: { count: warnings.length } },
    );
  }
  const changed = judged.grids.filter((g) => g.changed);
  const retired = judged.impact!.retiredCodes;
  if (changed.length === 0 && retired.length === 0)
    throw badInput('input', 'nothing changes; edit a grid first', {}, { reason: 'no_change' });

  const closing = judged.current.filter((g) => retired.includes(g.code) || changed.some((c) => c.code === g.code));
  const latest = closing.reduce((t, g) => Math.max(t, g.valid_from.getTime()), 0);
  if (r.effectiveFrom.getTime() <= latest) {
    throw badInput(
      'effectiveFrom',
      `must be after ${new Date(latest).toISOString()}, when a grid it replaces took effect`,
      {},
      { reason: 'effective_too_early', params: { after: new Date(latest).toISOString() } },
    );
  }
  if (r.effectiveFrom.getTime() > r.now.getTime()) {
    throw badInput(
      'effectiveFrom',
      'must not be in the future; scheduled changes are not supported',
      {},
      {
        reason: 'effective_in_future',
      },
    );
  }

  const versions = await findEverUsedCodes(tx, village.code);
  const created = changed.map((g) => ({
    code: g.code,
    version: (versions.get(g.code) ?? 0) + 1,
    villageCode: village.code,
    name: g.name,
    kind: g.kind,
    households: g.households,
    population: g.population,
    staff: g.staff,
    geometry: g.geometry,
    areaSquareMeters: g.areaSquareMeters,
  }));
  const impact = judged.impact!;
  const summary = (g: { code: string; version: number; households: number; population: number }) => ({
    code: g.code,
    version: g.version,
    households: g.households,
    population: g.population,
  });
  const changeId = await insertGridChange(tx, {
    villageCode: village.code,
    author: r.author,
    at: r.now,
    reason: r.reason,
    effectiveFrom: r.effectiveFrom,
    kind: r.revert ? 'revert' : judged.kind,
    before: closing.map(summary),
    after: created.map(summary),
    impact: {
      casesMoved: impact.casesMoved,
      camerasMoved: impact.camerasMoved,
      riskPointsMoved: impact.riskPointsMoved,
      householdsMoved: impact.householdsMoved,
      moves: impact.moves,
    },
    revertsChangeId: r.revert?.changeId ?? null,
  });
  // Close first: one current version per code is a unique index.
  await closeGridVersions(
    tx,
    closing.map((g) => g.code),
    r.effectiveFrom,
    changeId,
  );
  await insertGridVersions(tx, created, r.effectiveFrom, changeId);
  await applyAssignmentMoves(tx, impact.moves);
  return changeId;
}
