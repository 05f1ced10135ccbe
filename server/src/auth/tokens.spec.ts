import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type TokenClaims } from './tokens.js';

const SECRET = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const OTHER_SECRET = new TextEncoder().encode('fedcba9876543210fedcba9876543210');
const NOW = new Date('2026-03-05T09:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const SID = 'AAAAAAAAAAAAAAAAAAAAAA';
const CLAIMS: TokenClaims = {
  username: 'zhang.wei',
  role: 'operator',
  jurisdiction: '371702000000',
  sessionId: SID,
};
const TTL = 1800;

async function verified(token: string, now = NOW) {
  const result = await verifyToken(token, SECRET, now);
  if (!result.ok) throw new Error(`expected a valid token: ${result.error.message}`);
  return result.value;
}

async function refused(token: string, now = NOW, secret = SECRET) {
  const result = await verifyToken(token, secret, now);
  if (result.ok) throw new Error('expected the token to be refused');
  return result.error;
}

/** A token signed with our secret but built by hand, to reach claims signToken never writes. */
function handMade(payload: Record<string, unknown>, issuer = 'zongzhi-map') {
  const iat = Math.floor(NOW.getTime() / 1000);
  return new SignJWT({ jti: SID, ...payload })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL);
}

describe('signToken and verifyToken', () => {
  it('round-trips the claims with the issue and expiry times', async () => {
    const token = await signToken(CLAIMS, SECRET, TTL, NOW);
    expect(await verified(token)).toEqual({
      ...CLAIMS,
      issuedAt: new Date('2026-03-05T09:00:00Z'),
      expiresAt: new Date('2026-03-05T09:30:00Z'),
    });
  });

  it('writes an HS256 JWT issued by zongzhi-map with the username as subject', async () => {
    const token = await signToken(CLAIMS, SECRET, TTL, NOW);
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(payload).toEqual({
      sub: 'zhang.wei',
      role: 'operator',
      jurisdiction: '371702000000',
      iss: 'zongzhi-map',
      jti: SID,
      iat: 1772701200,
      exp: 1772703000,
    });
  });

  it('accepts the token until its last second and calls it expired from then on', async () => {
    const token = await signToken(CLAIMS, SECRET, TTL, NOW);
    await expect(verified(token, later(TTL - 1))).resolves.toMatchObject({ username: 'zhang.wei' });
    expect((await refused(token, later(TTL))).kind).toBe('expired');
  });

  it('reports a token signed with another secret as a bad signature', async () => {
    const token = await signToken(CLAIMS, OTHER_SECRET, TTL, NOW);
    expect((await refused(token)).kind).toBe('bad_signature');
  });

  it('reports a bad signature before expiry, so a forged old token is never called merely expired', async () => {
    const token = await signToken(CLAIMS, OTHER_SECRET, TTL, NOW);
    expect((await refused(token, later(TTL * 10))).kind).toBe('bad_signature');
  });

  it('reports a token whose payload was altered as a bad signature', async () => {
    const [header, , signature] = (await signToken(CLAIMS, SECRET, TTL, NOW)).split('.');
    const promoted = Buffer.from(JSON.stringify({ ...CLAIMS, sub: 'zhang.wei', role: 'admin' })).toString('base64url');
    expect((await refused(`${header}.${promoted}.${signature}`)).kind).toBe('bad_signature');
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'not-a-token'],
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0'],
  ])('reports %s as malformed', async (_name, token) => {
    expect((await refused(token)).kind).toBe('malformed');
  });

  it('refuses an unsigned ("alg: none") token as malformed', async () => {
    const token = new UnsecuredJWT({ ...CLAIMS, sub: 'zhang.wei' })
      .setIssuer('zongzhi-map')
      .setIssuedAt(1772701200)
      .setExpirationTime(1772703000)
      .encode();
    expect((await refused(token)).kind).toBe('malformed');
  });

  it('refuses a token from another issuer', async () => {
    const token = await handMade({ role: 'operator', jurisdiction: '371702000000' }, 'someone-else')
      .setSubject('x')
      .sign(SECRET);
    expect(await refused(token)).toMatchObject({ kind: 'invalid_claims' });
  });

  it.each([
    ['no username', { role: 'operator', jurisdiction: '371702000000' }, undefined],
    ['an unknown role', { role: 'root', jurisdiction: '371702000000' }, 'li.na'],
    ['a malformed jurisdiction', { role: 'operator', jurisdiction: '3717' }, 'li.na'],
    ['a malformed session id', { role: 'operator', jurisdiction: '371702000000', jti: 'short' }, 'li.na'],
  ])('refuses a correctly signed token with %s', async (_name, payload, subject) => {
    const builder = handMade(payload);
    const token = await (subject ? builder.setSubject(subject) : builder).sign(SECRET);
    expect((await refused(token)).kind).toBe('invalid_claims');
  });

  it('refuses secrets shorter than 32 bytes and lifetimes that are not positive whole seconds', async () => {
    await expect(signToken(CLAIMS, new Uint8Array(16), TTL, NOW)).rejects.toThrow(/32 bytes/);
    await expect(signToken(CLAIMS, SECRET, 0, NOW)).rejects.toThrow(/lifetime/);
    await expect(signToken(CLAIMS, SECRET, 1.5, NOW)).rejects.toThrow(/lifetime/);
  });
});
