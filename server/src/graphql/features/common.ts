/** Types shared by every feature: scalars, roots, the Area filter, page info. */
import { DateTime, GeoJSON } from '../scalars.js';

export const commonTypeDefs = /* GraphQL */ `
  scalar DateTime
  scalar GeoJSON

  "A circle: everything within radiusMeters of a point."
  input Near {
    lon: Float!
    lat: Float!
    "More than 0, at most 200000."
    radiusMeters: Float!
  }

  """
  Where to look; any combination, all must hold. unitCode: inside an admin unit (12-digit code);
  bbox: [minLon, minLat, maxLon, maxLat]; near: a circle; polygon: a GeoJSON Polygon or
  MultiPolygon (at most 10,000 vertices). Always further limited to your jurisdiction.
  """
  input Area {
    unitCode: ID
    bbox: [Float!]
    near: Near
    polygon: GeoJSON
  }

  "Relay page info."
  type PageInfo {
    hasNextPage: Boolean!
    "Pass as 'after' to get the next page."
    endCursor: String
  }

  type Query
  type Mutation
`;

export const commonResolvers = { DateTime, GeoJSON };
