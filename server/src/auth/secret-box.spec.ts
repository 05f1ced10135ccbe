import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

const KEY = randomBytes(32);

describe('sealSecret and openSecret', () => {
  it('round-trips a secret and never writes it in the clear', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', KEY);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed, KEY)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('seals the same secret differently each time', () => {
    expect(sealSecret('x', KEY)).not.toBe(sealSecret('x', KEY));
  });

  it('refuses a box opened with another key or changed by one byte', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', KEY);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => openSecret(`v1:${bytes.toString('base64')}`, KEY)).toThrow();
  });
});
