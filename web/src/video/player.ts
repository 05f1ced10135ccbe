/**
 * Playing one camera stream into a <video> with hls.js (loaded on first use), reporting what a
 * watcher needs to know, and stopping for good: the player lets go of the stream and tells
 * the server the view has ended, so the server stops reading from the gateway.
 */
import type { CameraStream } from './queries.js';
import { viewPath } from './refusal.js';

export type PlayerState = 'connecting' | 'playing' | 'stalled' | 'ended' | 'error';

export interface Player {
  stop(): void;
}

/** Plays `stream` into `video`; `onState` hears each change. A FLV stream is refused as unsupported. */
export async function startPlayer(
  video: HTMLVideoElement,
  stream: CameraStream,
  onState: (state: PlayerState) => void,
): Promise<Player> {
  const { default: Hls } = await import('hls.js');
  let stopped = false;
  const say = (state: PlayerState) => !stopped && onState(state);
  const hls = new Hls({
    // A camera is watched live: start near the live edge, keep little behind it.
    liveSyncDurationCount: 2,
    backBufferLength: 10,
    maxBufferLength: 10,
    // A dead stream is reported after a few tries, not retried forever (the patrol skips it).
    manifestLoadingMaxRetry: 2,
    levelLoadingMaxRetry: 2,
    fragLoadingMaxRetry: 2,
  });
  const listeners: [string, () => void][] = [
    ['playing', () => say('playing')],
    ['waiting', () => say('stalled')],
    ['ended', () => say('ended')],
  ];
  for (const [event, listener] of listeners) video.addEventListener(event, listener);
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) say('error');
  });
  say('connecting');
  hls.loadSource(stream.url);
  hls.attachMedia(video);
  video.muted = true; // autoplay is allowed muted; cameras rarely carry sound anyway
  void video.play().catch(() => undefined);
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const [event, listener] of listeners) video.removeEventListener(event, listener);
      hls.destroy();
      video.removeAttribute('src');
      video.load();
      // keepalive: the request still goes when the page is closing.
      void fetch(viewPath(stream.url), { method: 'DELETE', keepalive: true }).catch(() => undefined);
    },
  };
}
