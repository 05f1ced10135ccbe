/** Layer switches and the legend of what is switched on. */
import { useTranslation } from 'react-i18next';
import {
  BAND_COLORS,
  HOTSPOT_COLORS,
  CAMERA_DOWN_RAMP,
  CAMERA_STATUS_COLORS,
  CASE_STATUS_COLORS,
  css,
  HEAT_RAMP,
  RATE_RAMP,
  RISK_LEVEL_COLORS,
  type Rgb,
} from '../theme/palette.js';
import { LAYER_TOGGLES, type LayerToggle, type LayerVisibility } from './layer-toggles.js';

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
          className={`toggle${visibility[layer] ? ' on' : ''}`}
          aria-pressed={visibility[layer]}
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

export function Legend({ visibility }: { visibility: LayerVisibility }) {
  const { t } = useTranslation();
  const v = visibility;
  return (
    <div className="map-card legend" data-testid="legend">
      <h3>{t('legend.title')}</h3>
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
          <Dots entries={[3, 2, 1, -1, -2, -3].map((bin) => [t(`hotspotBin.${bin}`), HOTSPOT_COLORS[bin]!])} />
        </section>
      )}
      {(v.casePoints || v.hexagons) && (
        <section>
          <h4>{t('layers.casePoints')}</h4>
          <Dots entries={Object.entries(CASE_STATUS_COLORS).map(([s, c]) => [t(`status.${s}`), c])} />
        </section>
      )}
      {v.heatmap && (
        <section>
          <h4>{t('legend.heat')}</h4>
          <Ramp colors={HEAT_RAMP} from="↓" to="↑" />
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
          <p className="legend-note">{t('legend.riskZoom')}</p>
        </section>
      )}
    </div>
  );
}
