/**
 * Verifies the audit record's chain in the database (`auditChain`, `npm run audit -- verify`):
 * reads the chain's head, then every row up to it in id order, a batch at a time, through the
 * pure checks of chain.ts.
 */
import type { Database } from '../db/database.js';
import { findChainHead, findChainRows } from '../db/queries/audit.js';
import { finishVerification, startVerification, verifyRows, type ChainReport } from './chain.js';

const BATCH = 5_000;

/**
 * Rows are read in short queries, not in one long transaction that would hold the embedded
 * engine's only connection. That is consistent because rows join the chain in id order and under
 * a lock held until commit: every row up to the head read first is committed and stays, unless
 * pruning runs meanwhile, which moves the anchor; then the verification starts again.
 */
export async function verifyAuditChain(db: Database, batch = BATCH): Promise<ChainReport> {
  for (let attempt = 0; ; attempt += 1) {
    const head = await findChainHead(db);
    let state = startVerification(head);
    if (head.lastId !== null) {
      let after: string | null = null;
      for (;;) {
        const rows = await findChainRows(db, after, head.lastId, batch);
        state = verifyRows(state, rows);
        if (state.broken || rows.length < batch) break;
        after = rows.at(-1)!.id;
      }
    }
    const report = finishVerification(state);
    if (report.intact || attempt >= 2) return report;
    // Pruning ran meanwhile: the rows read first may be gone; read them again from the new anchor.
    if ((await findChainHead(db)).anchorHash === head.anchorHash) return report;
  }
}
