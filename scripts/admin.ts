/**
 * `npm run admin -- <command> …`: account administration on the server itself, the same use
 * cases as the /admin/accounts page (server/src/accounts/), audited as `cli:<user>`.
 * The first system, security and audit administrators are created here; the three
 * administrator roles are only ever given here.
 *
 *   create --username U --jurisdiction CODE [--role R] [--display-name N] [--password-stdin]
 *                 asks for the password on the terminal (twice, not shown), or reads one line
 *                 from standard input; without --role the account awaits one
 *   list [--search TEXT]
 *   set-role U ROLE|none · disable U · enable U · unlock U · reset-password U · reset-2fa U · sign-out U
 *
 * Exit codes: 0 done, 1 refused (the reason is printed), 2 wrong usage.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { actorName, type AccountError, type Actor } from '../server/src/accounts/actor.js';
import {
  createAccount,
  listAccounts,
  resetPassword,
  setAccountEnabled,
} from '../server/src/accounts/administration.js';
import { endAccountSessions, grantRole, resetSecondFactor, unlock } from '../server/src/accounts/security.js';
import { isRole, type Role } from '../server/src/auth/roles.js';
import { readConfig } from '../server/src/config.js';
import type { Database, Queryable } from '../server/src/db/database.js';
import { insertAuditEntry } from '../server/src/db/queries/audit.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/open.js';
import type { Result } from '../server/src/domain/result.js';
import { runCommand, UsageError } from './command.js';

/** Reads a line from the terminal without showing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => {
      if (s.includes(prompt)) process.stdout.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      done(answer);
    });
  });
}

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readLine();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: use --password-stdin');
  const first = await askHidden('password: ');
  const again = await askHidden('the same password again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

/** Runs one use case in a transaction with its audit record; prints a refusal and exits 1. */
async function run<T>(
  db: Database,
  actor: Actor,
  operation: string,
  target: string | null,
  work: (tx: Queryable) => Promise<Result<T, AccountError>>,
): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const outcome = await work(tx);
    await insertAuditEntry(tx, {
      username: actorName(actor),
      operation,
      target,
      success: outcome.ok,
      outcome: outcome.ok ? 'ok' : outcome.error.kind === 'forbidden' ? 'denied_role' : 'invalid',
      detail: outcome.ok ? null : outcome.error.message.slice(0, 500),
    });
    return outcome;
  });
  if (!result.ok) {
    const field = result.error.field ? `${result.error.field}: ` : '';
    console.error(`refused: ${field}${result.error.message}`);
    process.exit(1);
  }
  return result.value;
}

const unwrap = <T>(value: T | { value: T }): T =>
  typeof value === 'object' && value !== null && 'ended' in value ? (value as { value: T }).value : (value as T);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      jurisdiction: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      search: { type: 'string' },
    },
  });
  const [command, subject, extra] = positionals;
  if (!command)
    throw new UsageError(
      'say what to do: create, list, set-role, disable, enable, unlock, reset-password, reset-2fa, sign-out',
    );
  const config = readConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'pg'),
    label: 'account administration (npm run admin)',
  });
  const actor: Actor = { kind: 'cli', name: userInfo().username };
  const now = () => new Date();
  try {
    await migrate(db);
    const need = (what: string | undefined, name: string) => {
      if (!what) throw new UsageError(`${command} needs ${name}`);
      return what;
    };
    switch (command) {
      case 'create': {
        const username = need(values.username, '--username');
        const jurisdiction = need(values.jurisdiction, '--jurisdiction');
        const role = values.role ?? null;
        if (role !== null && !isRole(role)) throw new UsageError(`--role "${role}" is not a role`);
        const password = await newPassword(values['password-stdin']);
        const created = await run(db, actor, 'createAccount', username, (tx) =>
          createAccount(
            tx,
            actor,
            {
              username,
              jurisdiction,
              role: role as Role | null,
              displayName: values['display-name'] ?? username,
              password,
            },
            now(),
          ),
        );
        console.log(
          `created ${created.account.username} (${created.account.role ?? 'awaiting a role'}, ${jurisdiction})`,
        );
        break;
      }
      case 'list': {
        const rows = await run(db, actor, 'listAccounts', null, (tx) =>
          listAccounts(tx, actor, { search: values.search ?? null, first: 1000 }, now()),
        );
        for (const r of rows) {
          const state = r.disabled ? 'disabled' : r.role ? 'active' : 'awaiting role';
          console.log(
            `${r.username.padEnd(20)} ${(r.role ?? '-').padEnd(11)} ${r.jurisdiction_code} ${state.padEnd(14)} ${r.display_name}`,
          );
        }
        break;
      }
      case 'set-role': {
        const username = need(subject, 'a username');
        const role = need(extra, 'a role (or none)');
        if (role !== 'none' && !isRole(role)) throw new UsageError(`"${role}" is not a role`);
        await run(db, actor, 'grantRole', username, (tx) =>
          grantRole(tx, actor, username, role === 'none' ? null : (role as Role), now()),
        );
        console.log(`${username}: role ${role}`);
        break;
      }
      case 'disable':
      case 'enable': {
        const username = need(subject, 'a username');
        await run(db, actor, `${command}Account`, username, (tx) =>
          setAccountEnabled(tx, actor, username, command === 'enable', now()),
        );
        console.log(`${username}: ${command}d`);
        break;
      }
      case 'unlock': {
        const username = need(subject, 'a username');
        await run(db, actor, 'unlockAccount', username, (tx) => unlock(tx, actor, username, now()));
        console.log(`${username}: unlocked`);
        break;
      }
      case 'reset-password': {
        const username = need(subject, 'a username');
        const reset = unwrap(
          await run(db, actor, 'resetPassword', username, (tx) => resetPassword(tx, actor, username, now())),
        );
        console.log(`${username}: temporary password ${reset.temporaryPassword} (to be changed at the next sign-in)`);
        break;
      }
      case 'reset-2fa': {
        const username = need(subject, 'a username');
        await run(db, actor, 'resetSecondFactor', username, (tx) => resetSecondFactor(tx, actor, username, now()));
        console.log(`${username}: second factor removed`);
        break;
      }
      case 'sign-out': {
        const username = need(subject, 'a username');
        await run(db, actor, 'endSessions', username, (tx) => endAccountSessions(tx, actor, username, now()));
        console.log(`${username}: signed out everywhere`);
        break;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await db.close();
  }
}

runCommand(
  main,
  'While the server runs, administer accounts on its page /admin/accounts; for the first administrator, stop the server, run this again, then start it.',
);
