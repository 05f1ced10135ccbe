/**
 * The planner's village: which one a viewer may plan, the settings the rules are judged by,
 * and the base a planning session starts from (the village outline and its current grids).
 */
import { coversCode } from '../auth/jurisdiction.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import {
  findCurrentGridShapes,
  findCurrentVillageGrids,
  findPlanningSettingsJson,
  findPlanningVillage,
  findVillageGeoJSON,
} from '../db/queries/grid-change-history.js';
import { parsePlanningSettings, polsbyPopper, type PlanningSettings } from '../domain/grid-planning/rules.js';
import { badInput, notFound, outsideJurisdiction } from '../errors.js';

/** A village as the planner names it. */
export interface PlanningVillage {
  code: string;
  name: string;
}

/** The rules every proposal is judged by, as the data administrator set them. */
export async function planningSettings(db: Queryable): Promise<PlanningSettings> {
  return parsePlanningSettings(await findPlanningSettingsJson(db));
}

/**
 * The village `code` names, when it lies inside the viewer's jurisdiction (the caller has
 * checked edit_grids); `lock` holds it for the rest of the transaction.
 */
export async function plannableVillage(
  db: Queryable,
  viewer: Viewer,
  code: string,
  field: string,
  lock = false,
): Promise<PlanningVillage> {
  if (!/^\d{12}$/.test(code))
    throw badInput(
      field,
      `"${code}" is not a 12-digit village code`,
      {},
      {
        reason: 'bad_code',
        params: { value: code },
      },
    );
  if (!coversCode(viewer.jurisdiction, code)) throw outsideJurisdiction('village', code);
  const village = await findPlanningVillage(db, code, lock);
  if (!village) throw notFound('village', code);
  return village;
}

/** Why a change is made, trimmed; every change and revert must say it. */
export function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '' || trimmed.length > 1000)
    throw badInput(
      'reason',
      'say why, in 1 to 1000 characters',
      {},
      {
        reason: 'reason_required',
        params: { max: 1000 },
      },
    );
  return trimmed;
}

/** What a planning session starts from: the village outline, its current grids, their versions. */
export async function planningBase(db: Queryable, village: PlanningVillage) {
  const current = await findCurrentVillageGrids(db, village.code);
  const shapes = new Map((await findCurrentGridShapes(db, village.code)).map((s) => [s.code, s]));
  const grids = current.map((g) => {
    const shape = shapes.get(g.code)!;
    return {
      grid: {
        code: g.code,
        villageCode: village.code,
        name: g.name,
        kind: g.kind,
        households: g.households,
        population: g.population,
        staff: g.staff,
        version: g.version,
        validFrom: g.valid_from,
        validTo: null,
      },
      geometry: JSON.parse(shape.geojson),
      areaSquareMeters: shape.area,
      compactness: polsbyPopper(shape.area, shape.perimeter),
    };
  });
  return {
    villageCode: village.code,
    villageName: village.name,
    villageGeometry: JSON.parse((await findVillageGeoJSON(db, village.code))!),
    grids,
    baseVersions: current.map((g) => ({ code: g.code, version: g.version })),
  };
}
