/**
 * The planning rules of a village's grid partition (横到边、纵到底、全覆盖、无缝隙), judged from
 * measurements. The same judge serves the authoritative check (measurements from PostGIS) and the
 * browser's instant feedback (measurements from turf, see mirror.ts), so both say the same thing
 * with the same codes. Pure: no I/O, no geometry library.
 */

export type IssueSeverity = 'error' | 'warning';

/** Every rule code and its severity; the GraphQL schema lists the same codes. */
export const ISSUE_SEVERITY = {
  MALFORMED_GEOMETRY: 'error',
  INVALID_GEOMETRY: 'error',
  MULTIPART: 'error',
  TOO_MANY_VERTICES: 'error',
  OUTSIDE_VILLAGE: 'error',
  OVERLAP: 'error',
  GAP: 'error',
  TOO_SMALL: 'error',
  UNKNOWN_CODE: 'error',
  DUPLICATE_CODE: 'error',
  NO_GRIDS: 'error',
  BAD_ATTRIBUTE: 'error',
  SERIALS_EXHAUSTED: 'error',
  HOUSEHOLDS_OUT_OF_RANGE: 'warning',
  LOW_COMPACTNESS: 'warning',
} as const satisfies Record<string, IssueSeverity>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;

/**
 * What a client needs to say an issue in its own words: numbers as people count them (`grid` 1 is
 * the first grid of the proposal), measurements in their units, and for codes with several causes
 * a `problem` naming which.
 */
export type IssueParams = Readonly<Record<string, string | number>>;

export interface GridIssue {
  code: IssueCode;
  severity: IssueSeverity;
  /** In English, for logs and API consumers; clients speak from `code` and `params`. */
  message: string;
  params: IssueParams;
  /** Index of the grid in the proposal; null for the village as a whole. */
  gridIndex: number | null;
  otherGridIndex: number | null;
  /** [lon, lat] of the problem. */
  location: [number, number] | null;
  value: number | null;
}

/** The number people give the grid at `index` of a proposal: 1 for the first. */
export const gridNumber = (index: number): number => index + 1;

/**
 * An issue; the grids named by index in `extra` are also in `params` as people count them
 * (`grid`, `otherGrid`), beside what `params` adds.
 */
export function issue(
  code: IssueCode,
  message: string,
  extra: Partial<Pick<GridIssue, 'gridIndex' | 'otherGridIndex' | 'location' | 'value'>> = {},
  params: IssueParams = {},
): GridIssue {
  return {
    code,
    severity: ISSUE_SEVERITY[code],
    message,
    params: {
      ...(extra.gridIndex != null ? { grid: gridNumber(extra.gridIndex) } : {}),
      ...(extra.otherGridIndex != null ? { otherGrid: gridNumber(extra.otherGridIndex) } : {}),
      ...params,
    },
    gridIndex: extra.gridIndex ?? null,
    otherGridIndex: extra.otherGridIndex ?? null,
    location: extra.location ?? null,
    value: extra.value ?? null,
  };
}

const VALIDITY_PROBLEMS: readonly [RegExp, string][] = [
  [/self-intersection/i, 'self_intersection'],
  [/too few points/i, 'collapsed_ring'],
  [/hole lies outside|nested holes|interior is disconnected/i, 'bad_hole'],
  [/not closed/i, 'not_closed'],
  [/invalid coordinate/i, 'bad_coordinate'],
];

/**
 * The `problem` parameter of an INVALID_GEOMETRY issue from PostGIS's reason
 * (ST_IsValidReason's English): `invalid` when it names none of the known causes.
 */
export function validityProblem(reason: string | null | undefined): string {
  return VALIDITY_PROBLEMS.find(([pattern]) => pattern.test(reason ?? ''))?.[1] ?? 'invalid';
}

export interface PlanningSettings {
  householdsMin: number;
  householdsMax: number;
  minAreaSquareMeters: number;
  compactnessWarnBelow: number;
  /** The rule says "covered to within 0.5 m²". */
  gapToleranceSquareMeters: number;
  /** Floating-point slack for shared edges computed on different machines. */
  overlapToleranceSquareMeters: number;
}

/** Households seen in practice are about 160–500 per grid; the issue asks for 200–500 by default. */
export const DEFAULT_PLANNING_SETTINGS: Readonly<PlanningSettings> = {
  householdsMin: 200,
  householdsMax: 500,
  minAreaSquareMeters: 10_000,
  compactnessWarnBelow: 0.15,
  gapToleranceSquareMeters: 0.5,
  overlapToleranceSquareMeters: 0.5,
};

/**
 * Settings from their stored JSON (settings key grid_planning), over the defaults. A stored value
 * of the wrong type or out of range is ignored rather than trusted, so a typo cannot switch a rule off.
 */
export function parsePlanningSettings(stored: string | null): PlanningSettings {
  const settings = { ...DEFAULT_PLANNING_SETTINGS };
  if (!stored) return settings;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return settings;
  }
  if (parsed === null || typeof parsed !== 'object') return settings;
  for (const key of Object.keys(settings) as (keyof PlanningSettings)[]) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings[key] = value;
  }
  if (settings.householdsMin > settings.householdsMax) {
    settings.householdsMin = DEFAULT_PLANNING_SETTINGS.householdsMin;
    settings.householdsMax = DEFAULT_PLANNING_SETTINGS.householdsMax;
  }
  return settings;
}

