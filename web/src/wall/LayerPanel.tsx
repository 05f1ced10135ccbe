/** Layer switches and the legend of what is switched on. */
import { useTranslation } from 'react-i18next';
import { riskLevelsAt } from '../map/layers/points.js';
import {
  BAND_COLORS,
  HOTSPOT_COLORS,
  CAMERA_DOWN_RAMP,
  CAMERA_STATUS_COLORS,
  CASE_HEX_RAMP,
  CASE_STATUS_COLORS,
  css,
  FORECAST_ALERT,
  FORECAST_HOT_SPOT,
  FORECAST_RAMP,
  HEAT_RAMP,
  RATE_RAMP,
  RISK_LEVEL_COLORS,
  type Rgb,
} from '../theme/palette.js';
import {
  isAreaFill,
  isBasemapToggle,
  LAYER_TOGGLES,
  type LayerToggle,
  type LayerVisibility,
} from '../map/layer-toggles.js';

export function LayerToggles({
  visibility,
  onToggle,
}: {
  visibility: LayerVisibility;
  onToggle: (layer: LayerToggle) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="map-card toggles" role="group" aria-label={t('layers.title')}>
      <h3>{t('layers.title')}</h3>
      {LAYER_TOGGLES.map((layer) => (
        <button
          key={layer}
          type="button"
          className={`toggle${isAreaFill(layer) ? ' fill' : ''}${visibility[layer] ? ' on' : ''}`}
          aria-pressed={visibility[layer]}
          title={isAreaFill(layer) ? t('layers.oneFill') : undefined}
          data-testid={`toggle-${layer}`}
          onClick={() => onToggle(layer)}
        >
          <i />
          {t(`layers.${layer}`)}
        </button>
      ))}
    </div>
  );
}

const Ramp = ({ colors, from, to }: { colors: readonly Rgb[]; from: string; to: string }) => (
  <div className="ramp">
    <span>{from}</span>
    <i style={{ background: `linear-gradient(90deg, ${colors.map((c) => css(c)).join(', ')})` }} />
    <span>{to}</span>
  </div>
);

const Dots = ({ entries }: { entries: [string, Rgb][] }) => (
  <div className="dots">
    {entries.map(([label, color]) => (
      <span key={label}>
        <i style={{ background: css(color) }} />
        {label}
      </span>
    ))}
  </div>
);

/** Hot and cold spots as one diverging scale: cold 99 % on the left to hot 99 % on the right. */
const HOTSPOT_SCALE = [-3, -2, -1, 1, 2, 3] as const;
/** The confidence (%) of each bin's strength (Gi* bins ±1, ±2, ±3). */
const CONFIDENCE: Readonly<Record<number, number>> = { 1: 90, 2: 95, 3: 99 };

const Diverging = ({ cold, hot, title }: { cold: string; hot: string; title: string }) => (
  <div className="diverging" title={title}>
    {HOTSPOT_SCALE.map((bin) => (
      <i key={bin} style={{ background: css(HOTSPOT_COLORS[bin]!) }} />
    ))}
    {HOTSPOT_SCALE.map((bin) => (
      <span key={bin}>{CONFIDENCE[Math.abs(bin)]}</span>
    ))}
    <span className="end">← {cold}</span>
    <span className="end">{hot} →</span>
  </div>
);

/**
 * What the layers switched on mean, as one band along the map's bottom edge (it must stay one row:
 * the map's fit keeps only that much room below the city, see map/padding.ts).
 */
export function Legend({ visibility, zoom }: { visibility: LayerVisibility; zoom: number | null }) {
  const { t } = useTranslation();
  const v = visibility;
  // Zoomed out, only the serious risk levels are drawn: the key says which, and only then.
  const riskShown = zoom === null ? 4 : riskLevelsAt(zoom)[1];
  const riskNote = riskShown === 1 ? t('legend.riskRedOnly') : riskShown === 2 ? t('legend.riskRedOrange') : null;
  // The basemap's own layers need no key: with nothing else on there is no legend.
  if (!LAYER_TOGGLES.some((layer) => v[layer] && !isBasemapToggle(layer))) return null;
  return (
    <section className="map-card legend" data-testid="legend" aria-label={t('legend.title')}>
      {v.choropleth && (
        <section>
          <h4>{t('legend.rate')}</h4>
          <Ramp colors={RATE_RAMP} from={t('legend.noCases')} to="↑" />
        </section>
      )}
      {v.index && (
        <section>
          <h4>{t('legend.index')}</h4>
          <Dots entries={(['blue', 'yellow', 'orange', 'red'] as const).map((b) => [t(`band.${b}`), BAND_COLORS[b]])} />
        </section>
      )}
      {v.hotspots && (
        <section>
          <h4>{t('legend.hotspots')}</h4>
          <Diverging cold={t('legend.cold')} hot={t('legend.hot')} title={t('legend.confidence')} />
        </section>
      )}
      {v.forecast && (
        <section>
          <h4>{t('legend.forecast')}</h4>
          <Ramp colors={FORECAST_RAMP} from="0" to="↑" />
          <Dots
            entries={[
              [t('legend.forecastHot'), FORECAST_HOT_SPOT],
              [t('legend.forecastAlert'), FORECAST_ALERT],
            ]}
          />
        </section>
      )}
      {v.casePoints && (
        <section>
          <h4>{t('layers.casePoints')}</h4>
          <Dots entries={Object.entries(CASE_STATUS_COLORS).map(([s, c]) => [t(`status.${s}`), c])} />
        </section>
      )}
      {(v.heatmap || v.hexagons) && (
        <section>
          <h4>{t('legend.heat')}</h4>
          {v.heatmap && <Ramp colors={HEAT_RAMP} from={t('legend.heatRow')} to="↑" />}
          {v.hexagons && <Ramp colors={CASE_HEX_RAMP} from={t('legend.hexRow')} to="↑" />}
        </section>
      )}
      {v.cameras && (
        <section>
          <h4>{t('layers.cameras')}</h4>
          <Dots entries={Object.entries(CAMERA_STATUS_COLORS).map(([s, c]) => [t(`cameraStatus.${s}`), c])} />
          <h4>{t('legend.cameraHex')}</h4>
          <Ramp colors={CAMERA_DOWN_RAMP} from="0%" to="40%+" />
        </section>
      )}
      {v.riskPoints && (
        <section>
          <h4>{t('layers.riskPoints')}</h4>
          <Dots entries={[1, 2, 3, 4].map((l) => [t(`riskLevel.${l}`), RISK_LEVEL_COLORS[l]!])} />
          {riskNote && <p className="legend-note">{riskNote}</p>}
        </section>
      )}
    </section>
  );
}
