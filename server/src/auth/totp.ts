/**
 * Time-based one-time passwords (RFC 6238) for the second sign-in factor, with any authenticator
 * app: HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift either way. A code is
 * accepted once: the step it belongs to must be later than the last one accepted. Pure but for
 * the random secret; the enrolment QR code is drawn here as SVG, offline.
 */
import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

export const TOTP_ISSUER = '综治中心';
const PERIOD = 30;
const DIGITS = 6;
/** Steps of drift accepted either side of now (a phone's clock a little off). */
const WINDOW = 1;

function totp(secretBase32: string, label = '', digits = DIGITS, algorithm = 'SHA1'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm,
    digits,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A fresh random secret (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/** The code for `at`; `digits` and `algorithm` only for RFC 6238's own test vectors. */
export function totpCode(secretBase32: string, at: Date, digits = DIGITS, algorithm = 'SHA1'): string {
  return totp(secretBase32, '', digits, algorithm).generate({ timestamp: at.getTime() });
}

/**
 * The time step a code belongs to when it is right at `at` (within the drift window) and later
 * than `lastStep`; null otherwise (wrong, too old, or already used).
 */
export function acceptedTotpStep(secretBase32: string, code: string, at: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: WINDOW });
  if (delta === null) return null;
  const step = Math.floor(at.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The otpauth:// address as an SVG QR code, drawn here: no image service is ever asked. */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
