/** The time window selector and the day-by-day playback. */
import { useTranslation } from 'react-i18next';
import { WINDOWS, type TimeWindow } from '../time/windows.js';

export interface TimeBarProps {
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
  playing: boolean;
  onPlay: () => void;
  day: string | null;
  /** 0..1 through the window. */
  progress: number;
}

export function TimeBar({ window, onWindow, playing, onPlay, day, progress }: TimeBarProps) {
  const { t } = useTranslation();
  return (
    <div className="map-card timebar" role="group" aria-label={t('window.label')}>
      <div className="windows">
        {WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            className={`chip${w === window ? ' on' : ''}`}
            aria-pressed={w === window}
            data-testid={`window-${w}`}
            onClick={() => onWindow(w)}
          >
            {t(`window.${w}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={`play${playing ? ' on' : ''}`}
        data-testid="play"
        onClick={onPlay}
        aria-pressed={playing}
        title={playing ? t('window.pause') : t('window.play')}
      >
        {playing && day ? `❚❚ ${t('window.playing', { day: day.slice(5) })}` : `▶ ${t('window.play')}`}
      </button>
      {playing && (
        <span className="progress-track" aria-hidden="true">
          <span style={{ width: `${Math.round(progress * 100)}%` }} />
        </span>
      )}
    </div>
  );
}
