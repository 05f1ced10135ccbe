/**
 * The command-center wall: headline numbers and charts on the left, the map in the middle, the
 * ranking, live events and alerts on the right. Runs unattended: everything refreshes by itself
 * and keeps its last data on screen while the server is away.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES } from '../../../server/src/domain/vocabulary.js';
import type { ApiClient } from '../api/client.js';
import { CategoryBars } from '../charts/CategoryBars.js';
import { RankBars } from '../charts/RankBars.js';
import { fillDays, inVocabularyOrder, rankByRate } from '../charts/series.js';
import { TrendChart } from '../charts/TrendChart.js';
import { toggleLayer, visibilityFromSearch, type LayerToggle } from '../map/layer-toggles.js';
import { areaRate } from '../map/layers/choropleth.js';
import { loadFontFiles } from '../theme/fonts.js';
import { dayKey } from '../time/zone.js';
import { Panel } from '../ui/Panel.js';
import { prefixOfCode } from '../units/admin-codes.js';
import { deriveAlerts } from './alerts.js';
import { VideoPatrol } from '../video/VideoPatrol.js';
import { AlertsPanel } from './AlertsPanel.js';
import { formatCount, formatRate, type Language } from './format.js';
import { Header } from './Header.js';
import { staleSince } from './health.js';
import { IndexPanel, IndexRankPanel } from './IndexPanels.js';
import { KpiPanel } from './KpiPanel.js';
import { itemFromCase, tickerItems } from './ticker.js';
import { TickerPanel } from './TickerPanel.js';
import { dataExtent, planTour } from './tour.js';
import { firstScreenNames, nameWithinVillage, type RankLevel } from './units.js';
import { useTour } from './use-motion.js';
import { useFramedHome } from './use-framed-home.js';
import { useUiScale } from './use-ui-scale.js';
import { useLiveEvents, usePlaces, useSnapshot } from './use-wall-data.js';
import { useWallFocus } from './use-wall-focus.js';
import { useWallHealth } from './use-wall-health.js';
import { useWallIndexLayers } from './use-wall-index-layers.js';
import { useScreenForecast } from '../forecast/use-screen-forecast.js';
import { useWallMapSource } from './use-wall-map-source.js';
import { useWallTime } from './use-wall-time.js';
import { WallMapFrame } from './WallMapFrame.js';

const RANK_TITLES: Record<RankLevel, string> = {
  township: 'panels.rankTownships',
  village: 'panels.rankVillages',
  grid: 'panels.rankGrids',
};

const UNIT_NOTICES = {
  malformed: 'wall.unitMalformed',
  unknown: 'wall.unitUnknown',
  outside: 'wall.unitOutside',
} as const;
/** A code as typed, cut short: whatever was typed, the notice stays one line. */
const shortened = (code: string) => (code.length > 16 ? `${code.slice(0, 15)}…` : code);

