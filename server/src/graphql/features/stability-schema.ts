/**
 * The GraphQL types of the stability index, hotspots and early warnings (issue 5). Kept apart
 * from the resolvers (stability.ts) so the schema reads as one contract for the web client.
 */
export const stabilityTypeDefs = /* GraphQL */ `
  "The length of an index period; days, ISO weeks and months are calendar periods in Asia/Shanghai."
  enum IndexPeriod {
    "One calendar day."
    day
    "One ISO week, Monday to Sunday."
    week
    "One calendar month."
    month
  }

  "Warning band of a score (thresholds in docs/stability-index.md and the weights configuration)."
  enum WarningBand {
    "Score below 40: serious, act now (红色)."
    red
    "Score 40 to below 60: marked concern (橙色)."
    orange
    "Score 60 to below 75: watch (黄色)."
    yellow
    "Score 75 and above: stable, routine attention (蓝色)."
    blue
  }

  "Whether a higher raw value of an indicator makes a unit more or less stable."
  enum IndicatorDirection {
    "Higher is more stable (e.g. on-time closure rate)."
    positive
    "Higher is less stable (e.g. case rate)."
    negative
  }

  "One indicator of a published index: where the score comes from."
  type IndexIndicator {
    "Stable key, e.g. case_rate, overdue_share."
    key: String!
    "Chinese name of the indicator."
    label: String!
    "English name of the indicator."
    labelEn: String!
    "Unit of the raw value, e.g. 'per 10,000 residents per 30 days', 'share'."
    unit: String!
    direction: IndicatorDirection!
    "The raw value from the data; null when it cannot be computed (no cases closed, no cameras…)."
    rawValue: Float
    "The raw value mapped onto 0..1 with its goalposts, 1 most stable; null when rawValue is."
    normalised: Float
    "The configured weight (weights of one version sum to 1)."
    weight: Float!
    """
    Points this indicator adds to the 0..100 score: 100 × weight × normalised, rescaled when
    some indicators are missing so that the contributions always sum to the score.
    """
    contribution: Float!
  }

  "One published revision of an index value."
  type IndexRevision {
    "1 for the first publication of the period; each recomputation adds one."
    revision: Int!
    score: Float!
    band: WarningBand!
    weightsVersion: String!
    "Why this revision was published (required from revision 2 on; scheduler runs say so)."
    reason: String
    "Account (or 'scheduler') that published it."
    publishedBy: String!
    publishedAt: DateTime!
  }

  "The published stability index of one unit (or grid) for one period: the latest revision."
  type StabilityIndex {
    "12-digit admin unit code or 15-digit grid code."
    unitCode: ID!
    "Name of the unit or grid."
    unitName: String
    "city, county, township, village or grid."
    level: String!
    period: IndexPeriod!
    "First day of the period, YYYY-MM-DD (Asia/Shanghai)."
    periodStart: String!
    "Last day of the period, YYYY-MM-DD (inclusive)."
    periodEnd: String!
    "0..100, 100 most stable."
    score: Float!
    band: WarningBand!
    "Residents used for the per-10,000 rates (the sum over the unit's current grids)."
    population: Int!
    "Version of the weights configuration that produced the score."
    weightsVersion: String!
    "The revision shown (the latest)."
    revision: Int!
    reason: String
    publishedBy: String!
    publishedAt: DateTime!
    "Rank among the units of the same parent and level for this period and revision (1 = most stable)."
    rank: Int
    "How many units share that parent and level."
    rankOf: Int
    "The indicator breakdown: raw value, normalised value, weight and contribution."
    indicators: [IndexIndicator!]!
    "Every revision published for this unit and period, oldest first."
    revisions: [IndexRevision!]!
  }

  "One row of a ranking."
  type RankingEntry {
    "1 = most stable."
    rank: Int!
    unitCode: ID!
    unitName: String
    score: Float!
    band: WarningBand!
    "Score of the same unit in the previous period, when published."
    previousScore: Float
  }

  "The children of a unit ranked by their published index for one period."
  type Ranking {
    parentCode: ID!
    period: IndexPeriod!
    periodStart: String!
    revision: Int!
    weightsVersion: String!
    entries: [RankingEntry!]!
  }

  "What publishIndex wrote."
  type IndexPublication {
    period: IndexPeriod!
    periodStart: String!
    periodEnd: String!
    revision: Int!
    weightsVersion: String!
    reason: String
    publishedBy: String!
    publishedAt: DateTime!
    "How many units and grids got a snapshot."
    unitCount: Int!
  }

  "Getis-Ord Gi* result of one grid (queen contiguity, binary weights, the grid itself included)."
  type HotspotCell {
    "15-digit grid code."
    gridCode: ID!
    "Cases in the grid in the window."
    count: Int!
    "Gi* z-score; null when every grid has the same count (no variation)."
    zScore: Float
    "Two-sided p-value of zScore; null with it."
    pValue: Float
    """
    Confidence bin: 3/2/1 hot spot at 99/95/90 %, -3/-2/-1 cold spot, 0 not significant.
    With fdr, a bin is kept only where the Benjamini–Hochberg test at that level also rejects.
    """
    bin: Int!
  }

  "Emerging hot spot pattern of a grid (simplified from the published definitions, see the docs)."
  enum EmergingHotspotCategory {
    "Hot (90 %) in the last week only, never before."
    new
    "Hot in at least 90 % of weeks including the last, hotter over time (Mann–Kendall up)."
    intensifying
    "Hot in at least 90 % of weeks, no significant trend."
    persistent
    "Hot in at least 90 % of weeks including the last, cooling over time (Mann–Kendall down)."
    diminishing
    "Hot in the last week and in some earlier weeks, but less than 90 % of them."
    sporadic
  }

  "A grid with an emerging hot spot pattern over weekly bins."
  type EmergingHotspot {
    gridCode: ID!
    category: EmergingHotspotCategory!
    "Mann–Kendall Z of the weekly Gi* z-scores (positive: getting hotter)."
    trendZ: Float!
    "Two-sided p-value of trendZ."
    trendPValue: Float!
    "Weeks analysed."
    weeks: Int!
    "Weeks in which the grid was a hot spot at 90 % or more."
    hotWeeks: Int!
    "Gi* z-score per week, oldest first (null: no variation that week)."
    weeklyZ: [Float]!
  }

  "An early warning: a grid's daily count above its control limit."
  type EarlyWarning {
    id: ID!
    gridCode: ID!
    "Grid name."
    gridName: String
    "The day observed, YYYY-MM-DD (Asia/Shanghai)."
    day: String!
    "What was measured: daily_cases."
    measure: String!
    "Observed value that day."
    observed: Float!
    "Expected value from the baseline (mean of the previous 28 days)."
    expected: Float!
    "Upper control limit that was exceeded (Poisson, one-sided 99.9 %)."
    upperLimit: Float!
    "P(X ≥ observed) under the baseline Poisson rate."
    pValue: Float!
    raisedAt: DateTime!
  }

  extend type Query {
    """
    The published index of a unit (12-digit code) or grid (15-digit code) for the period that
    contains 'at' (default: the latest published period of that kind). unitCode defaults to your
    jurisdiction; outside it answers NOT_FOUND. Null when nothing was published for that period.
    """
    stabilityIndex(unitCode: ID, period: IndexPeriod!, at: DateTime): StabilityIndex
    "Published values of a unit for the periods starting in [from, to), oldest first, latest revision each."
    stabilityIndexHistory(unitCode: ID, period: IndexPeriod!, from: DateTime!, to: DateTime!): [StabilityIndex!]!
    """
    The units one level below parentCode (grids below a village) ranked by published score for the
    period containing 'at' (default: latest published), most stable first.
    """
    ranking(parentCode: ID, period: IndexPeriod!, at: DateTime): Ranking
    """
    Getis-Ord Gi* of case counts per grid inside unitCode for reportedAt in [from, to),
    optionally one case category; fdr applies Benjamini–Hochberg. Every current grid of the unit
    is listed.
    """
    hotspots(unitCode: ID, from: DateTime!, to: DateTime!, category: CaseCategory, fdr: Boolean): [HotspotCell!]!
    """
    Emerging hot spots over weekly bins (ISO weeks, Asia/Shanghai) between from and to
    (at least 4 whole weeks, at most 104): only grids with a pattern are listed.
    """
    emergingHotspots(unitCode: ID, from: DateTime!, to: DateTime!): [EmergingHotspot!]!
    "Early warnings for grids inside unitCode whose day lies in [from, to), newest first."
    warnings(unitCode: ID, from: DateTime!, to: DateTime!): [EarlyWarning!]!
  }

  extend type Mutation {
    """
    Computes and publishes the index of every grid and unit for the period containing 'at'
    (default: the last closed period). The period must have ended. A period already published
    gets a new revision, and then a reason is required. Admin only; audited.
    """
    publishIndex(period: IndexPeriod!, at: DateTime, reason: String): IndexPublication!
  }

  "A stability-index period just published: every unit's score of it can be read now."
  type IndexPublished {
    period: IndexPeriod!
    "First day of the period (YYYY-MM-DD, display time zone)."
    periodStart: String!
    "1 for the first publication of the period, then one more for each republication."
    revision: Int!
    publishedAt: DateTime!
  }

  extend type Subscription {
    "Early warnings raised for grids inside your jurisdiction (and unitCode), as they are stored."
    warningRaised(unitCode: ID): EarlyWarning!
    """
    Each publication of the stability index, by the schedule or by an administrator. A
    publication covers every unit at once, so the events name none; unitCode, when given, is
    checked against your jurisdiction like every subscription's.
    """
    indexPublished(unitCode: ID): IndexPublished!
  }
`;
