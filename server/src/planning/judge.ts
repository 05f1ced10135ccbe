/**
 * Judging a proposed partition of a village: shape checks (domain) → validity (PostGIS, first,
 * alone) → measurements (PostGIS) → rules (domain) → codes, estimates and impact. The same
 * judgement serves proposeGridChange (shown) and commitGridChange (enforced, inside its transaction).
 */
import type { Queryable } from '../db/database.js';
import { findCurrentVillageGrids, findEverUsedCodes, type PlanningGridRow } from '../db/queries/grid-change-history.js';
import { findValidities, measureProposal, type AssignmentMove } from '../db/queries/grid-changes.js';
import type { GridIndexChange } from '../domain/index/grid-impact.js';
import { allocateGridCodes, apportionByArea, householdsMoved } from '../domain/grid-planning/allocation.js';
import {
  classifyChange,
  parseProposal,
  unknownCodeIssues,
  type GridChangeKind,
  type GridPlanInput,
  type PolygonGeometry,
} from '../domain/grid-planning/proposal.js';
import {
  gridNumber,
  hasErrors,
  issue,
  judgePartition,
  polsbyPopper,
  sortIssues,
  validityProblem,
  type GridIssue,
  type PlanningSettings,
} from '../domain/grid-planning/rules.js';
import { indexImpact } from './index-impact.js';

export interface ProposedGridOut {
  index: number;
  code: string;
  isNew: boolean;
  /** False when the grid is exactly as it is now (same boundary and attributes): no new version. */
  changed: boolean;
  name: string;
  kind: 'comprehensive' | 'dedicated';
  households: number;
  population: number;
  estimated: boolean;
  staff: PlanningGridRow['staff'];
  areaSquareMeters: number;
  perimeterMeters: number;
  compactness: number;
  geometry: PolygonGeometry;
}

export interface ImpactOut {
  moves: AssignmentMove[];
  casesMoved: number;
  camerasMoved: number;
  riskPointsMoved: number;
  householdsMoved: number;
  reshapedCodes: string[];
  newCodes: string[];
  retiredCodes: string[];
  /** Null when not asked for (a commit does not need it). */
  index: GridIndexChange[] | null;
  indexNote: string;
}

export interface Judgement {
  valid: boolean;
  kind: GridChangeKind;
  issues: GridIssue[];
  grids: ProposedGridOut[];
  impact: ImpactOut | null;
  current: PlanningGridRow[];
  baseVersions: { code: string; version: number }[];
}

/** Grids restored by a revert: codes that may come back although they are not current. */
export type Restorable = ReadonlyMap<string, PlanningGridRow>;

const INDEX_NOT_ASKED = 'the index before/after is computed for proposals (proposeGridChange), not for commits';

export interface JudgeOptions {
  /** Compute the index before/after of the affected grids for the last month closed by this instant. */
  indexAt?: Date;
}

/**
 * Run it inside a transaction: its reads then see one snapshot, and JIT compiling is turned off
 * for it (PostGIS functions are costed so high that the planner compiles even this small query,
 * which costs more than the query and saves nothing).
 */
