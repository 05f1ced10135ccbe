/** The wall's title bar: the centre's name, date and clock in the display zone, badges, language. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { formatClock, formatHourMinute, formatLongDate } from '../time/zone.js';

function Clock({ timeZone }: { timeZone: string }) {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="clock" data-testid="clock">
      <span className="date">{formatLongDate(now, timeZone, i18n.language === 'en' ? 'en' : 'zh')}</span>
      <span className="time">{formatClock(now, timeZone)}</span>
    </div>
  );
}

export interface HeaderProps {
  unitName: string | null;
  timeZone: string;
  synthetic: boolean;
  /** Something about the address the viewer should know (a unit that could not be shown). */
  notice: string | null;
  stale: { since: Date | null } | null;
  sessionExpired: boolean;
  tour: boolean;
  onTour: () => void;
}

export function Header({ unitName, timeZone, synthetic, notice, stale, sessionExpired, tour, onTour }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="wall-header">
      <div className="brand">
        <span className="emblem" aria-hidden="true" />
        <div>
          <h1 data-testid="unit-name">
            {unitName ?? ''}
            {t('wall.center')}
          </h1>
          <p className="subtitle">{t('wall.subtitle')}</p>
        </div>
      </div>
      <div className="badges">
        {synthetic && <span className="badge synthetic">{t('app.synthetic')}</span>}
        {notice && (
          <span className="badge notice" data-testid="unit-notice" role="alert">
            {notice}
          </span>
        )}
        {stale && (
          <span className="badge stale" data-testid="stale-badge" role="status">
            {stale.since ? t('wall.stale', { time: formatHourMinute(stale.since, timeZone) }) : t('wall.staleShort')}
          </span>
        )}
        {sessionExpired && <span className="badge stale">{t('wall.sessionExpired')}</span>}
      </div>
      <div className="header-right">
        <Clock timeZone={timeZone} />
        <div className="header-buttons">
          <button type="button" className={`chip${tour ? ' on' : ''}`} onClick={onTour} aria-pressed={tour}>
            {tour ? t('wall.tourOff') : t('wall.tourOn')}
          </button>
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
