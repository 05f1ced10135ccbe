import { describe, expect, it } from 'vitest';
import { accessRefusal, requireAccess } from './access.js';
import type { Viewer } from './viewer.js';

const viewer = (role: Viewer['role']): Viewer => ({
  username: 'someone',
  role,
  jurisdiction: '371702000000',
  prefix: '371702',
  departmentCode: null,
  sessionId: 's',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});

describe('accessRefusal', () => {
  it('asks nobody signed in to sign in', () => {
    expect(accessRefusal(null)?.kind).toBe('unauthenticated');
  });

  it('refuses a role without the permission, naming both', () => {
    const refusal = accessRefusal(viewer('sysadmin'), 'read_map');
    expect([refusal?.kind, refusal?.message]).toEqual(['forbidden', 'role sysadmin may not read map']);
  });

  it('lets a role with the permission through', () => {
    expect(accessRefusal(viewer('leader'), 'read_map')).toBeNull();
    expect(requireAccess(viewer('leader'), 'read_map').role).toBe('leader');
  });
});
