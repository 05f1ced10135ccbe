/**
 * The security administrator's settings: the password policy and which business roles must
 * sign in with a second factor (the three administrators always must). Stored as one JSON
 * setting; pure here.
 */
import { DEFAULT_PASSWORD_POLICY, parsePasswordPolicy, type PasswordPolicy } from './password-policy.js';
import { ADMINISTRATOR_ROLES, BUSINESS_ROLES, isBusinessRole, type BusinessRole, type Role } from './roles.js';

export interface SecurityPolicy {
  password: PasswordPolicy;
  /** Business roles that must sign in with a second factor too (never the unattended kiosk). */
  twoFactorRoles: BusinessRole[];
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = { password: DEFAULT_PASSWORD_POLICY, twoFactorRoles: [] };

/** The stored setting's key. */
export const SECURITY_POLICY_SETTING = 'security_policy';

export function requiresSecondFactor(role: Role, policy: SecurityPolicy): boolean {
  return (
    (ADMINISTRATOR_ROLES as readonly string[]).includes(role) || (policy.twoFactorRoles as string[]).includes(role)
  );
}

type Parsed = { ok: true; value: SecurityPolicy } | { ok: false; error: { field: string; message: string } };

export function parseSecurityPolicy(value: unknown): Parsed {
  const input = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const password = parsePasswordPolicy(input.password);
  if (!password.ok) return { ok: false, error: { ...password.error, field: `password.${password.error.field}` } };
  const roles = input.twoFactorRoles ?? [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && isBusinessRole(r) && r !== 'kiosk')) {
    return {
      ok: false,
      error: {
        field: 'twoFactorRoles',
        message: `must list business roles other than kiosk (${BUSINESS_ROLES.filter((r) => r !== 'kiosk').join(', ')})`,
      },
    };
  }
  return { ok: true, value: { password: password.value, twoFactorRoles: [...new Set(roles as BusinessRole[])] } };
}
