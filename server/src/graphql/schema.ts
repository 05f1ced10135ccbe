/** The executable schema, assembled from the feature modules. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { authResolvers, authTypeDefs } from './features/auth.js';
import { casesResolvers, casesTypeDefs } from './features/cases.js';
import { commonResolvers, commonTypeDefs } from './features/common.js';
import { liveResolvers, liveTypeDefs } from './features/live.js';
import { overviewResolvers, overviewTypeDefs } from './features/overview.js';

export const typeDefs = [commonTypeDefs, authTypeDefs, overviewTypeDefs, casesTypeDefs, liveTypeDefs];

export const schema = makeExecutableSchema({
  typeDefs,
  resolvers: [commonResolvers, authResolvers, overviewResolvers, casesResolvers, liveResolvers],
});
