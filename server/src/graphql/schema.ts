/** The executable schema, assembled from the feature modules. */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { mapAppErrors } from './errors.js';
import { guardEveryMutation, guardEveryRead } from './mutation-guard.js';
import { accountsResolvers, accountsTypeDefs } from './features/accounts.js';
import { adminUnitsResolvers, adminUnitsTypeDefs } from './features/admin-units.js';
import { auditResolvers, auditTypeDefs } from './features/audit.js';
import { authResolvers, authTypeDefs } from './features/auth.js';
import { camerasResolvers, camerasTypeDefs } from './features/cameras.js';
import { casesResolvers, casesTypeDefs } from './features/cases.js';
import { commonResolvers, commonTypeDefs } from './features/common.js';
import { departmentsResolvers, departmentsTypeDefs } from './features/departments.js';
import { federationResolvers, federationTypeDefs } from './features/federation.js';
import { forecastResolvers, forecastTypeDefs } from './features/forecast.js';
import { gridsResolvers, gridsTypeDefs } from './features/grids.js';
import { importsResolvers, importsTypeDefs } from './features/imports.js';
import { gridPlanningResolvers, gridPlanningTypeDefs } from './features/grid-planning.js';
import { liveResolvers, liveTypeDefs } from './features/live.js';
import { overviewResolvers, overviewTypeDefs } from './features/overview.js';
import { riskPointsResolvers, riskPointsTypeDefs } from './features/risk-points.js';
import { statsResolvers, statsTypeDefs } from './features/stats.js';
import { supervisionResolvers, supervisionTypeDefs } from './features/supervision.js';
import { stabilityResolvers, stabilityTypeDefs } from './features/stability.js';
import { videoResolvers, videoTypeDefs } from './features/video.js';

export const typeDefs = [
  commonTypeDefs,
  authTypeDefs,
  accountsTypeDefs,
  auditTypeDefs,
  overviewTypeDefs,
  casesTypeDefs,
  departmentsTypeDefs,
  liveTypeDefs,
  adminUnitsTypeDefs,
  gridsTypeDefs,
  gridPlanningTypeDefs,
  camerasTypeDefs,
  riskPointsTypeDefs,
  statsTypeDefs,
  importsTypeDefs,
  stabilityTypeDefs,
  forecastTypeDefs,
  videoTypeDefs,
  supervisionTypeDefs,
  federationTypeDefs,
];

// Errors are mapped outermost, so the guards' own refusals reach clients coded too.
export const schema = mapAppErrors(
  guardEveryRead(
    guardEveryMutation(
      makeExecutableSchema({
        typeDefs,
        resolvers: [
          commonResolvers,
          authResolvers,
          accountsResolvers,
          auditResolvers,
          overviewResolvers,
          casesResolvers,
          departmentsResolvers,
          liveResolvers,
          adminUnitsResolvers,
          gridsResolvers,
          gridPlanningResolvers,
          camerasResolvers,
          riskPointsResolvers,
          statsResolvers,
          importsResolvers,
          stabilityResolvers,
          forecastResolvers,
          videoResolvers,
          supervisionResolvers,
          federationResolvers,
        ],
      }),
    ),
  ),
);
