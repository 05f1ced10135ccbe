/** The GraphQL documents of the grid planner (/plan) and the shapes they answer. */
import type { GridIssue } from '../../../server/src/domain/grid-planning/rules.js';
import type { PlanningSettings } from '../../../server/src/domain/grid-planning/rules.js';
import type { BaseGrid } from './edit-state.js';
import type { Position } from '../geometry/positions.js';

export const PLAN_START = /* GraphQL */ `
  query PlanStart {
    me {
      username
      jurisdiction
    }
    townships: adminUnits(level: township) {
      code
      name
    }
    gridPlanningSettings {
      householdsMin
      householdsMax
      minAreaSquareMeters
      compactnessWarnBelow
      gapToleranceSquareMeters
      overlapToleranceSquareMeters
    }
  }
`;
export interface PlanStart {
  me: { username: string; jurisdiction: string };
  townships: { code: string; name: string }[];
  gridPlanningSettings: PlanningSettings;
}

export const VILLAGES = /* GraphQL */ `
  query PlanVillages($township: ID!) {
    adminUnits(parentCode: $township, level: village) {
      code
      name
    }
  }
`;

export const PLAN_BASE = /* GraphQL */ `
  query PlanBase($village: ID!) {
    gridPlanningBase(villageCode: $village) {
      villageCode
      villageName
      villageGeometry
      grids {
        grid {
          code
          name
          households
          population
          counts {
            openCases
            cameras
            riskPoints
          }
        }
        geometry
        areaSquareMeters
        compactness
      }
      baseVersions {
        code
        version
      }
    }
  }
`;
export interface PlanBaseGrid extends BaseGrid {
  grid: BaseGrid['grid'] & {
    population: number;
    counts: { openCases: number; cameras: number; riskPoints: number };
  };
  areaSquareMeters: number;
  compactness: number;
}
export interface PlanBase {
  villageCode: string;
  villageName: string;
  villageGeometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: any };
  grids: PlanBaseGrid[];
  baseVersions: { code: string; version: number }[];
}

export const SPLIT = /* GraphQL */ `
  query PlanSplit($polygon: GeoJSON!, $line: GeoJSON!) {
    splitGridGeometry(polygon: $polygon, line: $line)
  }
`;

export const MERGE = /* GraphQL */ `
  query PlanMerge($polygons: [GeoJSON!]!) {
    mergeGridGeometries(polygons: $polygons)
  }
`;

export const PROPOSE = /* GraphQL */ `
  query PlanPropose($input: GridChangeInput!) {
    proposeGridChange(input: $input) {
      valid
      kind
      issues {
        code
        severity
        message
        params {
          grid
          otherGrid
          problem
          ring
          squareMeters
          minSquareMeters
          toleranceSquareMeters
          households
          min
          max
          compactness
          threshold
          parts
          vertices
          count
          gridCode
          village
        }
        gridIndex
        otherGridIndex
        location
        value
      }
      grids {
        index
        code
        isNew
        name
        households
        population
        estimated
        areaSquareMeters
        compactness
      }
      impact {
        moves {
          kind
          id
          fromGridCode
          toGridCode
        }
        casesMoved
        camerasMoved
        riskPointsMoved
        householdsMoved
        reshapedCodes
        newCodes
        retiredCodes
        index {
          gridCode
          before
          after
        }
        indexNote
      }
      baseVersions {
        code
        version
      }
    }
  }
`;
export interface ProposedGrid {
  index: number;
  code: string;
  isNew: boolean;
  name: string;
  households: number;
  population: number;
  estimated: boolean;
  areaSquareMeters: number;
  compactness: number;
}
export interface Impact {
  moves: { kind: 'case' | 'camera' | 'riskPoint'; id: string; fromGridCode: string; toGridCode: string }[];
  casesMoved: number;
  camerasMoved: number;
  riskPointsMoved: number;
  householdsMoved: number;
  reshapedCodes: string[];
  newCodes: string[];
  retiredCodes: string[];
  index: { gridCode: string; before: number | null; after: number | null }[] | null;
  indexNote: string | null;
}
export interface Proposal {
  valid: boolean;
  kind: string;
  issues: GridIssue[];
  grids: ProposedGrid[];
  impact: Impact | null;
  baseVersions: { code: string; version: number }[];
}

const CHANGE_FIELDS = /* GraphQL */ `
  id
  villageCode
  kind
  author
  at
  reason
  effectiveFrom
  revertsChangeId
  revertedByChangeId
  casesMoved
  camerasMoved
  riskPointsMoved
  householdsMoved
  before {
    code
    name
    geometry(simplifyMeters: 2)
  }
  after {
    code
    name
    geometry(simplifyMeters: 2)
  }
`;
export interface ChangeGrid {
  code: string;
  name: string;
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}
export interface GridChange {
  id: string;
  villageCode: string;
  kind: string;
  author: string;
  at: string;
  reason: string;
  effectiveFrom: string;
  revertsChangeId: string | null;
  revertedByChangeId: string | null;
  casesMoved: number;
  camerasMoved: number;
  riskPointsMoved: number;
  householdsMoved: number;
  before: ChangeGrid[];
  after: ChangeGrid[];
}

export const CHANGES = /* GraphQL */ `
  query PlanChanges($village: ID!) {
    gridChanges(villageCode: $village, first: 50) {
      ${CHANGE_FIELDS}
    }
  }
`;

export const COMMIT = /* GraphQL */ `
  mutation PlanCommit(
    $input: GridChangeInput!
    $expected: [GridVersionInput!]!
    $effectiveFrom: DateTime
    $reason: String!
    $confirm: Boolean
  ) {
    commitGridChange(
      input: $input
      expectedVersions: $expected
      effectiveFrom: $effectiveFrom
      reason: $reason
      confirmWarnings: $confirm
    ) {
      ${CHANGE_FIELDS}
    }
  }
`;

export const REVERT = /* GraphQL */ `
  mutation PlanRevert($id: ID!, $reason: String!) {
    revertGridChange(id: $id, reason: $reason) {
      id
    }
  }
`;
