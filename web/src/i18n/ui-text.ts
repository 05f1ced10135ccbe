/**
 * The characters the UI's own texts can show: its translations and the symbols drawn beside them.
 * The build preloads the font files they need (web/vite-plugins/font-preload.ts) and the app
 * waits for those files before its first render (theme/fonts.ts). Pure.
 */

/**
 * The symbols the components write themselves, outside the translations (dashes for no value,
 * separators, arrows, play and pause). A spec keeps this list complete.
 */
export const SYMBOLS = '—·›…、×←→↑↓▲▼▶❚';

/** Every string in a nested object of texts, joined. */
export function textsOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return Object.values(value).map(textsOf).join('');
  return '';
}

/** The UI's own characters in one language, each once. */
export function uiText(translations: object): string {
  return [...new Set(textsOf(translations) + SYMBOLS)].join('');
}
