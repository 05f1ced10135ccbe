/**
 * Password hashing and the complexity rule of MLPS 2.0 level 3 (GB/T 22239-2019): only salted,
 * memory-hard hashes are stored, and a stored hash says its own parameters so that they can be
 * raised later without breaking existing accounts.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const COST = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** Bounds for parameters read back from storage, so a tampered row cannot make a login hog memory. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function scryptAsync(plain: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) would refuse larger stored costs. */
const memoryFor = (N: number, r: number): number => 128 * N * r * 2;

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64` with a fresh random salt. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scryptAsync(plain, salt, HASH_BYTES, { ...COST, maxmem: memoryFor(COST.N, COST.r) });
  return [SCHEME, COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface StoredHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseStored(encoded: string): StoredHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,7}$/.test(part) ? Number(part) : NaN));
  const [salt, hash] = parts.slice(4);
  if (N === undefined || r === undefined || p === undefined || salt === undefined || hash === undefined) return null;
  const powerOfTwo = Number.isInteger(Math.log2(N));
  if (!powerOfTwo || N < 2 || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return null;
  if (!BASE64.test(salt) || !BASE64.test(hash)) return null;
  const parsed = { N, r, p, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  return parsed.salt.length > 0 && parsed.hash.length >= 16 ? parsed : null;
}

/**
 * Whether `plain` matches a hash made by hashPassword. A malformed stored hash matches nothing
 * rather than throwing, so that a damaged row locks one account instead of breaking login.
 */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const stored = parseStored(encoded);
  if (!stored) return false;
  const { N, r, p, salt, hash } = stored;
  const candidate = await scryptAsync(plain, salt, hash.length, { N, r, p, maxmem: memoryFor(N, r) });
  // Constant-time comparison: how many leading bytes match must not show in the response time.
  return timingSafeEqual(candidate, hash);
}
