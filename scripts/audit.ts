/**
 * `npm run audit -- <command>`: the audit record on the server itself.
 *
 *   verify   checks the hash chain over every row; names the first row that does not match it
 *   prune    removes the rows older than AUDIT_RETENTION_DAYS (at least 183), audited as
 *            `pruneAudit` by `cli:<user>`; the server does the same once a day by itself
 *
 * Exit codes: 0 done (verify: the chain is intact), 1 refused or the chain is broken, 2 wrong usage.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pruneAudit } from '../server/src/audit/retention.js';
import { verifyAuditChain } from '../server/src/audit/verify.js';
import { readConfig } from '../server/src/config.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/open.js';
import { runCommand, UsageError } from './command.js';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [command, ...rest] = positionals;
  if (command !== 'verify' && command !== 'prune') {
    throw new UsageError(command ? `unknown command "${command}"; use verify or prune` : 'say verify or prune');
  }
  if (rest.length > 0) throw new UsageError(`${command} takes no arguments, got "${rest.join(' ')}"`);
  const config = readConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'pg'),
    label: 'the audit record (npm run audit)',
  });
  try {
    await migrate(db);
    if (command === 'verify') {
      const report = await verifyAuditChain(db);
      if (report.intact) {
        console.log(`audit chain intact: ${report.checked} row(s) checked`);
        return 0;
      }
      console.error(
        `audit chain broken at row #${report.firstBrokenId}: ${report.problem} (${report.checked} row(s) checked)`,
      );
      return 1;
    }
    const done = await pruneAudit(db, {
      now: new Date(),
      retentionDays: config.auditRetentionDays,
      username: `cli:${userInfo().username}`.slice(0, 64),
    });
    console.log(
      `audit record pruned: ${done.removed} row(s) older than ${done.before} removed` +
        (done.anchorId ? `; the chain now starts after row #${done.anchorId}` : ''),
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCommand(
  main,
  'While the server runs, verify the chain on its page /admin/audit; it prunes the record once a day by itself.',
);
