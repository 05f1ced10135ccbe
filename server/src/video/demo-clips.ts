/**
 * The demo's synthetic clips: a moving test pattern labelled as synthetic with the camera's id,
 * made by ffmpeg once per camera on its first view and kept in the data folder. ffmpeg is the
 * one shipped by the `@ffmpeg-installer/ffmpeg` package (FFMPEG_PATH or one on PATH otherwise),
 * so the demo plays video with nothing installed beyond `npm install` and no network.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Segments per clip and their length: the demo gateway loops them as a live stream. */
export const CLIP_SEGMENTS = 4;
export const SEGMENT_SECONDS = 2;

/** The label burnt into every frame: the Chinese one where a font can draw it. */
export const SYNTHETIC_LABEL = '合成演示视频';
const LATIN_LABEL = 'SYNTHETIC DEMO VIDEO';

const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
];
const LATIN_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/System/Library/Fonts/Helvetica.ttc',
  'C:/Windows/Fonts/arial.ttf',
];

/** The ffmpeg to run: FFMPEG_PATH, the npm package's, or `ffmpeg` on PATH. */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FFMPEG_PATH) return env.FFMPEG_PATH;
  try {
    return (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  } catch {
    return 'ffmpeg';
  }
}

/** The drawtext filter of the label, or null where no font is found (the player still marks it synthetic). */
function labelFilter(cameraId: string, env: NodeJS.ProcessEnv): string | null {
  const cjk = [env.DEMO_VIDEO_FONT, ...CJK_FONTS].find((f) => f && existsSync(f));
  const font = cjk ?? LATIN_FONTS.find((f) => existsSync(f));
  if (!font) return null;
  const text = `${cjk ? SYNTHETIC_LABEL : LATIN_LABEL}  ${cameraId}`;
  return `drawtext=fontfile=${font}:text='${text}':fontsize=26:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=16:y=16`;
}

/** The ffmpeg arguments that write the clip of `cameraId` as HLS segments into `dir`. */
export function clipArguments(cameraId: string, dir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const label = labelFilter(cameraId, env);
  const fps = 15;
  return [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=${fps}`],
    ...['-t', String(CLIP_SEGMENTS * SEGMENT_SECONDS)],
    ...(label ? ['-vf', label] : []),
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    // A key frame opens every segment, so any segment can start a player.
    ...['-g', String(fps * SEGMENT_SECONDS), '-keyint_min', String(fps * SEGMENT_SECONDS), '-sc_threshold', '0'],
    ...['-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_list_size', '0'],
    ...['-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'index.m3u8')],
  ];
}

/** Makes the clips asked for, each once: a second view of a camera finds its clip made. */
export class DemoClips {
  private readonly making = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly ffmpeg: string = ffmpegPath(),
  ) {}

  folderOf(cameraId: string): string {
    return join(this.dir, cameraId);
  }

  /** The clip of `cameraId`, made now if it was not yet. */
  ensure(cameraId: string): Promise<void> {
    if (!/^\d{20}$/.test(cameraId)) return Promise.reject(new Error(`not a camera id: ${cameraId}`));
    const folder = this.folderOf(cameraId);
    if (existsSync(join(folder, 'index.m3u8'))) return Promise.resolve();
    let made = this.making.get(cameraId);
    if (!made) {
      made = this.make(cameraId, folder).finally(() => this.making.delete(cameraId));
      this.making.set(cameraId, made);
    }
    return made;
  }

  private async make(cameraId: string, folder: string): Promise<void> {
    // Written beside and renamed: a clip half made by a stopped server is never served.
    const partial = `${folder}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    try {
      await promisify(execFile)(this.ffmpeg, clipArguments(cameraId, partial), { timeout: 60_000 });
      await rename(partial, folder);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw new Error(`making the demo clip of camera ${cameraId} with ${this.ffmpeg} failed: ${error}`, {
        cause: error,
      });
    }
  }
}
