/**
 * The bundled CJK font (Noto Sans SC) comes as about a hundred files, one per unicode-range, and
 * the browser fetches a file when some text first needs it. Each file that comes in once the
 * page is laid out makes Chromium lay out and repaint all of it (every text's font has changed),
 * which at 4K with software compositing is a full-screen raster each time, dearer still during a
 * load. So the app asks for what it knows it will show in as few
 * batches as it can: the UI's own texts before the first render (main.tsx), the places' names
 * as soon as they are read, the map's labels as the map gets near them.
 *
 * A canvas does not wait for font files either: deck.gl draws its label atlas only once they are
 * in (and with no CJK font on the machine, Chinese would come out as boxes).
 */
export const FONT_FAMILY = "'Noto Sans SC Variable'";

/**
 * Loads the font files holding `characters`; resolves once they are in, or have failed (the
 * server away; the text then shows in a fallback font), so callers need not catch.
 */
export async function loadFontFiles(characters: string, family = FONT_FAMILY): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts || characters === '') return;
  await Promise.all([400, 500, 600].map((weight) => document.fonts.load(`${weight} 32px ${family}`, characters))).catch(
    () => undefined,
  );
}

/** Like loadFontFiles, but waits at most `timeoutMs` (the files still come in afterwards). */
export function fontFilesLoaded(characters: string, timeoutMs: number): Promise<void> {
  return Promise.race([loadFontFiles(characters), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
