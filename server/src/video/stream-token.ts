/**
 * The signed token in a stream's URL on our origin (`/video/{camera}/{token}/index.m3u8`). A
 * `<video>` element and a player's segment requests cannot send a bearer token, so the URL
 * itself must say who may read which camera's stream, and until when it may be opened.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token grants: one view of one camera to one account. */
export interface StreamGrant {
  /** The view (see views.ts) the token opens. */
  view: string;
  camera: string;
  username: string;
  /** Milliseconds since the epoch after which the token no longer opens its view. */
  expiresAt: number;
}

/** The stream-token key derived from the server's signing secret, so no token passes as another kind. */
export function streamTokenKey(secret: Uint8Array): Buffer {
  return createHmac('sha256', secret).update('video stream token').digest();
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function signGrant(key: Buffer, grant: StreamGrant): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The grant of a token this key signed, or null for anything else (expiry is the caller's to judge). */
export function verifyGrant(key: Buffer, token: string): StreamGrant | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString()) as StreamGrant;
    const ok =
      typeof grant.view === 'string' &&
      typeof grant.camera === 'string' &&
      typeof grant.username === 'string' &&
      typeof grant.expiresAt === 'number';
    return ok ? grant : null;
  } catch {
    return null;
  }
}
