/** The GraphQL documents of the wall screen and the shapes they answer. */

/** Read once, and again every half hour: who we are, the data set, the units to rank and colour. */
export const WALL_STATIC = /* GraphQL */ `
  query WallStatic($rankParent: ID, $rankLevel: AdminLevel!, $rankUnits: Boolean!) {
    me {
      username
      jurisdiction
    }
    dataset {
      synthetic
      scale
      asOf
    }
    townships: adminUnits(level: township) {
      code
      households
    }
    rankUnits: adminUnits(parentCode: $rankParent, level: $rankLevel) @include(if: $rankUnits) {
      code
      name
      population
    }
    rankGrids: grids(area: { unitCode: $rankParent }, first: 500) @skip(if: $rankUnits) {
      edges {
        node {
          code
          name
          population
        }
      }
    }
  }
`;

/** Read every minute: the headline numbers and the panels' statistics for the time window. */
export const WALL_SNAPSHOT = /* GraphQL */ `
  query WallSnapshot(
    $unit: ID
    $area: Area
    $from: DateTime!
    $to: DateTime!
    $trendFrom: DateTime!
    $rankBy: CaseGroupBy!
  ) {
    summary(unitCode: $unit) {
      unitCode
      unitName
      today {
        newCases
        closedCases
      }
      inProgress
      overdue
      onTimeClosureRate
      cameras {
        total
        online
        offline
        fault
        onlineRate
      }
      riskPointsByLevel {
        level
        count
      }
    }
    byCategory: caseStats(area: $area, from: $from, to: $to, groupBy: category) {
      key
      count
    }
    byDay: caseStats(area: $area, from: $trendFrom, to: $to, groupBy: day) {
      key
      count
      open
    }
    byTownship: caseStats(area: $area, from: $from, to: $to, groupBy: township) {
      key
      count
    }
    byRank: caseStats(area: $area, from: $from, to: $to, groupBy: $rankBy) {
      key
      count
    }
    overdueCases: cases(area: $area, overdue: true, first: 5) {
      totalCount
      edges {
        node {
          code
          category
          deadline
          villageCode
        }
      }
    }
    supervision: supervisionOrders(unitCode: $unit, state: open, first: 5) {
      code
      demand
      deadline
      overdue
    }
    cities: federationCities {
      code
      name
      stale
      staleSince
    }
    latest: cases(area: $area, first: 8) {
      edges {
        node {
          code
          category
          severity
          status
          reportedAt
          villageCode
        }
      }
    }
  }
`;

export interface Bucket {
  key: string;
  count: number;
  open?: number;
}

export interface Summary {
  unitCode: string;
  unitName: string;
  today: { newCases: number; closedCases: number };
  inProgress: number;
  overdue: number;
  onTimeClosureRate: number | null;
  cameras: { total: number; online: number; offline: number; fault: number; onlineRate: number | null };
  riskPointsByLevel: { level: number; count: number }[];
}

export interface WallStatic {
  me: { username: string; jurisdiction: string };
  dataset: { synthetic: boolean; scale: string | null; asOf: string | null } | null;
  townships: { code: string; households: number }[];
  /** The units the case rate ranks: townships or villages (absent when grids are ranked). */
  rankUnits?: RankUnit[];
  /** A village's grids, when those are ranked. */
  rankGrids?: { edges: { node: RankUnit }[] };
}

export interface RankUnit {
  code: string;
  name: string;
  population: number;
}

export interface CaseBrief {
  code: string;
  category: string;
  severity?: string;
  status?: string;
  reportedAt?: string;
  deadline?: string;
  villageCode: string;
}

/** An open supervision order (督办) on a unit or case shown: its demand and deadline. */
export interface SupervisionBrief {
  code: string;
  demand: string;
  deadline: string;
  overdue: boolean;
}

/** A city joined to a province server (none on a city's own wall), and whether its data is current. */
export interface CityLink {
  code: string;
  name: string;
  stale: boolean;
  /** When a stale city was last heard from; null when never. */
  staleSince: string | null;
}

export interface WallSnapshot {
  summary: Summary;
  byCategory: Bucket[];
  byDay: Bucket[];
  byTownship: Bucket[];
  byRank: Bucket[];
  overdueCases: { totalCount: number; edges: { node: CaseBrief }[] };
  supervision: SupervisionBrief[];
  cities: CityLink[];
  latest: { edges: { node: CaseBrief }[] };
}

/** Grids of one township with their outlines, for the choropleth when zoomed in. */
export const TOWNSHIP_GRIDS = /* GraphQL */ `
  query WallGrids($area: Area!, $after: String) {
    grids(area: $area, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          name
          households
          geometry(simplifyMeters: 3)
        }
      }
    }
  }
`;

export const GRID_COUNTS = /* GraphQL */ `
  query WallGridCounts($area: Area!, $from: DateTime!, $to: DateTime!) {
    caseStats(area: $area, from: $from, to: $to, groupBy: grid) {
      key
      count
    }
  }
`;

export interface GridNode {
  code: string;
  name: string;
  households: number;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export const CASE_NEAR = /* GraphQL */ `
  query WallCaseNear($near: Near!) {
    cases(area: { near: $near }, first: 1) {
      edges {
        node {
          code
          category
          severity
          source
          status
          reportedAt
          deadline
          overdue
          handledLevel
          villageCode
        }
      }
    }
  }
`;

export const CAMERA_NEAR = /* GraphQL */ `
  query WallCameraNear($near: Near!) {
    cameras(area: { near: $near }, first: 1) {
      edges {
        node {
          id
          name
          kind
          status
          lastSeen
          ownerUnit
          gridCode
        }
      }
    }
  }
`;

export const RISK_POINT_NEAR = /* GraphQL */ `
  query WallRiskPointNear($near: Near!) {
    riskPoints(area: { near: $near }, first: 1) {
      edges {
        node {
          id
          name
          category
          level
          responsibleUnit
          lastInspectedAt
          gridCode
        }
      }
    }
  }
`;

export const GRID_DETAIL = /* GraphQL */ `
  query WallGrid($code: ID!) {
    grid(code: $code) {
      code
      name
      kind
      households
      population
      staff {
        head
        workers
        volunteers
      }
    }
  }
`;
