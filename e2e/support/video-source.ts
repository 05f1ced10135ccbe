/**
 * A real live camera stream for the browser tests and the video benchmark: ffmpeg (Debian's,
 * FFMPEG_PATH, or the npm package's) encodes a moving test pattern as live HLS in real time
 * into a temporary folder, and a plain HTTP server serves it for every camera id, as an NVR
 * behind the URL template adapter would (`http://127.0.0.1:port/{id}/index.m3u8`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ffmpegPath } from '../../server/src/video/demo-clips.js';

export interface LiveSource {
  /** The URL template of the stream (VIDEO_URL_TEMPLATE). */
  template: string;
  /** Every path asked of the source, in order. */
  requests: string[];
  stop(): Promise<void>;
}

/** The ffmpeg to use: Debian's where installed (CI), else the npm package's. */
export function testFfmpeg(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  return existsSync('/usr/bin/ffmpeg') ? '/usr/bin/ffmpeg' : ffmpegPath();
}

/** Starts the stream at `size` (e.g. 1280x720) and resolves once its playlist has segments. */
export async function startLiveSource(size = '1280x720', ffmpeg = testFfmpeg()): Promise<LiveSource> {
  const dir = await mkdtemp(join(tmpdir(), 'live-hls-'));
  const encoder: ChildProcess = spawn(
    ffmpeg,
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
      ...['-g', '25', '-keyint_min', '25', '-sc_threshold', '0'],
      ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_flags', 'delete_segments+omit_endlist'],
      // Segments stay a while after leaving the playlist, as a media server keeps them: a
      // player slowed by many tiles on a busy machine still finds the segment it was promised.
      ...['-hls_delete_threshold', '10'],
      ...['-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'index.m3u8')],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://source').pathname;
    requests.push(path);
    const file = join(dir, basename(path));
    if (!/^\/\d{20}\/(index\.m3u8|seg\d+\.ts)$/.test(path) || !existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t');
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // Two segments written: a player finds something to play at once.
  for (let i = 0; i < 200 && !existsSync(join(dir, 'seg1.ts')); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(join(dir, 'seg1.ts'))) throw new Error(`${ffmpeg} wrote no live HLS into ${dir}`);
  return {
    template: `http://127.0.0.1:${port}/{id}/index.m3u8`,
    requests,
    async stop() {
      // The folder goes only once ffmpeg has stopped writing into it.
      const exited = new Promise((resolve) =>
        encoder.exitCode !== null ? resolve(null) : encoder.once('exit', resolve),
      );
      encoder.kill('SIGTERM');
      await exited;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
