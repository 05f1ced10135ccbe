/**
 * GET /exports/audit.csv?from=&to=&username=&operation=&target=&outcome=: the audit record as
 * CSV, newest first, for the audit administrator only (read_audit), streamed a batch at a time.
 * Every cell goes through csvCell, so that a target or detail such as `=HYPERLINK(…)` is text to
 * a spreadsheet. The export is itself audited (`exportAudit`, with its filter) before the first
 * row is sent, so that no copy leaves unrecorded.
 */
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuthSettings } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import { findAuditPage, findNewestAuditId, insertAuditEntry, type AuditReviewRow } from '../db/queries/audit.js';
import { csvCell } from '../domain/csv-cell.js';
import { authenticate, sendError } from '../http/bearer.js';
import { auditFilterFromText, type AuditFilter } from './filter.js';

export const EXPORT_OPERATION = 'exportAudit';

const PARAMETERS = ['from', 'to', 'username', 'operation', 'target', 'outcome'] as const;
const BATCH = 2_000;
const COLUMNS = ['id', 'at', 'username', 'operation', 'target', 'outcome', 'success', 'detail', 'hash'] as const;

/** One CSV line (RFC 4180, CRLF) of an audit row. */
export function auditCsvLine(row: AuditReviewRow): string {
  const cells = [
    row.id,
    row.at.toISOString(),
    row.username,
    row.operation,
    row.target,
    row.outcome,
    row.success ? 'true' : 'false',
    row.detail,
    row.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** With a BOM, so that spreadsheet programs read the Chinese as UTF-8. */
export const AUDIT_CSV_HEADER = `\uFEFF${COLUMNS.join(',')}\r\n`;

async function* csvText(db: Database, filter: AuditFilter, throughId: string | null): AsyncGenerator<string> {
  yield AUDIT_CSV_HEADER;
  if (throughId === null) return;
  let beforeId: string | null = null;
  for (;;) {
    const rows = await findAuditPage(db, filter, { limit: BATCH, beforeId, throughId });
    if (rows.length > 0) yield rows.map(auditCsvLine).join('');
    if (rows.length < BATCH) return;
    beforeId = rows.at(-1)!.id;
  }
}

export interface AuditExportOptions {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
}

/** The route handler; mounted before the layer exports' `/exports/:file`. */
export function auditCsvExport(options: AuditExportOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const viewer = await authenticate(req, res, options, 'read_audit');
    if (!viewer) return;
    const query = req.query as Record<string, unknown>;
    const params: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(query)) {
      if (!(PARAMETERS as readonly string[]).includes(key)) {
        return sendError(res, 400, 'BAD_REQUEST', `${key} is not a parameter; use ${PARAMETERS.join(', ')}`, key);
      }
      if (typeof value !== 'string') return sendError(res, 400, 'BAD_REQUEST', `give ${key} once`, key);
      params[key] = value;
    }
    const filter = auditFilterFromText(params);
    if (!filter.ok) {
      return sendError(res, 400, 'BAD_REQUEST', `${filter.error.field}: ${filter.error.message}`, filter.error.field);
    }
    // Rows written while the file streams (this export's own record among them) are not in it.
    const throughId = await findNewestAuditId(options.db);
    await insertAuditEntry(options.db, {
      username: viewer.username,
      operation: EXPORT_OPERATION,
      target: null,
      success: true,
      detail: JSON.stringify(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''))),
    });
    res.status(200);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    try {
      await pipeline(Readable.from(csvText(options.db, filter.value, throughId)), res);
    } catch (error) {
      // The client went away: nothing to answer, and nothing went wrong here.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      throw error;
    }
  };
}
