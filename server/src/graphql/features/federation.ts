/** The province's view of its cities' links (docs/federation.md, "A link that drops"). */
import { coversCode } from '../../auth/jurisdiction.js';
import { federationStatus } from '../../federation/join.js';
import { requireViewer, type GraphQLContext } from '../context.js';

export const federationTypeDefs = /* GraphQL */ `
  "A city joined to this province server, and how current the province's copy of it is."
  type FederationCity {
    "The city's 12-digit division code."
    code: ID!
    "Its four digits, as in the names of its publication and subscription."
    city: String!
    name: String!
    "Whether the province's apply worker for this city runs now."
    running: Boolean!
    "Seconds between the city sending its last message and the province receiving it."
    lagSeconds: Float
    "When the province last heard from the city (data or keepalive)."
    lastReceivedAt: DateTime
    "The link is down, or has been quiet for longer than the city's keepalive allows."
    stale: Boolean!
    "When a stale city was last heard from; null when current or never heard."
    staleSince: DateTime
  }

  extend type Query {
    """
    The cities joined to this province inside your jurisdiction, by code, with their replication
    lag (from pg_stat_subscription). Empty on a city server.
    """
    federationCities: [FederationCity!]!
  }
`;

export const federationResolvers = {
  Query: {
    federationCities: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const cities = await federationStatus(ctx.db, ctx.now());
      return cities
        .map((c) => ({ ...c, code: `${c.city4}00000000` }))
        .filter((c) => coversCode(viewer.jurisdiction, c.code))
        .map((c) => ({
          code: c.code,
          city: c.city4,
          name: c.name,
          running: c.running,
          lagSeconds: c.transferLagSeconds,
          lastReceivedAt: c.lastMessageAt,
          stale: c.stale,
          staleSince: c.staleSince,
        }));
    },
  },
};
