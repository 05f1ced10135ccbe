/** The checks on what an administrator types into an account: username, display name, jurisdiction. */
import { randomInt } from 'node:crypto';
import { jurisdictionPrefix } from '../auth/jurisdiction.js';
import type { Queryable } from '../db/database.js';
import { adminUnitsExist, findAdminUnit } from '../db/queries/admin-units.js';
import { adminLevelOfCode } from '../domain/codes.js';
import { err, ok, type Result } from '../domain/result.js';
import { textProblem } from '../domain/text-safety.js';
import { inside, type AccountError, type Actor } from './actor.js';

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const MAX_DISPLAY_NAME = 64;

export function checkUsername(value: string): Result<string, AccountError> {
  if (USERNAME.test(value)) return ok(value);
  return err({
    kind: 'invalid',
    field: 'username',
    message: '3–32 letters, digits, ".", "_" or "-"',
    reason: 'bad_username',
  });
}

export function checkDisplayName(value: string, field = 'displayName'): Result<string, AccountError> {
  const name = value.trim();
  if (name.length === 0) return err({ kind: 'invalid', field, message: 'must not be blank', reason: 'blank' });
  if ([...name].length > MAX_DISPLAY_NAME) {
    return err({
      kind: 'invalid',
      field,
      message: `is longer than ${MAX_DISPLAY_NAME} characters`,
      reason: 'too_long',
      params: { max: MAX_DISPLAY_NAME },
    });
  }
  const problem = textProblem(name);
  return problem ? err({ kind: 'invalid', field, message: problem, reason: 'unsafe_text' }) : ok(name);
}

export async function checkJurisdiction(
  tx: Queryable,
  actor: Actor,
  code: string,
  field = 'jurisdiction',
): Promise<Result<string, AccountError>> {
  if (adminLevelOfCode(code) === null) {
    return err({
      kind: 'invalid',
      field,
      message: `"${code}" is not a 12-digit admin unit code`,
      reason: 'bad_code',
      params: { value: code },
    });
  }
  if (!inside(actor, code) || !(await findAdminUnit(tx, code, jurisdictionPrefix(code)))) {
    if (!(await adminUnitsExist(tx))) {
      const message =
        "no administrative units are loaded yet: load the city's map first (npm run seed -- --dir FOLDER)";
      return err({ kind: 'invalid', field, message, reason: 'no_units_loaded' });
    }
    return err({
      kind: 'invalid',
      field,
      message: `unit ${code} is not a unit of your jurisdiction`,
      reason: 'outside_jurisdiction',
      params: { unit: code },
    });
  }
  return ok(code);
}

/** A password that meets any policy within the bounds: 16 characters of all four kinds. */
export function temporaryPassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+='];
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  const all = sets.join('');
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
