/**
 * `<link rel="preload">` for the files of the bundled CJK font that the app's own Chinese texts
 * need. The font (@fontsource-variable/noto-sans-sc) comes as about a hundred files, each for a
 * unicode-range; the browser asks for one only once a layout needs it, some 0.2 s into a wall's
 * load, and then 15 or so of them hold all six of HTTP/1.1's connections while the map's scripts,
 * the login and the basemap queue behind them. Preloaded, they travel while the first script
 * runs. Which files: those whose unicode-range holds a character of the texts given (the UI's own
 * Chinese, web/src/i18n/ui-text.ts);
 * names, categories and other data bring in the rest as before.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

export interface FontFile {
  /** The file's name as the font's CSS names it, e.g. `noto-sans-sc-115-wght-normal.woff2`. */
  file: string;
  /** Inclusive code point ranges. */
  ranges: [number, number][];
}

/** The files and unicode-ranges of a font's `@font-face` rules. */
export function parseFontFaces(css: string): FontFile[] {
  const faces: FontFile[] = [];
  for (const [rule] of css.matchAll(/@font-face\s*{[^}]*}/g)) {
    const file = /url\(\s*['"]?(?:[^'")]*\/)?([^/'")]+\.woff2)['"]?\s*\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
    });
    faces.push({ file, ranges });
  }
  return faces;
}

/** The files holding at least one character of `text`, in the CSS's order. */
export function filesCovering(faces: readonly FontFile[], text: string): string[] {
  const codePoints = [...new Set([...text].map((c) => c.codePointAt(0)!))];
  return faces
    .filter((face) => codePoints.some((cp) => face.ranges.some(([from, to]) => cp >= from && cp <= to)))
    .map((face) => face.file);
}

/** The plugin: preload tags for the files covering `text`, as the build named them. */
export function fontPreloadPlugin(options: { fontCss: string; text: string }): Plugin {
  const wanted = filesCovering(parseFontFaces(readFileSync(options.fontCss, 'utf8')), options.text);
  return {
    name: 'zongzhi-font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const built = Object.keys(bundle);
        return wanted.flatMap((file) => {
          const stem = file.replace(/\.woff2$/, '');
          const href = built.find((name) => new RegExp(`(^|/)${stem}-[\\w-]{8}\\.woff2$`).test(name));
          if (!href) throw new Error(`font-preload: the build has no file for ${file}`);
          return [
            {
              tag: 'link',
              attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `/${href}` },
              injectTo: 'head' as const,
            },
          ];
        });
      },
    },
  };
}
