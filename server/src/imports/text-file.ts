/**
 * Whether bytes that should be text (a CSV, a GeoJSON) are text at all, before anything parses
 * them: a binary file read as CSV becomes hundreds of thousands of refused "records", and a file
 * in an encoding we do not read becomes rows of replacement characters. Pure.
 */
import type { ProblemParams } from '../domain/row-checks.js';
import type { FileFormat, TextEncodingName } from './readers.js';

/** A whole file refused, with a stable reason code and its parameters (the web words it). */
export interface FileRefusal {
  reason: string;
  params: ProblemParams;
  /** In English, for logs and API consumers. */
  message: string;
}

/** How much of the start is looked at for binary data: enough for any header, little time. */
const SNIFF_BYTES = 64 * 1024;

function decodes(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `bytes` cannot be read as text of `format`, or null: binary data (more than one control
 * character in a hundred, NUL included, in the first 64 KiB), or text that is not valid in the
 * stated encoding (else in UTF-8 or GBK; a GeoJSON must be UTF-8).
 */
export function textFileRefusal(
  format: FileFormat,
  bytes: Uint8Array,
  encoding?: TextEncodingName,
): FileRefusal | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  // A stray control character in a cell is that row's problem (row-checks.ts), not the file's.
  const allowed = Math.max(8, head.length / 100);
  let controls = 0;
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
    if (controls > allowed) {
      return {
        reason: 'binary_file',
        params: { format: format.toUpperCase() },
        message: `the file holds binary data, not ${format.toUpperCase()} text (UTF-8 or GBK)`,
      };
    }
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const stated = bom || format === 'geojson' ? 'utf-8' : encoding;
  if (stated) {
    if (decodes(body, stated)) return null;
    return {
      reason: 'not_encoding',
      params: { encoding: stated.toUpperCase() },
      message: `the file is not valid ${stated.toUpperCase()} text`,
    };
  }
  if (decodes(body, 'utf-8') || decodes(body, 'gbk')) return null;
  return { reason: 'bad_encoding', params: {}, message: 'the file is neither valid UTF-8 nor valid GBK text' };
}
