import { describe, expect, it } from 'vitest';
import { folderOf, PlaylistAddressError, rewritePlaylist } from './playlist.js';
import { signGrant, streamTokenKey, verifyGrant } from './stream-token.js';

const ENTRY = new URL('http://nvr:8080/live/1/index.m3u8?sign=x');
const OURS = '/video/1/token/';

describe('playlists on our origin', () => {
  it('rewrites relative, rooted and absolute addresses and URI attributes under our path', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-KEY:METHOD=AES-128,URI="keys/k1"',
      '#EXTINF:2,',
      'a.ts',
      '/live/1/b.ts?t=1',
      'http://nvr:8080/live/1/low/c.ts',
    ].join('\n');
    expect(rewritePlaylist(text, ENTRY, folderOf(ENTRY), OURS).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-KEY:METHOD=AES-128,URI="/video/1/token/keys/k1"',
      '#EXTINF:2,',
      '/video/1/token/a.ts',
      '/video/1/token/b.ts?t=1',
      '/video/1/token/low/c.ts',
    ]);
  });

  it("refuses an address outside the stream's folder or on another host", () => {
    for (const address of ['../2/a.ts', 'http://elsewhere/live/1/a.ts', '/live/10/a.ts']) {
      expect(() => rewritePlaylist(`#EXTM3U\n${address}`, ENTRY, folderOf(ENTRY), OURS), address).toThrow(
        PlaylistAddressError,
      );
    }
  });
});

describe('stream tokens', () => {
  const key = streamTokenKey(new Uint8Array(32).fill(7));
  const grant = { view: 'v1', camera: '37170200001325000001', username: 'demo-village', expiresAt: 1 };

  it('give back what they grant', () => {
    expect(verifyGrant(key, signGrant(key, grant))).toEqual(grant);
  });

  it('are refused when changed, signed by another key, or not tokens at all', () => {
    const token = signGrant(key, grant);
    const changed = signGrant(key, { ...grant, camera: '37170200001325000002' }).split('.')[0];
    expect(verifyGrant(key, `${changed}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyGrant(streamTokenKey(new Uint8Array(32).fill(8)), token)).toBeNull();
    for (const bad of ['', 'a', 'a.b.c', `${token}x`]) expect(verifyGrant(key, bad), bad).toBeNull();
  });
});
