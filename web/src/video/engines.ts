/**
 * The engines that feed a <video> from one stream, one per protocol behind one small interface:
 * hls.js for HLS playlists, mpegts.js for HTTP-FLV (one long response, remuxed to MSE). Each is
 * loaded on first use. What the watcher is told (connecting, playing, stalled, ended) comes from
 * the <video> itself in player.ts; an engine reports only what the element cannot: a failure it
 * gave up on, or the stream's end.
 */
import type { CameraStream } from './queries.js';

/** What an engine tells the player. */
export interface EngineEvents {
  /** The engine gave up (after its own few retries): the stream cannot play. */
  failed(): void;
  /** The source said the stream is over (the server ended the view, the camera stopped). */
  ended(): void;
}

/** One stream playing into one <video>, until destroyed. */
export interface Engine {
  destroy(): void;
}

export type EngineStart = (video: HTMLVideoElement, url: string, events: EngineEvents) => Promise<Engine>;

const hlsEngine: EngineStart = async (video, url, events) => {
  const { default: Hls } = await import('hls.js');
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
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) events.failed();
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return { destroy: () => hls.destroy() };
};

type Mpegts = (typeof import('mpegts.js'))['default'];

const flvEngine: EngineStart = async (video, url, events) => {
  // The package is CommonJS whose types declare an ES default export: bundled, the module's
  // default is the library object itself, whatever the types say under NodeNext.
  const mpegts = (await import('mpegts.js')).default as unknown as Mpegts;
  // Its info and debug lines would fill an unattended wall's console; its errors still show.
  mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false, enableWarn: false });
  const player = mpegts.createPlayer(
    // An absolute address: mpegts.js reads it with fetch, which a relative path would also do,
    // but its loader picks by scheme.
    { type: 'flv', isLive: true, url: new URL(url, location.href).href, hasAudio: false },
    {
      enableWorker: false,
      // Live and low latency: no stash buffer, chase the live edge, drop what is behind.
      enableStashBuffer: false,
      liveBufferLatencyChasing: true,
      autoCleanupSourceBuffer: true,
      autoCleanupMaxBackwardDuration: 10,
      autoCleanupMinBackwardDuration: 5,
      lazyLoad: false,
    },
  );
  player.on(mpegts.Events.ERROR, () => events.failed());
  player.on(mpegts.Events.LOADING_COMPLETE, () => events.ended());
  player.attachMediaElement(video);
  player.load();
  return {
    destroy() {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    },
  };
};

/** The engine of a stream's protocol. */
export function engineFor(protocol: CameraStream['protocol']): EngineStart {
  return protocol === 'FLV' ? flvEngine : hlsEngine;
}
