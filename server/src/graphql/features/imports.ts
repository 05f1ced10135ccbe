/**
 * Imports as GraphQL sees them: the record of applied imports, and rolling one back. Files are
 * uploaded over HTTP (POST /imports, see server/src/imports/router.ts), not through GraphQL.
 */
import type { ImportRow } from '../../db/queries/imports.js';
import { findImports } from '../../db/queries/imports.js';
import { IMPORT_LAYERS } from '../../imports/mapping.js';
import { rollBackImport, RollbackRefused } from '../../imports/service.js';
import { requirePermission, type GraphQLContext } from '../context.js';
import { badInput, conflict, notFound } from '../../errors.js';

export const importsTypeDefs = /* GraphQL */ `
  "How many records an import read, accepted, wrote and warned about."
  type ImportCounts {
    "Records in the file."
    read: Int!
    "Records that passed every check."
    valid: Int!
    "Records refused (none, for an applied import: imports are all or nothing)."
    rejected: Int!
    "New records written."
    inserted: Int!
    "Existing records replaced (by id or code)."
    updated: Int!
    "Grids retired because the file left them out of their village."
    retired: Int!
    "Repairs and other warnings."
    warnings: Int!
  }

  "One applied import of a data file."
  type DataImport {
    "The import's number."
    id: ID!
    "cameras, risk_points, cases or grids."
    layer: String!
    "Who ran it."
    username: String!
    "When it was applied."
    at: DateTime!
    "The file's name as uploaded."
    fileName: String!
    "SHA-256 of the file's bytes."
    sha256: String!
    "geojson, shapefile, csv or geopackage."
    format: String!
    "The coordinate system the file was read in."
    crs: String!
    "What it did."
    counts: ImportCounts!
    "applied, or rolled_back."
    status: String!
    "When it was rolled back; null while applied."
    rolledBackAt: DateTime
    "Who rolled it back."
    rolledBackBy: String
  }

  extend type Query {
    "Applied imports inside your jurisdiction, newest first (administrators)."
    imports(layer: String, first: Int): [DataImport!]!
  }

  extend type Mutation {
    """
    Rolls an import back exactly: records it inserted are deleted, records it updated are put
    back as they were, grid changes are reverted. Only the newest applied import of a layer can
    be rolled back (administrators).
    """
    rollbackImport(id: ID!): DataImport!
  }
`;

const zeroCounts = { read: 0, valid: 0, rejected: 0, inserted: 0, updated: 0, retired: 0, warnings: 0 };

function toImport(row: ImportRow) {
  return {
    id: String(row.id),
    layer: row.layer,
    username: row.username,
    at: row.at,
    fileName: row.file_name,
    sha256: row.sha256,
    format: row.format,
    crs: row.crs,
    counts: { ...zeroCounts, ...row.counts },
    status: row.status,
    rolledBackAt: row.rolled_back_at,
    rolledBackBy: row.rolled_back_by,
  };
}

export const importsResolvers = {
  Query: {
    imports: async (_: unknown, args: { layer?: string | null; first?: number | null }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'import_data');
      if (args.layer && !(IMPORT_LAYERS as readonly string[]).includes(args.layer)) {
        throw badInput('layer', `must be one of ${IMPORT_LAYERS.join(', ')}`);
      }
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first', 'must be 1–500');
      return (await findImports(ctx.db, viewer.prefix, args.layer ?? null, first)).map(toImport);
    },
  },
  Mutation: {
    rollbackImport: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'import_data');
      if (!/^\d{1,9}$/.test(id)) throw badInput('id', `"${id}" is not an import number`);
      try {
        // The service runs its own transaction and writes its own audit record.
        return toImport(await rollBackImport(ctx.db, Number(id), viewer, ctx.now()));
      } catch (error) {
        if (error instanceof RollbackRefused)
          throw error.code === 'NOT_FOUND' ? notFound('import', `#${id}`) : conflict(error.message);
        throw error;
      }
    },
  },
};
