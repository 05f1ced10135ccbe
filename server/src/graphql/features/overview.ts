/** Layer counts inside the viewer's jurisdiction, and data provenance. */
import { countLayers, findLatestDatasetLoad } from '../../db/queries/overview.js';
import { requireViewer, type GraphQLContext } from '../context.js';

export const overviewTypeDefs = /* GraphQL */ `
  "How many objects each layer of the governance map holds inside your jurisdiction."
  type LayerCounts {
    "Administrative units of every level."
    adminUnits: Int!
    "Current grids (网格)."
    grids: Int!
    "Cameras (雪亮工程)."
    cameras: Int!
    "Risk points (风险点位)."
    riskPoints: Int!
    "Cases (矛盾纠纷 and incidents)."
    cases: Int!
    "Lifecycle events of the cases."
    caseEvents: Int!
  }

  """
  Where the loaded data came from: the same for every account (it names no place and counts
  nothing), so any signed-in viewer may read it.
  """
  type Dataset {
    "True for the generated demo city: its geometry is synthetic, only names and codes are real."
    synthetic: Boolean!
    "Demo scale (tiny or city), null for imported data."
    scale: String
    "The generator's seed, null for imported data."
    seed: Int
    "The day the generated data ends on (YYYY-MM-DD)."
    asOf: String
    loadedAt: DateTime!
  }

  extend type Query {
    "Object counts per layer inside your jurisdiction."
    layerCounts: LayerCounts!
    "The most recently loaded data set, or null before any load."
    dataset: Dataset
  }
`;

export const overviewResolvers = {
  Query: {
    layerCounts: (_: unknown, __: unknown, ctx: GraphQLContext) => countLayers(ctx.db, requireViewer(ctx).prefix),
    dataset: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requireViewer(ctx);
      const row = await findLatestDatasetLoad(ctx.db);
      return (
        row && { synthetic: row.synthetic, scale: row.scale, seed: row.seed, asOf: row.as_of, loadedAt: row.loaded_at }
      );
    },
  },
};
