/**
 * The forecast card beside the map's forecast layer: the published track record in one or two
 * sentences (where the model does not beat a baseline, it says so), the grids whose upper bound
 * crosses the alert threshold, and a grid's drill-down when one is picked.
 */
import { useTranslation } from 'react-i18next';
import { FORECAST_ALERT_UPPER95 } from '../../../server/src/domain/forecast/alerts.js';
import type { ForecastSkill, ScreenGridForecast } from './queries.js';
import { skillFacts } from './skill.js';
import type { ScreenForecast } from './use-screen-forecast.js';

/** At most this many alert and hot-spot rows; the map marks every one. */
const ALERT_ROWS = 4;
const HOT_SPOT_ROWS = 5;

/** A grid as people name it: its village and its number there (grid 1 is the village's first). */
export function useGridName(names: ReadonlyMap<string, string>) {
  const { t } = useTranslation();
  return (code: string) =>
    t('forecast.gridName', { village: names.get(code.slice(0, 12)) ?? code.slice(0, 12), n: Number(code.slice(12)) });
}

function useFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'zh-CN';
  return {
    percent: (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x),
    number: (x: number, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(x),
  };
}

export function SkillLines({ skill }: { skill: ForecastSkill | null }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (!skill) return <p className="forecast-skill empty">{t('forecast.noSkill')}</p>;
  const facts = skillFacts(skill);
  const digits = (measure: string) => (measure.startsWith('pai') ? 1 : 2);
  return (
    <div className="forecast-skill" data-testid="forecast-skill">
      {facts.held80 !== null && (
        <p>
          {t('forecast.headline', {
            weeks: facts.weeks,
            held: f.percent(facts.held80),
            promised: f.percent(facts.promised80),
          })}
        </p>
      )}
      {facts.pai5 !== null && facts.giPai5 !== null && (
        <p>{t('forecast.pai', { model: f.number(facts.pai5), gi: f.number(facts.giPai5) })}</p>
      )}
      {facts.notBetter.length === 0 ? (
        <p className="beats">{t('forecast.beatsAll')}</p>
      ) : (
        <ul className="not-better" data-testid="forecast-not-better">
          {facts.notBetter.map((c) => (
            <li key={`${c.measure}/${c.baseline}`}>
              {t('forecast.notBetter', {
                measure: t(`forecast.measures.${c.measure}`),
                baseline: t(`forecast.baselines.${c.baseline}`),
                model: f.number(c.model, digits(c.measure)),
                other: f.number(c.other, digits(c.measure)),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface ForecastCardProps {
  forecast: ScreenForecast | null;
  names: ReadonlyMap<string, string>;
  onPick: (grid: ScreenGridForecast) => void;
}

export function ForecastCard({ forecast, names, onPick }: ForecastCardProps) {
  const { t } = useTranslation();
  const f = useFormats();
  const gridName = useGridName(names);
  return (
    <section className="map-card forecast-card" data-testid="forecast-card" aria-label={t('forecast.card')}>
      <h3>
        {t('forecast.card')} · {t('forecast.horizon')}
      </h3>
      {!forecast ? (
        <p className="empty">{t('forecast.loading')}</p>
      ) : (
        <>
          <p className="forecast-rule">{t('legend.forecastPale')}</p>
          <SkillLines skill={forecast.skill} />
          <h4>{t('forecast.alerts')}</h4>
          <p className="forecast-rule">{t('forecast.alertRule', { threshold: FORECAST_ALERT_UPPER95 })}</p>
          {forecast.alerts.length === 0 ? (
            <p className="empty">{t('forecast.noAlerts')}</p>
          ) : (
            <ul className="forecast-alerts" data-testid="forecast-alerts">
              {forecast.alerts.slice(0, ALERT_ROWS).map((g) => (
                <li key={g.gridCode}>
                  <button type="button" onClick={() => onPick(g)}>
                    <b>{gridName(g.gridCode)}</b>{' '}
                    {t('forecast.alertRow', { upper: g.upper95, expected: f.number(g.expected) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h4>{t('forecast.hotSpots')}</h4>
          <ol className="forecast-hot-spots" data-testid="forecast-hot-spots">
            {forecast.hotSpots.slice(0, HOT_SPOT_ROWS).map((g) => (
              <li key={g.gridCode}>
                <button type="button" onClick={() => onPick(g)}>
                  {gridName(g.gridCode)} · {f.number(g.expected)}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
