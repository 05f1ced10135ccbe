/**
 * Characters no stored text may hold: controls, which break logs, terminals, CSV and search, and
 * the invisible bidirectional formatting characters, which make a name display in another order
 * than it is stored ("Trojan Source"), so that two names look alike or a code reads wrong on a
 * screen. Pure; the import and the GraphQL mutations both check with it, and migration 015 holds
 * the same rule for the single-line name columns.
 *
 * Forbidden everywhere:
 * - C0 controls U+0000–U+001F (NUL included), DEL U+007F and C1 controls U+0080–U+009F;
 * - bidirectional embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the Arabic letter
 *   mark U+061C and the left-to-right / right-to-left marks U+200E, U+200F. The marks are rejected
 *   too: they are as invisible as the others, they move neutral characters such as "-" and digits
 *   when displayed, and no Chinese register needs them.
 *
 * Multi-line fields (notes) may also hold line feeds, tabs and a carriage return that ends a line
 * (CRLF, as a Windows client sends); a lone carriage return stays forbidden, as it overwrites the
 * line in terminals and logs.
 */

export interface TextRules {
  /** True for free text such as notes: line breaks and tabs are allowed. */
  multiline?: boolean;
}

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x09: 'a tab',
  0x0a: 'a line feed',
  0x0d: 'a carriage return',
};

/** Every forbidden character, one per match; a CRLF pair is matched whole so multi-line text can keep it. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /\r\n|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

function allowed(match: string, rules: TextRules): boolean {
  if (!rules.multiline) return false;
  return match === '\r\n' || match === '\n' || match === '\t';
}

function explain(codePoint: number, position: number): string {
  const bidi = BIDI_NAMES[codePoint];
  if (bidi) {
    const kind = codePoint === 0x202d || codePoint === 0x202e ? 'override' : 'control';
    return `contains the bidirectional ${kind} ${hex(codePoint)} (${bidi}) at position ${position}; remove it`;
  }
  const name = CONTROL_NAMES[codePoint];
  return `contains the control character ${hex(codePoint)}${name ? ` (${name})` : ''} at position ${position}`;
}

/**
 * Why `value` may not be stored, or null when it may. The message follows a field name ("name
 * contains the control character U+0007 at position 5") and counts positions in characters
 * (code points) from 1, as a person counts them in the text.
 */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  for (const match of value.matchAll(FORBIDDEN)) {
    if (allowed(match[0], rules)) continue;
    const position = [...value.slice(0, match.index)].length + 1;
    return explain(match[0].codePointAt(0)!, position);
  }
  return null;
}
