/**
 * Reverting a grid change inside the caller's transaction: refused when it was reverted already
 * or when a later change reshaped one of its grids again (CONFLICT naming that change); otherwise
 * committed as a new change that restores the grids it closed.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import {
  findChangeGrids,
  findChangeTouching,
  findCurrentVillageGrids,
  findGridChange,
  findGridVersionsGeoJSON,
} from '../db/queries/grid-change-history.js';
import type { GridPlanInput } from '../domain/grid-planning/proposal.js';
import type { PlanningSettings } from '../domain/grid-planning/rules.js';
import { conflict, notFound } from '../errors.js';
import { commitGridChangeIn } from './commit.js';
import { plannableVillage } from './village.js';

export interface RevertRequest {
  changeId: string;
  reason: string;
  viewer: Viewer;
  now: Date;
  settings: PlanningSettings;
}

/** Reverts the change; returns the id of the change that reverts it. */
export async function revertGridChangeIn(tx: Queryable, r: RevertRequest): Promise<string> {
  const change = await findGridChange(tx, r.changeId, r.viewer.prefix);
  if (!change) throw notFound('grid_change', r.changeId);
  await plannableVillage(tx, r.viewer, change.village_code, 'id', true);
  if (change.reverted_by_change_id) {
    throw conflict(
      `change #${change.id} was already reverted by change #${change.reverted_by_change_id}`,
      { changeId: change.reverted_by_change_id },
      { reason: 'already_reverted', params: { change: change.id, changeId: change.reverted_by_change_id } },
    );
  }
  const made = await findChangeGrids(tx, change.id, 'after');
  for (const g of made.filter((m) => m.valid_to !== null)) {
    const later = await findChangeTouching(tx, g.code, g.version);
    throw conflict(
      `grid ${g.code} was changed again by change #${later?.id} (${later?.author}, ${later?.at.toISOString()}); revert that first`,
      { changeId: later?.id ?? null, author: later?.author ?? null, at: later?.at.toISOString() ?? null },
      {
        reason: 'changed_again',
        params: { grid: g.code, changeId: later?.id ?? null, author: later?.author ?? null },
      },
    );
  }
  return commitRestoring(tx, change, made, {
    reason: r.reason,
    author: r.viewer.username,
    now: r.now,
    settings: r.settings,
  });
}

/**
 * Commits the change that undoes `change` (whose grids `made` are all still current): the
 * village's other grids kept, the grids it closed restored. Returns the new change's id.
 */
export async function commitRestoring(
  tx: Queryable,
  change: { id: string; village_code: string },
  made: readonly { code: string }[],
  r: { reason: string; author: string; now: Date; settings: PlanningSettings },
): Promise<string> {
  const closed = await findChangeGrids(tx, change.id, 'before');
  const madeCodes = new Set(made.map((g) => g.code));
  const current = await findCurrentVillageGrids(tx, change.village_code);
  const kept = current.filter((g) => !madeCodes.has(g.code));
  const shapes = await findGridVersionsGeoJSON(tx, [...kept, ...closed]);
  const grids: GridPlanInput[] = [...kept, ...closed].map((g) => ({
    code: g.code,
    geometry: JSON.parse(shapes.get(`${g.code}:${g.version}`)!),
    name: g.name,
    kind: g.kind,
    households: g.households,
    population: g.population,
  }));
  return commitGridChangeIn(tx, {
    villageCode: change.village_code,
    grids,
    expectedVersions: current.map((g) => ({ code: g.code, version: g.version })),
    effectiveFrom: r.now,
    reason: r.reason,
    confirmWarnings: true,
    author: r.author,
    now: r.now,
    settings: r.settings,
    revert: { changeId: change.id, restorable: new Map(closed.map((g) => [g.code, g])) },
  });
}