/** Polsby–Popper compactness 4πA/P²: 1 for a circle, about 0.785 for a square, near 0 for a sliver. */
export function polsbyPopper(areaSquareMeters: number, perimeterMeters: number): number {
  if (!(perimeterMeters > 0) || !(areaSquareMeters > 0)) return 0;
  return Math.min(1, (4 * Math.PI * areaSquareMeters) / (perimeterMeters * perimeterMeters));
}

export interface GridMeasure {
  areaSquareMeters: number;
  perimeterMeters: number;
  /** Area of the grid outside the village, and a point in it. */
  outsideSquareMeters: number;
  outsideLocation: [number, number] | null;
  households: number;
}

export interface OverlapMeasure {
  a: number;
  b: number;
  areaSquareMeters: number;
  location: [number, number] | null;
}

export interface PartitionMeasure {
  grids: GridMeasure[];
  /** Pairs whose overlap has area (touching edges have none). */
  overlaps: OverlapMeasure[];
  /** Area of the village covered by no grid, and a point in the largest uncovered piece. */
  gapSquareMeters: number;
  gapLocation: [number, number] | null;
}

/** Square metres as the messages give them: two decimals below 10, whole above. */
const roundedM2 = (value: number): number => Number(value.toFixed(value < 10 ? 2 : 0));
const m2 = (value: number): string => `${roundedM2(value)} m²`;

/** The issues of a measured partition, errors first, each naming its grid and place. */
export function judgePartition(measure: PartitionMeasure, settings: PlanningSettings): GridIssue[] {
  const issues: GridIssue[] = [];
  measure.grids.forEach((g, i) => {
    const n = gridNumber(i);
    if (g.outsideSquareMeters > settings.overlapToleranceSquareMeters) {
      issues.push(
        issue(
          'OUTSIDE_VILLAGE',
          `grid ${n} reaches ${m2(g.outsideSquareMeters)} outside the village`,
          { gridIndex: i, location: g.outsideLocation, value: g.outsideSquareMeters },
          { squareMeters: roundedM2(g.outsideSquareMeters) },
        ),
      );
    }
    if (g.areaSquareMeters < settings.minAreaSquareMeters) {
      issues.push(
        issue(
          'TOO_SMALL',
          `grid ${n} has ${m2(g.areaSquareMeters)}, less than the minimum ${m2(settings.minAreaSquareMeters)}`,
          { gridIndex: i, value: g.areaSquareMeters },
          { squareMeters: roundedM2(g.areaSquareMeters), minSquareMeters: settings.minAreaSquareMeters },
        ),
      );
    }
    if (g.households < settings.householdsMin || g.households > settings.householdsMax) {
      issues.push(
        issue(
          'HOUSEHOLDS_OUT_OF_RANGE',
          `grid ${n} has ${g.households} households, outside ${settings.householdsMin}–${settings.householdsMax}`,
          { gridIndex: i, value: g.households },
          { households: g.households, min: settings.householdsMin, max: settings.householdsMax },
        ),
      );
    }
    const compactness = polsbyPopper(g.areaSquareMeters, g.perimeterMeters);
    if (compactness < settings.compactnessWarnBelow) {
      issues.push(
        issue(
          'LOW_COMPACTNESS',
          `grid ${n} is elongated or ragged (Polsby–Popper ${compactness.toFixed(3)} < ${settings.compactnessWarnBelow})`,
          { gridIndex: i, value: compactness },
          { compactness: Number(compactness.toFixed(3)), threshold: settings.compactnessWarnBelow },
        ),
      );
    }
  });
  for (const o of measure.overlaps) {
    if (o.areaSquareMeters > settings.overlapToleranceSquareMeters) {
      issues.push(
        issue(
          'OVERLAP',
          `grids ${gridNumber(o.a)} and ${gridNumber(o.b)} overlap by ${m2(o.areaSquareMeters)}`,
          { gridIndex: o.a, otherGridIndex: o.b, location: o.location, value: o.areaSquareMeters },
          { squareMeters: roundedM2(o.areaSquareMeters) },
        ),
      );
    }
  }
  if (measure.gapSquareMeters > settings.gapToleranceSquareMeters) {
    issues.push(
      issue(
        'GAP',
        `${m2(measure.gapSquareMeters)} of the village is in no grid (at most ${m2(settings.gapToleranceSquareMeters)})`,
        { location: measure.gapLocation, value: measure.gapSquareMeters },
        { squareMeters: roundedM2(measure.gapSquareMeters), toleranceSquareMeters: settings.gapToleranceSquareMeters },
      ),
    );
  }
  return sortIssues(issues);
}

/** Errors before warnings, then by grid; stable otherwise. */
export function sortIssues(issues: GridIssue[]): GridIssue[] {
  const rank = (i: GridIssue) => (i.severity === 'error' ? 0 : 1);
  return issues
    .map((value, at) => ({ value, at }))
    .sort(
      (x, y) => rank(x.value) - rank(y.value) || (x.value.gridIndex ?? -1) - (y.value.gridIndex ?? -1) || x.at - y.at,
    )
    .map((x) => x.value);
}

export const hasErrors = (issues: readonly GridIssue[]): boolean => issues.some((i) => i.severity === 'error');
