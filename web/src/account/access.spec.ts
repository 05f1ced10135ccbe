import { describe, expect, it } from 'vitest';
import { adminPagesFor, landingPath, mayOpen } from './access.js';

describe('where an account may go', () => {
  it('lands each administrator on the page of their duty', () => {
    expect(landingPath(['manage_accounts'], null)).toBe('/admin/accounts');
    expect(landingPath(['manage_security'], null)).toBe('/admin/accounts');
    expect(landingPath(['read_audit'], null)).toBe('/admin/audit');
    expect(landingPath(['read_map', 'advance_case'], null)).toBe('/');
  });

  it('goes back to the page asked for only when it opens for the account', () => {
    expect(landingPath(['read_audit'], '/admin/audit?x=1')).toBe('/admin/audit?x=1');
    expect(landingPath(['read_audit'], '/admin/accounts')).toBe('/admin/audit');
    expect(landingPath(['manage_accounts'], '/account/password')).toBe('/account/password');
  });

  it('never follows a next page to another site or back to the sign-in', () => {
    expect(landingPath(['manage_accounts'], '//evil.example/x')).toBe('/admin/accounts');
    expect(landingPath(['manage_accounts'], 'https://evil.example/')).toBe('/admin/accounts');
    expect(landingPath(['manage_accounts'], '/signin')).toBe('/admin/accounts');
  });

  it('opens the audit page to the audit administrator alone', () => {
    expect(mayOpen('/admin/audit', ['read_audit'])).toBe(true);
    expect(mayOpen('/admin/audit', ['manage_accounts', 'manage_security'])).toBe(false);
    expect(adminPagesFor(['read_map']).map((p) => p.path)).toEqual([]);
  });
});