export function Wall({ api, onAuthFailed }: { api: ApiClient; onAuthFailed: (reason: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const uiScale = useUiScale();
  const wallTime = useWallTime(params);
  const { now, timeZone, range, trendRange, feedRange, time } = wallTime;
  const [visibility, setVisibility] = useState(() => visibilityFromSearch(window.location.search));
  const toggle = useCallback((layer: LayerToggle) => setVisibility((v) => toggleLayer(v, layer)), []);
  const [tour, setTour] = useState(params.get('tour') === '1');
  const { health, report, mapHealth, refreshKey, refreshMap } = useWallHealth(onAuthFailed);

  const places = usePlaces(api, report);
  const unitAsked = params.get('unit');
  const { statics, problem, unitParam, unitPending, focus, ranking } = useWallFocus(api, unitAsked, places, report);

  const variables = useMemo(
    () => ({
      unit: focus,
      area: focus ? { unitCode: focus } : null,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      trendFrom: trendRange.from.toISOString(),
      rankBy: ranking.level,
    }),
    [focus, range, trendRange, ranking.level],
  );
  const snapshot = useSnapshot(api, statics && focus ? variables : null, report);
  const mapData = useWallMapSource(api, { unitParam, unitPending, feedRange, range, refreshKey, mapHealth });
  // Grows with each publication of the index: what the index panels and layer read is keyed by it.
  const [indexRevision, setIndexRevision] = useState(0);
  const refreshIndex = useCallback(() => setIndexRevision((n) => n + 1), []);
  const live = useLiveEvents(
    api,
    focus,
    { refreshNumbers: snapshot.refresh, refreshMap, forgetGrids: mapData.forgetGrids, refreshIndex },
    report,
  );

  // The names the first screen shows, their font files asked for in one batch (theme/fonts.ts).
  useEffect(() => void loadFontFiles(firstScreenNames(places.places, focus)), [places.places, focus]);

  const s = snapshot.data;
  const names = useMemo(() => new Map(places.places.map((p) => [p.code, p.name])), [places.places]);
  // The map opens once the basemap is in: on the whole data set until the account's unit is
  // known, then on that unit (a jump made unseen: the map shows only with its layers). A unit
  // the places do not hold leaves it on the whole data set.
  const extent = useMemo(() => dataExtent(places.places), [places.places]);
  const framed = useFramedHome(places.byCode, focus, s?.byTownship ?? null);
  const home = framed?.bbox ?? extent;
  const townshipRates = useMemo(() => {
    const counts = new Map((s?.byTownship ?? []).map((b) => [b.key, b.count]));
    return new Map((statics?.townships ?? []).map((u) => [u.code, areaRate(counts.get(u.code) ?? 0, u.households)]));
  }, [s?.byTownship, statics?.townships]);
  const ranked = useMemo(() => {
    const village = focus ? names.get(focus) : undefined;
    const grids = statics?.rankGrids?.edges.map(({ node }) => ({
      ...node,
      name: nameWithinVillage(node.name, village),
    }));
    return rankByRate(s?.byRank ?? [], statics?.rankUnits ?? grids ?? []);
  }, [s?.byRank, statics, focus, names]);
  const trend = useMemo(
    () => fillDays(s?.byDay ?? [], dayKey(trendRange.from, timeZone), 30),
    [s?.byDay, trendRange, timeZone],
  );
  const categories = useMemo(() => inVocabularyOrder(s?.byCategory ?? [], CASE_CATEGORIES), [s?.byCategory]);
  const ticker = useMemo(
    () =>
      tickerItems(
        live,
        (s?.latest.edges ?? []).map((e) => itemFromCase(e.node)),
      ),
    [live, s?.latest],
  );
  const alerts = useMemo(
    () =>
      s
        ? deriveAlerts({
            summary: s.summary,
            overdueCases: s.overdueCases.edges.map((e) => e.node),
            supervision: s.supervision,
            cities: s.cities,
            trend,
            events: live,
            now,
          })
        : [],
    [s, trend, live, now],
  );

  const stops = useMemo(() => (home ? planTour(ranked, places.byCode, home) : []), [ranked, places.byCode, home]);
  const flyTo = useTour(stops, tour);
  const indexLayers = useWallIndexLayers(api, {
    jurisdiction: statics?.me.jurisdiction ?? null,
    places: places.places,
    indexUnit: s ? focus : null,
    indexRevision,
    focus,
    range,
    visibility,
  });
  const { index } = indexLayers;
  const forecast = useScreenForecast(api, focus, visibility.forecast);
  const forecastLayer = useMemo(
    () =>
      forecast && {
        forecasts: forecast.byCode,
        hotSpots: forecast.outlines.filter((o) => forecast.hotSpots.some((g) => g.gridCode === o.properties.code)),
        alerts: new Set(forecast.alerts.map((g) => g.gridCode)),
        version: forecast.version,
      },
    [forecast],
  );

  return (
    <div className="wall" data-testid="wall">
      <Header
        unitName={s?.summary.unitName ?? (focus ? (names.get(focus) ?? null) : null)}
        timeZone={timeZone}
        synthetic={statics?.dataset?.synthetic ?? false}
        notice={problem ? t(UNIT_NOTICES[problem], { code: shortened(unitAsked ?? '') }) : null}
        stale={staleSince(health)}
        sessionExpired={false}
        tour={tour}
        onTour={() => setTour((on) => !on)}
      />
      <main className="wall-body">
        <div className="col left with-index">
          <KpiPanel summary={s?.summary ?? null} />
          <IndexPanel index={index} />
          <Panel title={t('panels.byCategory')} className="categories" testId="panel-category">
            <CategoryBars buckets={categories} formatCount={(n) => formatCount(n, lang)} />
          </Panel>
          <Panel title={t('panels.trend')} className="trend-panel" testId="panel-trend">
            <TrendChart days={trend} />
          </Panel>
        </div>
        <div className="center">
          <VideoPatrol api={api} unit={focus} range={range} />
          <WallMapFrame
            api={api}
            map={
              home
                ? {
                    basemap: mapData.basemap,
                    feeds: mapData.feeds,
                    onHealth: mapHealth,
                    home,
                    flyTo,
                    places: places.places,
                    names,
                    prefix: focus ? prefixOfCode(focus) : '',
                    visibility,
                    time,
                    townshipRates,
                    loadGrids: mapData.loadGrids,
                    gridKey: `${range.from.toISOString()}|${refreshKey}`,
                    uiScale,
                    timeZone,
                    index: indexLayers.indexLayer,
                    hotspots: indexLayers.hotspots,
                    forecast: forecastLayer,
                    onGridTownships: indexLayers.setGridTownships,
                  }
                : null
            }
            wallTime={wallTime}
            visibility={visibility}
            onToggle={toggle}
            names={names}
            townshipRates={townshipRates}
            framedNote={
              framed?.framedTo
                ? t('wall.framedTo', { names: framed.framedTo.map((c) => names.get(c) ?? c).join('、') })
                : null
            }
            forecast={forecast}
          />
        </div>
        <div className="col right with-index">
          <Panel
            title={t(RANK_TITLES[ranking.level])}
            extra={<span className="panel-note">{t('panels.ratePer10k')}</span>}
            className="rank-panel"
            testId="panel-rank"
          >
            <RankBars ranked={ranked} formatRate={(n) => formatRate(n, lang)} />
          </Panel>
          <IndexRankPanel entries={index?.answer.ranking?.entries ?? null} />
          <TickerPanel items={ticker} names={names} timeZone={timeZone} live={health.live?.ok ?? false} />
          <AlertsPanel alerts={alerts} timeZone={timeZone} />
        </div>
      </main>
    </div>
  );
}
