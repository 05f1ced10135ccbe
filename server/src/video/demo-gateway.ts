/**
 * The demo's video gateway: the synthetic clips (demo-clips.ts) served as looping live HLS by a
 * small HTTP server on the loopback interface, reached through the URL template adapter like
 * any NVR. Its streams are marked synthetic, so the player says so.
 */
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { VideoGatewayError, type VideoGateway } from './gateway.js';
import { CLIP_SEGMENTS, DemoClips, SEGMENT_SECONDS } from './demo-clips.js';
import { templateGateway } from './template-gateway.js';

/** Segments in each live playlist. */
const WINDOW = 3;

/**
 * The live playlist of a looping clip at `seconds` since the gateway started: the newest
 * WINDOW segments, numbered on forever (`s{n}.ts` is clip segment n mod CLIP_SEGMENTS), with a
 * discontinuity wherever the clip starts over.
 */
export function loopingPlaylist(seconds: number): string {
  const newest = Math.floor(seconds / SEGMENT_SECONDS) + WINDOW - 1;
  const first = newest - WINDOW + 1;
  const wrapsBefore = first === 0 ? 0 : Math.floor((first - 1) / CLIP_SEGMENTS);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_SECONDS}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${wrapsBefore}`,
  ];
  for (let n = first; n <= newest; n++) {
    if (n > 0 && n % CLIP_SEGMENTS === 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${SEGMENT_SECONDS.toFixed(1)},`, `s${n}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

/** The demo gateway keeping its clips in `dir`; its server starts with the first view. */
export function demoGateway(dir: string, clips = new DemoClips(dir)): VideoGateway {
  const started = Date.now();
  let serving: Promise<{ server: Server; gateway: VideoGateway }> | null = null;

  const serve = () =>
    (serving ??= new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://demo').pathname;
        const playlist = /^\/(\d{20})\/index\.m3u8$/.exec(path);
        if (playlist) {
          res.setHeader('content-type', 'application/vnd.apple.mpegurl');
          res.end(loopingPlaylist((Date.now() - started) / 1000));
          return;
        }
        const segment = /^\/(\d{20})\/s(\d+)\.ts$/.exec(path);
        if (segment) {
          res.setHeader('content-type', 'video/mp2t');
          const file = join(clips.folderOf(segment[1]!), `seg${Number(segment[2]) % CLIP_SEGMENTS}.ts`);
          createReadStream(file)
            .on('error', () => {
              res.statusCode = 404;
              res.end();
            })
            .pipe(res);
          return;
        }
        res.statusCode = 404;
        res.end();
      });
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({ server, gateway: templateGateway(`http://127.0.0.1:${port}/{id}/index.m3u8`) });
      });
    }));

  return {
    name: 'demo',
    synthetic: true,
    async play(cameraId) {
      const { gateway } = await serve();
      try {
        await clips.ensure(cameraId);
      } catch (error) {
        throw new VideoGatewayError(
          'gateway_unreachable',
          `the demo video gateway failed: ${(error as Error).message}`,
        );
      }
      return gateway.play(cameraId);
    },
    async stop() {},
    async close() {
      if (!serving) return;
      const { server } = await serving;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
