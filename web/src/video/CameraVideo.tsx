/**
 * One camera's live video, asked for when shown and stopped when hidden: the card closing,
 * the component unmounting, or the page going to the background all end the view.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.js';
import { startPlayer, type Player, type PlayerState } from './player.js';
import { CAMERA_STREAM, type CameraStream } from './queries.js';
import { refusalOf } from './refusal.js';

export interface CameraVideoProps {
  api: ApiClient;
  cameraId: string;
  /** A short label over the picture (the patrol's camera name and why it is shown). */
  label?: string;
  /** Told when the stream cannot play (the patrol moves on). */
  onDead?: () => void;
}

type Shown = { state: PlayerState } | { refused: { key: string; params: Record<string, string> } };

/** Whether the page is in front (a hidden page watches nothing). */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function CameraVideo({ api, cameraId, label, onDead }: CameraVideoProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [shown, setShown] = useState<Shown>({ state: 'connecting' });
  const [synthetic, setSynthetic] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const visible = usePageVisible();
  const dead = useRef(onDead);
  dead.current = onDead;

  useEffect(() => {
    if (!visible) return;
    let player: Player | null = null;
    let cancelled = false;
    setShown({ state: 'connecting' });
    api
      .query<{ cameraStream: CameraStream }>(CAMERA_STREAM, { cameraId })
      .then(async ({ cameraStream }) => {
        if (cancelled || !video.current) return;
        setSynthetic(cameraStream.synthetic);
        const started = await startPlayer(video.current, cameraStream, (state) => {
          setShown({ state });
          if (state === 'error') dead.current?.();
        });
        if (cancelled) started.stop();
        else player = started;
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setShown({ refused: refusalOf(error) });
        dead.current?.();
      });
    return () => {
      cancelled = true;
      player?.stop();
    };
  }, [api, cameraId, visible, attempt]);

  const state = 'state' in shown ? shown.state : 'error';
  const failed = 'refused' in shown || state === 'error' || state === 'ended';
  return (
    <figure className="camera-video" data-testid="camera-video" data-state={state} data-camera={cameraId}>
      <video ref={video} muted playsInline data-testid="camera-video-element" />
      {synthetic && <span className="synthetic">{t('video.synthetic')}</span>}
      {label && <span className="label">{label}</span>}
      <figcaption>
        {'refused' in shown ? t(shown.refused.key, shown.refused.params) : t(`video.state.${state}`)}
        {failed && (
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('video.retry')}
          </button>
        )}
      </figcaption>
    </figure>
  );
}
