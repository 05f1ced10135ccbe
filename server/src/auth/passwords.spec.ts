import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('hashPassword and verifyPassword', () => {
  it('stores scrypt with N=16384, r=8, p=1, a 16-byte salt and the parameters in the string', async () => {
    const encoded = await hashPassword('Heze-2026-secure');
    const [scheme, N, r, p, salt, hash, ...rest] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64').length).toBeGreaterThanOrEqual(32);
    expect(rest).toEqual([]);
  });

  it('accepts the password it hashed and refuses another', async () => {
    const encoded = await hashPassword('Heze-2026-secure');
    await expect(verifyPassword('Heze-2026-secure', encoded)).resolves.toBe(true);
    await expect(verifyPassword('heze-2026-secure', encoded)).resolves.toBe(false);
    await expect(verifyPassword('', encoded)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords give different strings', async () => {
    const [a, b] = await Promise.all([hashPassword('Same-Password-1'), hashPassword('Same-Password-1')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('Same-Password-1', b)).resolves.toBe(true);
  });

  it('verifies the scrypt test vector of RFC 7914 §12 written in our format', async () => {
    // scrypt(P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64) = fdbabe1c…2cc0640
    const encoded =
      'scrypt$1024$8$16$TmFDbA==$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWIurzDZLiKjiG/xCSedmDDaxyevuUqD7m2DYMvfoswGQA==';
    await expect(verifyPassword('password', encoded)).resolves.toBe(true);
    await expect(verifyPassword('passwore', encoded)).resolves.toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', 'bcrypt$16384$8$1$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8='],
    ['a missing part', 'scrypt$16384$8$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODw=='],
    ['a cost that is not a power of two', 'scrypt$16000$8$1$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODw=='],
    ['a salt that is not base64', 'scrypt$16384$8$1$not*base64$AAECAwQFBgcICQoLDA0ODw=='],
  ])('matches nothing against %s', async (_name, encoded) => {
    await expect(verifyPassword('anything', encoded)).resolves.toBe(false);
  });
  it('refuses a stored cost too large to compute safely without computing it', async () => {
    // N = 2^23 would take 8 GiB and many seconds per login attempt.
    const encoded = 'scrypt$8388608$8$1$AAECAwQFBgcICQoLDA0ODw==$AAECAwQFBgcICQoLDA0ODw==';
    const started = performance.now();
    await expect(verifyPassword('anything', encoded)).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
