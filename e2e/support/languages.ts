/**
 * What a language test reads off a page and how it judges it: the visible texts, and whether each
 * is in the page's language once the proper names of the data (units, grids, places, people) and
 * the tokens every language shares (numbers, codes, units of measure) are set aside.
 */
import type { Page } from 'playwright-core';
import type { Queryable } from '../../server/src/db/database.js';

const HAN = /\p{Script=Han}/u;

/**
 * Tokens written the same in both languages: measurement units, file formats and standards,
 * file name extensions, identifiers in capitals or with digits, the demo accounts' user names,
 * hashes, time zones and the names of methods.
 */
const SHARED_TOKENS: readonly RegExp[] = [
  /\b(?:km|m|m²|km²|ha|h|min|ms|s|px|KB|MB|GB)\b/g,
  /\b(?:GeoJSON|GeoPackage|Shapefile|OpenStreetMap|Polsby[–-]Popper|Getis[–-]Ord|Asia\/Shanghai|UTC|demo)\b|\bGi\*/g,
  /\.[a-z]{2,4}\b/g,
  /\b[A-Z][A-Z0-9_]+\b/g,
  /\b[\w.-]*\d[\w.-]*\b/g,
  /\b[a-z]+(?:-[a-z]+)+\b/g,
  /\b[0-9a-f]{8,}\b/g,
];

/** One visible text of a page with where it is. */
export interface SeenText {
  text: string;
  where: string;
}

/**
 * Every visible text node of the page, input placeholders and the document title. Left out: the
 * map's attribution (a licence notice), what HTML marks as in another language (`lang`, such as
 * the language switch naming each language in its own) and what it marks as not to be translated
 * (`translate="no"`: identifiers such as API operation names).
 */
export function visibleTexts(page: Page): Promise<SeenText[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [{ text: document.title, where: 'document.title' }];
    const describe = (el: Element) => `${el.tagName}.${el.getAttribute('class') ?? ''}`;
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!el || !text || el.closest('.maplibregl-ctrl-attrib, script, style, option, [translate=no]')) continue;
      const marked = el.closest('body [lang]');
      if (marked && marked.getAttribute('lang') !== document.documentElement.lang) continue;
      if (shown(el)) out.push({ text, where: describe(el) });
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (shown(el) && !el.closest('[translate=no]'))
        out.push({ text: el.getAttribute('placeholder')!, where: `${describe(el)}[placeholder]` });
    }
    return out;
  });
}

/** The proper names the data holds: they stay as written in either language. */
export async function properNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`
    SELECT name FROM admin_units UNION SELECT name FROM grids
    UNION SELECT name FROM cameras UNION SELECT owner_unit FROM cameras
    UNION SELECT name FROM risk_points UNION SELECT responsible_unit FROM risk_points
    UNION SELECT name FROM roads WHERE name IS NOT NULL
    UNION SELECT note FROM case_events WHERE note IS NOT NULL
    UNION SELECT display_name FROM users UNION SELECT username FROM users`);
  // Longest first, so that a village's name goes before its township's inside it.
  return rows
    .map((r) => r.name.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
}

function withoutNames(text: string, names: readonly string[]): string {
  let rest = text;
  for (const name of names) if (rest.includes(name)) rest = rest.split(name).join(' ');
  return rest;
}

/**
 * The texts that are not in `language`: in Chinese, any text with a word of Latin letters left
 * once names and shared tokens are set aside; in English, any text with a Han character outside
 * the names of the data.
 */
export function foreignTexts(seen: readonly SeenText[], language: 'zh' | 'en', names: readonly string[]): string[] {
  const out: string[] = [];
  for (const { text, where } of seen) {
    const rest = withoutNames(text, names);
    if (language === 'en') {
      if (HAN.test(rest)) out.push(`${where}: "${text}"`);
      continue;
    }
    const stripped = SHARED_TOKENS.reduce((left, token) => left.replace(token, ' '), rest);
    if (/[A-Za-z]{2,}/.test(stripped)) out.push(`${where}: "${text}"`);
  }
  return [...new Set(out)];
}
