/**
 * Secrets the server must read back (TOTP seeds) are kept encrypted with the server's data key
 * (AES-256-GCM, authenticated): a copy of the users table alone gives no second factor away.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new Error(`the data key must be 32 bytes, got ${key.length}`);
}

/** `v1:<base64 of iv | tag | ciphertext>`. */
export function sealSecret(plain: string, key: Uint8Array): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The plain secret; throws when the box was made with another key or changed since. */
export function openSecret(sealed: string, key: Uint8Array): string {
  checkKey(key);
  const [version, data] = sealed.split(':');
  if (version !== VERSION || !data) throw new Error('not a sealed secret');
  const bytes = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
