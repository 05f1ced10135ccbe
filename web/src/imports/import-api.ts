/**
 * The upload page's calls: the file goes to POST /imports as the raw body (the same code path
 * as `npm run import`); the record of imports and rolling one back go through GraphQL.
 */
import type { ApiClient } from '../api/client.js';

export const LAYERS = ['cameras', 'risk_points', 'cases', 'grids'] as const;
export type Layer = (typeof LAYERS)[number];
export const CRS = ['wgs84', 'gcj02', 'bd09', 'cgcs2000', 'epsg:4527', 'epsg:4548'] as const;

export interface Problem {
  position: string;
  field: string;
  reason: string;
}

export interface Counts {
  read: number;
  valid: number;
  rejected: number;
  inserted: number;
  updated: number;
  retired: number;
  warnings: number;
}

export interface Report {
  importId: number | null;
  applied: boolean;
  dryRun: boolean;
  crs: string;
  format: string;
  fileName: string;
  counts: Counts;
  rejected: Problem[];
  warnings: Problem[];
}

export interface UploadForm {
  layer: Layer;
  crs: string;
  file: File | null;
  mapping: string;
}

/** Runs one import (dry or applied); a refused request becomes an Error with the server's message. */
export async function upload(api: ApiClient, form: UploadForm, dryRun: boolean): Promise<Report> {
  const params = new URLSearchParams({ layer: form.layer, fileName: form.file!.name, dryRun: dryRun ? '1' : '0' });
  if (form.crs) params.set('crs', form.crs);
  if (form.mapping.trim()) params.set('mapping', form.mapping.trim());
  const res = await fetch(`/imports?${params}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await api.token()}`, 'content-type': 'application/octet-stream' },
    body: form.file,
  });
  const body = (await res.json().catch(() => null)) as Report | { error: { message: string } } | null;
  if (!body) throw new Error(`HTTP ${res.status}`);
  if ('error' in body) throw new Error(body.error.message);
  return body;
}

export interface DataImport {
  id: string;
  layer: Layer;
  username: string;
  at: string;
  fileName: string;
  format: string;
  crs: string;
  counts: Pick<Counts, 'read' | 'inserted' | 'updated' | 'retired'>;
  status: 'applied' | 'rolled_back';
  rolledBackAt: string | null;
  rolledBackBy: string | null;
}

const IMPORT_FIELDS = /* GraphQL */ `
  id
  layer
  username
  at
  fileName
  format
  crs
  counts {
    read
    inserted
    updated
    retired
  }
  status
  rolledBackAt
  rolledBackBy
`;

export const IMPORTS = /* GraphQL */ `
  query Imports {
    imports(first: 30) {
      ${IMPORT_FIELDS}
    }
  }
`;

export const ROLLBACK = /* GraphQL */ `
  mutation RollbackImport($id: ID!) {
    rollbackImport(id: $id) {
      ${IMPORT_FIELDS}
    }
  }
`;
