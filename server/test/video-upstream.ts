/**
 * A stand-in video gateway over real HTTP for the proxy's tests: an HLS playlist per camera
 * (one relative and one absolute segment address), its segments, and an endless HTTP-FLV
 * stream whose open connections can be counted, so that a test sees the upstream end.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VideoUpstream {
  /** `http://127.0.0.1:port`. */
  origin: string;
  /** Every path asked for, in order. */
  requests: string[];
  /** HTTP-FLV responses still open. */
  openStreams(): number;
  stop(): Promise<void>;
}

/** The bytes of every segment: what a test expects to read back through the proxy. */
export const SEGMENT_BYTES = Buffer.from('fake transport stream segment');

export async function startVideoUpstream(): Promise<VideoUpstream> {
  const requests: string[] = [];
  let open = 0;
  let origin = '';
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.push(path);
    const playlist = /^\/live\/(\d+)\/index\.m3u8/.exec(path);
    if (playlist) {
      res.setHeader('content-type', 'application/vnd.apple.mpegurl');
      res.setHeader('set-cookie', 'gateway-session=secret');
      res.end(
        [
          '#EXTM3U',
          '#EXT-X-VERSION:3',
          '#EXT-X-TARGETDURATION:2',
          '#EXTINF:2.0,',
          'seg0.ts',
          '#EXTINF:2.0,',
          `${origin}/live/${playlist[1]}/seg1.ts?sign=abc`,
          '',
        ].join('\n'),
      );
      return;
    }
    if (/^\/live\/\d+\/seg\d\.ts/.test(path)) {
      res.setHeader('content-type', 'video/mp2t');
      res.end(SEGMENT_BYTES);
      return;
    }
    if (/^\/live\/\d+\.flv$/.test(path)) {
      open++;
      res.setHeader('content-type', 'video/x-flv');
      res.write(Buffer.from('FLV\x01\x05\x00\x00\x00\x09', 'latin1'));
      const timer = setInterval(() => res.write(Buffer.alloc(188, 1)), 50);
      res.on('close', () => {
        clearInterval(timer);
        open--;
      });
      return;
    }
    res.statusCode = 404;
    res.end('no such stream');
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    openStreams: () => open,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
