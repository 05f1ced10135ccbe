/**
 * The GraphQL types of the grid forecast and its published track record (issue 24; method in
 * docs/forecasting.md). Kept apart from the resolvers (forecast.ts), as stability's are.
 */
export const forecastTypeDefs = /* GraphQL */ `
  """
  One grid's forecast: the cases expected in the horizon's days from the origin (the start of
  the as-of day), and central prediction intervals of the negative binomial fitted to them.
  Counts are whole numbers, so an interval holds with at least its nominal probability.
  """
  type GridForecast {
    "15-digit grid code."
    gridCode: ID!
    "Expected number of cases over the whole horizon."
    expected: Float!
    lower80: Int!
    upper80: Int!
    lower95: Int!
    upper95: Int!
    "The grid's area, for ranking by expected cases per km² as the published PAI does."
    areaSquareMeters: Float!
  }

  "Where a category's forecast comes from."
  enum ForecastBasis {
    "Every case (no category asked)."
    all
    "The category's own model (at least 1,000 cases in the unit over the last year)."
    own
    "The all-cases forecast split by each grid's share of the category (a sparser category)."
    split
  }

  """
  A unit's forecast: the sum of its grids' forecasts. Its interval is the negative binomial with
  the sum's mean and variance (grids independent given the model, docs/forecasting.md), so if
  anything it is too narrow.
  """
  type UnitForecast {
    "12-digit admin unit code."
    unitCode: ID!
    "Start of the first forecast day: only cases reported before it were read."
    origin: DateTime!
    horizonDays: Int!
    category: String
    basis: ForecastBasis!
    "Current grids summed."
    gridCount: Int!
    expected: Float!
    lower80: Int!
    upper80: Int!
    lower95: Int!
    upper95: Int!
  }

  """
  Skill of one forecaster over a backtest, pooled over grids and origins; null where a figure
  does not apply (hot-spot rankings have no counts) or could not be had.
  """
  type ForecastSkillFigures {
    "Mean absolute error of the expected totals."
    mae: Float
    "Root mean squared error of the expected totals."
    rmse: Float
    "Share of grid-windows whose count fell inside the 80 % interval."
    coverage80: Float
    "Share of grid-windows whose count fell inside the 95 % interval."
    coverage95: Float
    "Prediction Accuracy Index of the grids flagged within 5 % of the area (cases share ÷ area share)."
    pai5: Float
    "Predictive Efficiency Index at 5 %: PAI ÷ the best PAI possible for that area (at most 1)."
    pei5: Float
    pai10: Float
    pei10: Float
  }

  "The baselines a backtest scores beside the model."
  type ForecastBaselines {
    "Seasonal naive: the same weeks a year before; null while a year of history is missing."
    sameWeeksLastYear: ForecastSkillFigures
    "The last 28 days scaled to the horizon."
    lastFourWeeks: ForecastSkillFigures!
    "Last four weeks' Gi* hot spots, as a ranking (PAI and PEI only)."
    giStarHotSpots: ForecastSkillFigures!
  }

  "One origin of a backtest: the cases that happened in its window and the model's expected total."
  type ForecastSkillOrigin {
    origin: DateTime!
    actualTotal: Int!
    expectedTotal: Float!
  }

  """
  A published backtest (track record): the model fitted afresh at each of the last 12 weekly
  origins and scored on the horizon after it, every window closed before asOf. Published once
  a week with the index schedule and never changed.
  """
  type ForecastSkill {
    unitCode: ID!
    horizonDays: Int!
    "Start of the week the backtest was made as of."
    asOf: DateTime!
    origins: [ForecastSkillOrigin!]!
    gridCount: Int!
    model: ForecastSkillFigures!
    "The probability the model's own 80 % intervals held, averaged: what coverage80 should be near."
    intervalProbability80: Float!
    intervalProbability95: Float!
    baselines: ForecastBaselines!
    publishedBy: String!
    publishedAt: DateTime!
  }

  extend type Query {
    """
    Forecast of every current grid of a unit (inside your jurisdiction) over horizonDays (1 to 91)
    from the start of asOf's day (default: now, or the end of a synthetic data set). asOf in the
    past forecasts from the cases reported before that day only. category: one case category.
    """
    forecast(unitCode: ID!, asOf: DateTime, horizonDays: Int!, category: String): [GridForecast!]!
    "The same forecast summed over the unit's grids; null where the unit has no current grid."
    unitForecast(unitCode: ID!, asOf: DateTime, horizonDays: Int!, category: String): UnitForecast
    """
    The unit's latest published track record for the horizon (7 or 28; default 7). Published for
    the city, counties and townships; null where none is published yet.
    """
    forecastSkill(unitCode: ID!, horizonDays: Int = 7): ForecastSkill
  }
`;
