/**
 * Playing one camera stream into a <video> with the engine of its protocol (engines.ts),
 * reporting what a watcher needs to know the same way for every protocol, and stopping for
 * good: the player lets go of the stream and tells the server the view has ended, so the
 * server stops reading from the gateway.
 */
import { engineFor } from './engines.js';
import type { CameraStream } from './queries.js';
import { viewPath } from './refusal.js';

export type PlayerState = 'connecting' | 'playing' | 'stalled' | 'ended' | 'error';

export interface Player {
  stop(): void;
}

/** Plays `stream` into `video`; `onState` hears each change until stopped. */
export async function startPlayer(
  video: HTMLVideoElement,
  stream: CameraStream,
  onState: (state: PlayerState) => void,
): Promise<Player> {
  let stopped = false;
  let over = false;
  const say = (state: PlayerState) => {
    if (stopped || over) return;
    if (state === 'ended' || state === 'error') over = true;
    onState(state);
  };
  const listeners: [string, () => void][] = [
    ['playing', () => say('playing')],
    ['waiting', () => say('stalled')],
    ['ended', () => say('ended')],
  ];
  for (const [event, listener] of listeners) video.addEventListener(event, listener);
  say('connecting');
  video.muted = true; // autoplay is allowed muted; cameras rarely carry sound anyway
  const engine = await engineFor(stream.protocol)(video, stream.url, {
    failed: () => say('error'),
    ended: () => say('ended'),
  });
  void video.play().catch(() => undefined);
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const [event, listener] of listeners) video.removeEventListener(event, listener);
      engine.destroy();
      video.removeAttribute('src');
      video.load();
      // keepalive: the request still goes when the page is closing.
      void fetch(viewPath(stream.url), { method: 'DELETE', keepalive: true }).catch(() => undefined);
    },
  };
}
