/**
 * Grids are imported through the grid planner's change mechanism (issue 6): the grids of the
 * file are, per village, the village's new partition — judged by the same rules as a planner's
 * edit (valid, inside the village, no overlaps, no gaps), committed as one versioned grid change
 * per village, and rolled back by reverting those changes. Current grids of a village that the
 * file leaves out are retired, as a planner's edit would; the report warns of each.
 */
import type { Queryable } from '../db/database.js';
import {
  findChangeGrids,
  findCurrentVillageGrids,
  findGridChange,
  findPlanningSettingsJson,
  findPlanningVillage,
} from '../db/queries/grid-change-history.js';
import { findValidities } from '../db/queries/grid-changes.js';
import { findOverlapsWithOtherVillages } from '../db/queries/imports.js';
import type { GridPlanInput } from '../domain/grid-planning/proposal.js';
import { parsePlanningSettings } from '../domain/grid-planning/rules.js';
import { commitGridChangeIn } from '../planning/commit.js';
import { commitRestoring } from '../planning/revert.js';
import { judgeProposal } from '../planning/judge.js';
import type { PreparedRow } from './prepare.js';
import type { GridRow, Problem } from './rows.js';

/** Overlap with a neighbouring village's grid worth a warning (shared edges computed elsewhere differ by slivers). */
const NEIGHBOUR_OVERLAP_SQUARE_METERS = 1;

export interface GridPlan {
  villages: { code: string; name: string; rows: PreparedRow[]; changes: boolean }[];
  rejected: Problem[];
  warnings: Problem[];
  counts: { inserted: number; updated: number; retired: number };
}

const byVillage = (rows: readonly PreparedRow[]) => {
  const groups = new Map<string, PreparedRow[]>();
  for (const r of rows) {
    const village = (r.row as GridRow).code.slice(0, 12);
    groups.set(village, [...(groups.get(village) ?? []), r]);
  }
  return groups;
};

const planInput = (r: PreparedRow): GridPlanInput => {
  const g = r.row as GridRow;
  return {
    code: g.code,
    geometry: g.geometry,
    name: g.name,
    kind: g.kind,
    households: g.households,
    population: g.population,
  };
};

/** Judges every village of the file as the planner would; nothing is written. */
export async function planGridImport(tx: Queryable, rows: readonly PreparedRow[]): Promise<GridPlan> {
  const settings = parsePlanningSettings(await findPlanningSettingsJson(tx));
  const plan: GridPlan = { villages: [], rejected: [], warnings: [], counts: { inserted: 0, updated: 0, retired: 0 } };
  for (const [code, group] of byVillage(rows)) {
    const village = await findPlanningVillage(tx, code);
    if (!village) {
      for (const r of group) {
        plan.rejected.push({
          position: r.position,
          field: 'code',
          code: 'village_not_on_map' as const,
          params: { column: 'code', village: code, grid: (r.row as GridRow).code },
          reason: `village ${code} of grid ${(r.row as GridRow).code} is not on the map`,
        });
      }
      continue;
    }
    const judged = await judgeProposal(tx, village, group.map(planInput), settings);
    const where = (index: number | null) => (index === null ? `village ${code}` : group[index]!.position);
    for (const issue of judged.issues) {
      const problem = {
        position: where(issue.gridIndex),
        field: 'geometry',
        code: 'planner_issue' as const,
        params: { column: 'geometry', issue: issue.code, detail: issue.message },
        reason: `${issue.code}: ${issue.message}`,
      };
      (issue.severity === 'error' ? plan.rejected : plan.warnings).push(problem);
    }
    if (judged.issues.some((i) => i.severity === 'error')) continue;
    const retired = judged.impact?.retiredCodes ?? [];
    for (const retiredCode of retired) {
      plan.warnings.push({
        position: `village ${code}`,
        field: 'code',
        reason: `grid ${retiredCode} is not in the file and will be retired`,
      });
    }
    const changed = judged.grids.filter((g) => g.changed);
    plan.counts.inserted += changed.filter((g) => g.isNew).length;
    plan.counts.updated += changed.filter((g) => !g.isNew).length;
    plan.counts.retired += retired.length;
    plan.villages.push({ code, name: village.name, rows: group, changes: changed.length > 0 || retired.length > 0 });
  }
  const valid = await findValidities(
    tx,
    rows.map((r) => (r.row as GridRow).geometry),
  );
  const candidates = rows
    .map((r, index) => ({
      index,
      geometry: (r.row as GridRow).geometry,
      villageCode: (r.row as GridRow).code.slice(0, 12),
    }))
    .filter((g) => valid[g.index]!.valid);
  for (const o of await findOverlapsWithOtherVillages(tx, candidates, NEIGHBOUR_OVERLAP_SQUARE_METERS)) {
    plan.warnings.push({
      position: rows[o.index]!.position,
      field: 'geometry',
      reason: `overlaps grid ${o.code} of another village by ${Math.round(o.areaSquareMeters)} m²`,
    });
  }
  return plan;
}

/** Commits one grid change per village that changes; returns the change ids. */
export async function applyGridImport(
  tx: Queryable,
  plan: GridPlan,
  who: { username: string; fileName: string; importId: number; now: Date },
): Promise<string[]> {
  const settings = parsePlanningSettings(await findPlanningSettingsJson(tx));
  const ids: string[] = [];
  for (const village of plan.villages.filter((v) => v.changes)) {
    const current = await findCurrentVillageGrids(tx, village.code);
    ids.push(
      await commitGridChangeIn(tx, {
        villageCode: village.code,
        grids: village.rows.map(planInput),
        expectedVersions: current.map((g) => ({ code: g.code, version: g.version })),
        effectiveFrom: who.now,
        reason: `导入 import #${who.importId}: ${who.fileName}`.slice(0, 1000),
        confirmWarnings: true,
        author: who.username,
        now: who.now,
        settings,
      }),
    );
  }
  return ids;
}

export class GridRollbackConflict extends Error {}

/** Reverts the grid changes of an import, newest first, as the planner's revert does. */
export async function revertGridChanges(
  tx: Queryable,
  changeIds: readonly string[],
  who: { username: string; prefix: string; importId: number; now: Date },
): Promise<void> {
  const settings = parsePlanningSettings(await findPlanningSettingsJson(tx));
  for (const id of changeIds) {
    const change = await findGridChange(tx, id, who.prefix);
    if (!change) throw new GridRollbackConflict(`grid change #${id} is outside your jurisdiction`);
    if (change.reverted_by_change_id) {
      throw new GridRollbackConflict(
        `grid change #${id} was already reverted by change #${change.reverted_by_change_id}`,
      );
    }
    const made = await findChangeGrids(tx, id, 'after');
    const changedAgain = made.find((g) => g.valid_to !== null);
    if (changedAgain) {
      throw new GridRollbackConflict(
        `grid ${changedAgain.code} was changed again after the import; revert that change first`,
      );
    }
    await commitRestoring(tx, change, made, {
      reason: `撤销导入 rollback of import #${who.importId}`,
      author: who.username,
      now: who.now,
      settings,
    });
  }
}
