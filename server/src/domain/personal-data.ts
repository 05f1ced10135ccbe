/**
 * Personal details in what a case's history says (PIPL: minimum necessary, masked on shared
 * screens). The data model keeps no parties' names or numbers in columns; what a worker types
 * into a note may still hold a mobile or resident identity number, so a note is shown whole only
 * to those who handle cases, with the numbers masked to everyone else, and not at all on the
 * unattended wall screen, where the acting account's name is masked too.
 */

/** How much of a case's history a viewer may see. */
export type Exposure = 'handler' | 'colleague' | 'shared_screen';

// Resident identity numbers (GB 11643: 17 digits and a check digit or X) and mainland mobile
// numbers, not when part of a longer run of digits (case, grid and camera codes).
const RESIDENT_ID = /(?<![0-9])([1-9]\d{5})\d{8}(\d{3}[0-9Xx])(?![0-9Xx])/g;
const MOBILE = /(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])/g;

/** The text with identity and mobile numbers masked, keeping their ends to tell them apart. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(RESIDENT_ID, '$1********$2').replace(MOBILE, '$1****$2');
}

/** An account name as a shared screen shows it: the first character, then stars (张** for 张三). */
export function maskAccountName(name: string): string {
  const chars = [...name];
  return (chars[0] ?? '') + '*'.repeat(Math.max(2, chars.length - 1));
}

/** A note as the viewer may see it. */
export function noteFor(note: string | null, exposure: Exposure): string | null {
  if (note === null || exposure === 'handler') return note;
  return exposure === 'shared_screen' ? null : maskPersonalNumbers(note);
}

/** The acting account's name as the viewer may see it. */
export function actorFor(actor: string, exposure: Exposure): string {
  return exposure === 'shared_screen' ? maskAccountName(actor) : actor;
}
