/**
 * A real live HTTP-FLV source for the browser tests: every request for a `….flv` path gets its
 * own ffmpeg (Debian's, FFMPEG_PATH, or the npm package's) encoding a moving test pattern in
 * real time into that one long response, as a ZLMediaKit or an NVR serves HTTP-FLV. The same
 * server answers as a WVP-GB28181-pro would (login, play start and stop, from the answers in
 * server/test/fixtures/wvp), its play answers naming this server's FLV addresses. Open FLV
 * responses are counted, so that a test sees the upstream connection end.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { testFfmpeg } from './video-source.js';

export interface FlvSource {
  /** `http://127.0.0.1:port`: the WVP's address as well. */
  origin: string;
  /** The URL template of the streams (VIDEO_URL_TEMPLATE). */
  template: string;
  /** Every path asked of the source, in order. */
  requests: string[];
  /** FLV responses still open. */
  openStreams(): number;
  stop(): Promise<void>;
}

const WVP_FIXTURES = join(process.cwd(), 'server', 'test', 'fixtures', 'wvp');

const wvpAnswer = (name: string, fill: Record<string, string>) =>
  Object.entries(fill).reduce(
    (text, [k, v]) => text.replaceAll(`{${k}}`, v),
    readFileSync(join(WVP_FIXTURES, name), 'utf8'),
  );

export async function startFlvSource(size = '1280x720', ffmpeg = testFfmpeg()): Promise<FlvSource> {
  const requests: string[] = [];
  const encoders = new Set<ReturnType<typeof spawn>>();
  let open = 0;
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://source');
    requests.push(url.pathname);
    const play = /^\/api\/play\/(start|stop)\/(\d+)\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/api/user/login' || play) {
      res.setHeader('content-type', 'application/json');
      const name = play ? `play-${play[1]}.json` : 'login.json';
      res.end(wvpAnswer(name, { device: play?.[2] ?? '', channel: play?.[3] ?? '', media: origin }));
      return;
    }
    if (!/\.flv$/.test(url.pathname)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const encoder = spawn(
      ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-re'],
        ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
        ...['-g', '25', '-keyint_min', '25', '-sc_threshold', '0'],
        ...['-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1'],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    encoders.add(encoder);
    open++;
    res.setHeader('content-type', 'video/x-flv');
    encoder.stdout!.pipe(res);
    encoder.once('exit', () => {
      encoders.delete(encoder);
      res.end();
    });
    res.once('close', () => {
      open--;
      encoder.kill('SIGKILL');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    template: `${origin}/live/{id}.flv`,
    requests,
    openStreams: () => open,
    async stop() {
      for (const encoder of encoders) encoder.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
