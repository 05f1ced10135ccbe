/** The GraphQL schema. Every type and field is described; descriptions are the API docs. */
export const typeDefs = /* GraphQL */ `
  """
  How many objects each layer of the governance map holds.
  """
  type LayerCounts {
    "Administrative units of every level (city, county, township, village)."
    adminUnits: Int!
    "Current grids (网格), i.e. grid versions without an end date."
    grids: Int!
    "Cameras of the Sharp Eyes network (雪亮工程)."
    cameras: Int!
    "Risk points (风险点位)."
    riskPoints: Int!
    "Cases (矛盾纠纷 and incidents), one code per case."
    cases: Int!
    "Lifecycle events of all cases."
    caseEvents: Int!
  }

  """
  Where the loaded data came from.
  """
  type Dataset {
    "True for the generated demo city: its geometry is synthetic, only names and codes are real."
    synthetic: Boolean!
    "Demo scale (tiny or city), null for imported data."
    scale: String
    "The generator's seed, null for imported data."
    seed: Int
    "The day the generated data ends on (YYYY-MM-DD), null for imported data."
    asOf: String
    "When the data set was loaded (ISO 8601)."
    loadedAt: String!
  }

  type Query {
    "Object counts per layer."
    layerCounts: LayerCounts!
    "The most recently loaded data set, or null before any load."
    dataset: Dataset
  }
`;
