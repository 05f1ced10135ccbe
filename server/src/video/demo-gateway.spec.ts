import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIP_SEGMENTS, clipArguments, DemoClips, SYNTHETIC_LABEL } from './demo-clips.js';
import { demoGateway, loopingPlaylist } from './demo-gateway.js';

const CAMERA = '37170200001325000001';

describe('the looping live playlist of a demo clip', () => {
  const segments = (text: string) => text.split('\n').filter((l) => l.startsWith('s'));

  it('starts at the first segment and slides on by one segment every two seconds', () => {
    expect(segments(loopingPlaylist(0))).toEqual(['s0.ts', 's1.ts', 's2.ts']);
    expect(segments(loopingPlaylist(2.5))).toEqual(['s1.ts', 's2.ts', 's3.ts']);
    expect(loopingPlaylist(2.5)).toContain('#EXT-X-MEDIA-SEQUENCE:1');
    expect(loopingPlaylist(0)).not.toContain('#EXT-X-ENDLIST');
  });

  it('marks a discontinuity where the clip starts over, and counts those that slid out', () => {
    const text = loopingPlaylist(2 * 2);
    expect(text.trim().split('\n').slice(-5)).toEqual([
      '#EXTINF:2.0,',
      's3.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXTINF:2.0,',
      's4.ts',
    ]);
    expect(loopingPlaylist(2 * (CLIP_SEGMENTS + 1))).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(loopingPlaylist(2 * (CLIP_SEGMENTS * 3 + 1))).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:3');
  });
});

describe('the demo clips', () => {
  let dir: string;
  afterAll(() => dir && rm(dir, { recursive: true, force: true }));

  it('label every frame as synthetic with the camera id, in Chinese where a font has the glyphs', () => {
    const filter = clipArguments(CAMERA, '/tmp/x', {
      DEMO_VIDEO_FONT: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    });
    expect(filter.join(' ')).toContain(`${SYNTHETIC_LABEL}  ${CAMERA}`);
  });

  it('are made once by the packaged ffmpeg and served as live HLS on the loopback interface', async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-video-'));
    const gateway = demoGateway(dir, new DemoClips(dir));
    try {
      const stream = await gateway.play(CAMERA);
      expect(gateway.synthetic).toBe(true);
      expect(stream.protocol).toBe('HLS');
      expect(stream.url.hostname).toBe('127.0.0.1');
      expect((await readdir(join(dir, CAMERA))).sort()).toEqual([
        'index.m3u8',
        ...Array.from({ length: CLIP_SEGMENTS }, (_, i) => `seg${i}.ts`),
      ]);
      const playlist = await (await fetch(stream.url)).text();
      expect(playlist).toMatch(/^s\d+\.ts$/m);
      const segment = new Uint8Array(await (await fetch(new URL('s4.ts', stream.url))).arrayBuffer());
      // An MPEG transport stream: 188-byte packets, each starting with the sync byte 0x47.
      expect(segment[0]).toBe(0x47);
      expect(segment[188]).toBe(0x47);
      await gateway.play(CAMERA);
      expect(existsSync(join(dir, `${CAMERA}.partial-${process.pid}`))).toBe(false);
    } finally {
      await gateway.close?.();
    }
  }, 60_000);

  it('refuses to make a clip for something that is not a camera id', async () => {
    await expect(new DemoClips('/tmp').ensure('../etc')).rejects.toThrow(/not a camera id/);
  });
});