export async function judgeProposal(
  db: Queryable,
  village: { code: string; name: string },
  input: readonly GridPlanInput[],
  settings: PlanningSettings,
  restorable: Restorable = new Map(),
  options: JudgeOptions = {},
): Promise<Judgement> {
  await db.query('SET LOCAL jit = off');
  const current = await findCurrentVillageGrids(db, village.code);
  const baseVersions = current.map((g) => ({ code: g.code, version: g.version }));
  const byCode = new Map<string, PlanningGridRow>([...restorable, ...current.map((g) => [g.code, g] as const)]);
  const parsed = parseProposal(input);
  const issues = [...parsed.issues, ...unknownCodeIssues(parsed.planned, new Set(byCode.keys()))];
  const done = (extra: GridIssue[] = []): Judgement => {
    const all = sortIssues([...issues, ...extra]);
    return { valid: false, kind: 'reshape', issues: all, grids: [], impact: null, current, baseVersions };
  };
  if (hasErrors(issues)) return done();

  const planned = parsed.planned;
  const geometries = planned.map((p) => p.geometry);
  const validity = await findValidities(db, geometries);
  const invalid = validity.flatMap((v, i) =>
    v.valid
      ? []
      : [
          issue(
            'INVALID_GEOMETRY',
            `grid ${gridNumber(i)}: ${v.reason ?? 'invalid geometry'}`,
            { gridIndex: i, location: v.location },
            { problem: validityProblem(v.reason) },
          ),
        ],
  );
  if (invalid.length > 0) return done(invalid);

  const measured = await measureProposal(
    db,
    village.code,
    geometries,
    planned.map((p) => p.code),
  );
  const oldHouseholds = new Map(current.map((g) => [g.code, g.households]));
  const oldPopulation = new Map(current.map((g) => [g.code, g.population]));
  const estHouseholds = apportionByArea(oldHouseholds, measured.shared, planned.length);
  const estPopulation = apportionByArea(oldPopulation, measured.shared, planned.length);

  const newCount = planned.filter((p) => p.code === null).length;
  const used = await findEverUsedCodes(db, village.code);
  const allocated = allocateGridCodes(village.code, used.keys(), newCount);
  if (!allocated.ok) issues.push(issue('SERIALS_EXHAUSTED', allocated.error.message, {}, { village: village.code }));
  const fresh = allocated.ok ? [...allocated.value] : [];
  const codes = planned.map((p) => p.code ?? fresh.shift() ?? `${village.code}???`);

  const grids = planned.map((p, i): ProposedGridOut => {
    const old = p.code === null ? undefined : byCode.get(p.code);
    const m = measured.grids[i]!;
    const households = p.households ?? estHouseholds[i]!;
    const population = p.population ?? estPopulation[i]!;
    // The serial as the demo and most centres write it: 第6网格, not 第006网格.
    const name = p.name ?? old?.name ?? `${village.name}第${Number(codes[i]!.slice(12))}网格`;
    const kind = p.kind ?? old?.kind ?? 'comprehensive';
    const sameShape = measured.shared.some((s) => s.newIndex === i && s.oldCode === p.code && s.same);
    const changed =
      !old ||
      !current.includes(old) ||
      !sameShape ||
      old.households !== households ||
      old.population !== population ||
      old.name !== name ||
      old.kind !== kind;
    return {
      index: p.index,
      code: codes[i]!,
      isNew: p.code === null,
      changed,
      name,
      kind,
      households,
      population,
      estimated: p.households === null,
      staff: old?.staff ?? { head: 1, workers: 1, volunteers: 0 },
      areaSquareMeters: m.areaSquareMeters,
      perimeterMeters: m.perimeterMeters,
      compactness: polsbyPopper(m.areaSquareMeters, m.perimeterMeters),
      geometry: p.geometry,
    };
  });
  issues.push(
    ...judgePartition(
      {
        grids: measured.grids.map((m, i) => ({ ...m, households: grids[i]!.households })),
        overlaps: measured.overlaps,
        gapSquareMeters: measured.gapSquareMeters,
        gapLocation: measured.gapLocation,
      },
      settings,
    ),
  );

  const kept = new Set(planned.map((p) => p.code).filter((c): c is string => c !== null));
  const retiredCodes = current.filter((g) => !kept.has(g.code)).map((g) => g.code);
  const moves: AssignmentMove[] = measured.moves.map((m) => ({
    kind: m.kind,
    id: m.id,
    fromGridCode: m.fromGridCode,
    toGridCode: codes[m.toIndex]!,
  }));
  const count = (kind: AssignmentMove['kind']) => moves.filter((m) => m.kind === kind).length;
  const reshapedCodes = grids.filter((g) => !g.isNew && g.changed).map((g) => g.code);
  const index = options.indexAt
    ? await indexImpact(db, {
        villageCode: village.code,
        geometries,
        inputCodes: planned.map((p) => p.code),
        grids,
        current,
        retiredCodes,
        at: options.indexAt,
      })
    : { index: null, indexNote: INDEX_NOT_ASKED };
  const impact: ImpactOut = {
    moves,
    casesMoved: count('case'),
    camerasMoved: count('camera'),
    riskPointsMoved: count('riskPoint'),
    householdsMoved: householdsMoved(oldHouseholds, measured.shared, codes),
    reshapedCodes,
    newCodes: grids.filter((g) => g.isNew).map((g) => g.code),
    retiredCodes,
    index: index.index,
    indexNote: index.indexNote,
  };
  const sorted = sortIssues(issues);
  return {
    valid: !hasErrors(sorted),
    kind: classifyChange(impact.newCodes.length, retiredCodes.length),
    issues: sorted,
    grids,
    impact,
    current,
    baseVersions,
  };
}
