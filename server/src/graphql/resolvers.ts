/** Thin resolvers: call the query module, map rows to GraphQL types. */
import type { Database } from '../db/database.js';
import { countLayers, findLatestDatasetLoad } from '../db/queries/overview.js';

export interface GraphQLContext {
  db: Database;
}

export const resolvers = {
  Query: {
    layerCounts: (_: unknown, __: unknown, { db }: GraphQLContext) => countLayers(db),
    dataset: async (_: unknown, __: unknown, { db }: GraphQLContext) => {
      const row = await findLatestDatasetLoad(db);
      return (
        row && {
          synthetic: row.synthetic,
          scale: row.scale,
          seed: row.seed,
          asOf: row.as_of,
          loadedAt: row.loaded_at.toISOString(),
        }
      );
    },
  },
};
