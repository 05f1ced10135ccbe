import { describe, expect, it } from 'vitest';
import { missingCredentials } from './missing-credentials.js';

describe('missingCredentials', () => {
  it('names what an empty or half-filled form lacks', () => {
    expect(missingCredentials('', '')).toBe('both');
    expect(missingCredentials('   ', 'x')).toBe('username');
    expect(missingCredentials('demo-city', '')).toBe('password');
  });

  it('lets a filled form through, a password of spaces included', () => {
    expect(missingCredentials('demo-city', 'demo')).toBeNull();
    expect(missingCredentials('demo-city', '  ')).toBeNull();
  });
});
