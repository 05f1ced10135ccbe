/** Live case events, newest first, each with its time, village, category and move. */
import { useTranslation } from 'react-i18next';
import { css, CASE_STATUS_COLORS } from '../theme/palette.js';
import { dayKey, formatHourMinute } from '../time/zone.js';
import { Panel } from '../ui/Panel.js';
import type { TickerItem } from './ticker.js';

export function TickerPanel({
  items,
  names,
  timeZone,
  live,
}: {
  items: readonly TickerItem[];
  names: ReadonlyMap<string, string>;
  timeZone: string;
  live: boolean;
}) {
  const { t } = useTranslation();
  // Today's events by time, older ones by day.
  const today = dayKey(new Date(), timeZone);
  const when = (at: Date) =>
    dayKey(at, timeZone) === today ? formatHourMinute(at, timeZone) : dayKey(at, timeZone).slice(5);
  return (
    <Panel
      title={t('panels.ticker')}
      className="ticker"
      testId="panel-ticker"
      extra={<span className={`live-dot${live ? ' on' : ''}`}>{t('wall.live')}</span>}
    >
      {items.length === 0 ? (
        <p className="empty">{t('panels.tickerEmpty')}</p>
      ) : (
        <ul className="ticker-list">
          {items.map((item) => (
            <li key={item.id} className={item.live ? 'fresh' : ''}>
              <span className="ticker-time">{item.at ? when(new Date(item.at)) : ''}</span>
              <span className="ticker-place">{names.get(item.villageCode) ?? item.villageCode}</span>
              <span className="ticker-what">{t(`category.${item.category}`)}</span>
              <span
                className="ticker-move"
                style={{ color: css(CASE_STATUS_COLORS[item.toStatus] ?? [200, 200, 200]) }}
              >
                {item.fromStatus
                  ? t('ticker.moved', { from: t(`status.${item.fromStatus}`), to: t(`status.${item.toStatus}`) })
                  : item.live
                    ? t('ticker.reported')
                    : t(`status.${item.toStatus}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
