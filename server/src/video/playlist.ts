/**
 * HLS playlists as our origin serves them: every address in them (segment lines, `URI="…"`
 * attributes of keys, maps and variant streams) points under the view's own `/video/…` path,
 * so that the gateway's host never reaches the browser and the wall stays single-origin.
 */

/** An address of a playlist that leaves the stream's folder on the gateway. */
export class PlaylistAddressError extends Error {}

/**
 * `text`, the playlist read from `playlistUrl`, with each address rewritten to `ourBase` +
 * its path below `streamFolder`; throws PlaylistAddressError for one outside that folder.
 */
export function rewritePlaylist(text: string, playlistUrl: URL, streamFolder: URL, ourBase: string): string {
  const ours = (address: string): string => {
    const resolved = new URL(address, playlistUrl);
    if (resolved.origin !== streamFolder.origin || !resolved.pathname.startsWith(streamFolder.pathname)) {
      throw new PlaylistAddressError(`the playlist points outside the stream's folder: ${resolved.href}`);
    }
    return `${ourBase}${resolved.pathname.slice(streamFolder.pathname.length)}${resolved.search}`;
  };
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) return line.replace(/URI="([^"]*)"/g, (_, uri: string) => `URI="${ours(uri)}"`);
      return ours(trimmed);
    })
    .join('\n');
}

/** The folder of an entry URL (`…/live/1/index.m3u8` → `…/live/1/`), without its query. */
export function folderOf(entry: URL): URL {
  const folder = new URL(entry.href);
  folder.search = '';
  folder.hash = '';
  folder.pathname = folder.pathname.replace(/[^/]*$/, '');
  return folder;
}
