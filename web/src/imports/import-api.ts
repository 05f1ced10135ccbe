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
  /** Stable reason code (server/src/domain/row-checks.ts); the page words it from its catalog. */
  code?: string;
  params?: Record<string, string | number>;
  /** The server's English wording, shown only for a code the catalog does not know. */
  reason: string;
}

/** What a column holds, as GET /imports/columns states it. */
export type ColumnRule =
  | { type: 'text' | 'time' | 'position' | 'geometry' }
  | { type: 'code'; form: string }
  | { type: 'vocabulary'; values: (string | number)[] }
  | { type: 'integer'; min: number; max: number };

export interface ColumnDefault {
  value?: string | number;
  rule?: string;
  unit?: string;
}

export interface ImportColumn {
  name: string;
  required: boolean;
  rule: ColumnRule;
  /** Header names recognised without a mapping file. */
  headers: string[];
  /** The header the downloadable template uses. */
  templateHeader: string;
  /** Source labels recognised for a vocabulary (Chinese names), to our value. */
  labels?: Record<string, string | number>;
  default?: ColumnDefault;
}

export interface LayerColumns {
  layer: Layer;
  columns: ImportColumn[];
}

/** Each layer's columns, from the server's one list. */
export async function fetchColumns(api: ApiClient): Promise<LayerColumns[]> {
  const res = await fetch('/imports/columns', { headers: { authorization: `Bearer ${await api.token()}` } });
  const body = (await res.json().catch(() => null)) as { layers: LayerColumns[] } | null;
  if (!res.ok || !body) throw new Error(`HTTP ${res.status}`);
  return body.layers;
}

/** A CSV template for a layer: the header row only, UTF-8 with a BOM (as spreadsheet programs want). */
export function templateCsv(columns: readonly ImportColumn[]): string {
  return `\uFEFF${columns.map((c) => c.templateHeader).join(',')}\r\n`;
}

/** A whole file refused: the server's stated reason, when it has a code for it. */
export class FileRefused extends Error {
  constructor(
    message: string,
    readonly reason: string | null,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
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
  const body = (await res.json().catch(() => null)) as
    Report | { error: { message: string; reason?: string; params?: Record<string, string | number> } } | null;
  if (!body) throw new Error(`HTTP ${res.status}`);
  if ('error' in body) throw new FileRefused(body.error.message, body.error.reason ?? null, body.error.params ?? {});
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
