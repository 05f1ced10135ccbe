/** GraphQL documents of the forecast (server/src/graphql/features/forecast-schema.ts) and their shapes. */
import type { ScreenGridForecast } from '../../../server/src/domain/forecast/alerts.js';
import type { SkillFigures } from '../../../server/src/domain/forecast/backtest.js';

export type { ScreenGridForecast, SkillFigures };

export interface ForecastSkill {
  unitCode: string;
  horizonDays: number;
  asOf: string;
  gridCount: number;
  intervalProbability80: number;
  intervalProbability95: number;
  model: SkillFigures;
  baselines: { sameWeeksLastYear: SkillFigures | null; lastFourWeeks: SkillFigures; giStarHotSpots: SkillFigures };
  origins: { origin: string; actualTotal: number; expectedTotal: number }[];
  publishedAt: string;
}

const FIGURES = 'mae rmse coverage80 coverage95 pai5 pei5 pai10 pei10';

/** The grids' forecast for the screens and the unit's latest track record, in one request. */
export const SCREEN_FORECAST = /* GraphQL */ `
  query ScreenForecast($unit: ID!, $horizonDays: Int!) {
    forecast(unitCode: $unit, horizonDays: $horizonDays) {
      gridCode expected lower80 upper80 lower95 upper95 areaSquareMeters
    }
    unitForecast(unitCode: $unit, horizonDays: $horizonDays) {
      origin expected lower80 upper80 lower95 upper95
    }
    forecastSkill(unitCode: $unit, horizonDays: $horizonDays) {
      unitCode horizonDays asOf gridCount intervalProbability80 intervalProbability95 publishedAt
      model { ${FIGURES} }
      baselines {
        sameWeeksLastYear { ${FIGURES} }
        lastFourWeeks { ${FIGURES} }
        giStarHotSpots { ${FIGURES} }
      }
      origins { origin actualTotal expectedTotal }
    }
  }
`;

export interface UnitTotal {
  origin: string;
  expected: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface ScreenForecastAnswer {
  forecast: ScreenGridForecast[];
  unitForecast: UnitTotal | null;
  forecastSkill: ForecastSkill | null;
}

/** A grid's cases per week, for its drill-down: the polygon is the grid's own outline. */
export const GRID_WEEKS = /* GraphQL */ `
  query GridWeeks($polygon: GeoJSON!, $from: DateTime!, $to: DateTime!) {
    caseStats(area: { polygon: $polygon }, from: $from, to: $to, groupBy: week) {
      key
      count
    }
  }
`;
