/** GraphQL documents of the stability index (server/src/graphql/features/stability-schema.ts) and their shapes. */
import type { PeriodKind } from './periods.js';

export type Band = 'red' | 'orange' | 'yellow' | 'blue';

export interface IndexIndicator {
  key: string;
  label: string;
  labelEn: string;
  unit: string;
  direction: 'positive' | 'negative';
  rawValue: number | null;
  normalised: number | null;
  weight: number;
  contribution: number;
}

export interface StabilityIndex {
  unitCode: string;
  unitName: string | null;
  level: string;
  period: PeriodKind;
  periodStart: string;
  periodEnd: string;
  score: number;
  band: Band;
  population: number;
  weightsVersion: string;
  revision: number;
  publishedBy: string;
  publishedAt: string;
  rank: number | null;
  rankOf: number | null;
  indicators: IndexIndicator[];
}

export interface RankingEntry {
  rank: number;
  unitCode: string;
  unitName: string | null;
  score: number;
  band: Band;
  previousScore: number | null;
}

export interface Ranking {
  parentCode: string;
  periodStart: string;
  entries: RankingEntry[];
}

export interface HotspotCell {
  gridCode: string;
  count: number;
  zScore: number | null;
  pValue: number | null;
  bin: number;
}

const INDEX_FIELDS = /* GraphQL */ `
  unitCode
  unitName
  level
  period
  periodStart
  periodEnd
  score
  band
  population
  weightsVersion
  revision
  publishedBy
  publishedAt
  rank
  rankOf
  indicators {
    key
    label
    labelEn
    unit
    direction
    rawValue
    normalised
    weight
    contribution
  }
`;

/** The index of one unit for one period, with the scores of its children. */
export const UNIT_INDEX = /* GraphQL */ `
  query UnitIndex($unit: ID, $period: IndexPeriod!, $at: DateTime, $withRanking: Boolean!) {
    stabilityIndex(unitCode: $unit, period: $period, at: $at) {
      ${INDEX_FIELDS}
    }
    ranking(parentCode: $unit, period: $period, at: $at) @include(if: $withRanking) {
      parentCode
      periodStart
      entries {
        rank
        unitCode
        unitName
        score
        band
        previousScore
      }
    }
  }
`;

export interface UnitIndexAnswer {
  stabilityIndex: StabilityIndex | null;
  ranking?: Ranking | null;
}

/** Scores of a unit over a window of periods (the trend). */
export const INDEX_HISTORY = /* GraphQL */ `
  query IndexHistory($unit: ID, $period: IndexPeriod!, $from: DateTime!, $to: DateTime!) {
    stabilityIndexHistory(unitCode: $unit, period: $period, from: $from, to: $to) {
      periodStart
      score
      band
    }
  }
`;

export interface HistoryPoint {
  periodStart: string;
  score: number;
  band: Band;
}

export const HOTSPOTS = /* GraphQL */ `
  query Hotspots($unit: ID, $from: DateTime!, $to: DateTime!) {
    hotspots(unitCode: $unit, from: $from, to: $to) {
      gridCode
      count
      zScore
      pValue
      bin
    }
  }
`;

/** Outlines of the units one level down. */
export const CHILD_UNITS = /* GraphQL */ `
  query ChildUnits($parent: ID!, $simplify: Float) {
    adminUnits(parentCode: $parent) {
      code
      name
      geometry(simplifyMeters: $simplify)
    }
  }
`;

/** Grids of a village or township with their outlines, 100 a page. */
export const GRID_OUTLINES = /* GraphQL */ `
  query GridOutlines($area: Area!, $after: String) {
    grids(area: $area, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          name
          geometry(simplifyMeters: 3)
        }
      }
    }
  }
`;

/** The viewer (for the review's starting unit). */
export const ME = /* GraphQL */ `
  query ReviewMe {
    me {
      username
      jurisdiction
    }
  }
`;
