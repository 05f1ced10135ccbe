import { afterEach, describe, expect, it, vi } from 'vitest';
import { fontFilesLoaded, loadFontFiles } from './fonts.js';

/** A document whose font set answers `load` as told, recording what was asked for. */
function withFonts(load: (font: string, text: string) => Promise<unknown>) {
  const asked: string[] = [];
  vi.stubGlobal('document', {
    fonts: { load: (font: string, text: string) => (asked.push(`${font}|${text}`), load(font, text)) },
  });
  return asked;
}

describe('loading font files', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('asks for the characters in the bundled family at each weight the UI uses', async () => {
    const asked = withFonts(async () => []);
    await loadFontFiles('菏泽');
    expect(asked).toEqual([
      "400 32px 'Noto Sans SC Variable'|菏泽",
      "500 32px 'Noto Sans SC Variable'|菏泽",
      "600 32px 'Noto Sans SC Variable'|菏泽",
    ]);
  });

  it('asks for nothing when there are no characters', async () => {
    const asked = withFonts(async () => []);
    await loadFontFiles('');
    expect(asked).toEqual([]);
  });

  it('resolves when a file cannot be fetched (the server away), so callers need not catch', async () => {
    withFonts(() => Promise.reject(new DOMException('A network error occurred.', 'NetworkError')));
    await expect(loadFontFiles('菏泽')).resolves.toBeUndefined();
  });

  it('stops waiting after the time given when the files do not come', async () => {
    vi.useFakeTimers();
    withFonts(() => new Promise(() => {}));
    let done = false;
    void fontFilesLoaded('菏泽', 400).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(399);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
