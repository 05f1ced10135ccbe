import { describe, expect, it } from 'vitest';
import { acceptedTotpStep, newTotpSecret, qrSvg, totpCode, totpUri } from './totp.js';

/** RFC 6238 appendix B: the ASCII secret "12345678901234567890" for SHA-1, in base32. */
const RFC_SECRET_SHA1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** …"12345678901234567890123456789012" for SHA-256. */
const RFC_SECRET_SHA256 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082', '46119246'],
    [1111111109, '07081804', '68084774'],
    [1111111111, '14050471', '67062674'],
    [1234567890, '89005924', '91819424'],
    [2000000000, '69279037', '90698825'],
    [20000000000, '65353130', '77737706'],
  ])('gives the test vectors of appendix B at T = %i', (seconds, sha1, sha256) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(RFC_SECRET_SHA1, at, 8, 'SHA1')).toBe(sha1);
    expect(totpCode(RFC_SECRET_SHA256, at, 8, 'SHA256')).toBe(sha256);
  });

  const secret = newTotpSecret();
  const now = new Date('2026-06-30T02:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts the current code and a neighbouring step, and names the step', () => {
    expect(acceptedTotpStep(secret, totpCode(secret, now), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now, null)).toBe(step - 1);
  });

  it('refuses a code two steps away, a wrong code and anything that is not six digits', () => {
    expect(acceptedTotpStep(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now, null)).toBeNull();
    const right = totpCode(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(acceptedTotpStep(secret, wrong, now, null)).toBeNull();
    for (const junk of ['', '12345', '1234567', 'abcdef', ' 123456'])
      expect(acceptedTotpStep(secret, junk, now, null)).toBeNull();
  });

  it('refuses a code of a step already used, so a code seen over a shoulder is worthless', () => {
    const code = totpCode(secret, now);
    expect(acceptedTotpStep(secret, code, now, step)).toBeNull();
    expect(acceptedTotpStep(secret, code, now, step - 1)).toBe(step);
  });

  it('makes 160-bit secrets and an otpauth address that names the issuer and account', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, 'zhang.wei')).toMatch(/^otpauth:\/\/totp\/.*zhang\.wei\?.*secret=/);
  });

  it('draws the QR code as SVG without fetching anything', () => {
    const svg = qrSvg(totpUri(secret, 'zhang.wei'));
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
