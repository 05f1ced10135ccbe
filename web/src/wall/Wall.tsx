/**
 * The command-center wall: headline numbers and charts on the left, the map in the middle, the
 * ranking, live events and alerts on the right. Runs unattended: everything refreshes by itself
 * and keeps its last data on screen while the server is away.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES } from '../../../server/src/domain/vocabulary.js';
import { useModule } from '../app/use-module.js';
import { loadFontFiles } from '../theme/fonts.js';
import { authFailureText } from '../api/auth-failure.js';
import { ApiError } from '../api/errors.js';
import { CategoryBars } from '../charts/CategoryBars.js';
import { RankBars } from '../charts/RankBars.js';
import { fillDays, inVocabularyOrder, rankByRate } from '../charts/series.js';
import { TrendChart } from '../charts/TrendChart.js';
import { areaRate } from '../map/layers/choropleth.js';
import { useBasemap, useFeeds } from '../map/use-map-data.js';
import type { MapSelection } from '../map/wall-picking.js';
import { playbackRange, windowDayKeys, windowRange, type TimeWindow, WINDOWS } from '../time/windows.js';
import { dayKey } from '../time/zone.js';
import { useTimeZone } from '../time/display-zone.js';
import { deriveAlerts } from './alerts.js';
import { AlertsPanel } from './AlertsPanel.js';
import type { ApiClient } from '../api/client.js';
import { DetailCard } from './DetailCard.js';
import { formatCount, formatRate, type Language } from './format.js';
import { gridLoader } from './grids.js';
import { Header } from './Header.js';
import { reportHealth, staleSince, type Health, type Source } from './health.js';
import { KpiPanel } from './KpiPanel.js';
import { toggleLayer, visibilityFromSearch, type LayerToggle } from '../map/layer-toggles.js';
import { LayerToggles, Legend } from './LayerPanel.js';
import { Panel } from '../ui/Panel.js';
import { itemFromCase, tickerItems } from './ticker.js';
import { TickerPanel } from './TickerPanel.js';
import { TimeBar } from './TimeBar.js';
import { dataExtent, homeBbox, planTour } from './tour.js';
import { firstScreenNames, prefixOfCode, rankingFor, unitProblem } from './units.js';
import { usePlayback, useTour } from './use-motion.js';
import { useUiScale } from './use-ui-scale.js';
import { useLiveEvents, usePlaces, useSnapshot, useStatic } from './use-wall-data.js';
import { IndexPanel, IndexRankPanel } from './IndexPanels.js';
import { useIndexScores, useWallHotspots, useWallIndex } from './use-index.js';
import { levelOfCode } from './units.js';

const loadWallMap = () => import('../map/WallMap.js');

const UNIT_NOTICES = {
  malformed: 'wall.unitMalformed',
  unknown: 'wall.unitUnknown',
  outside: 'wall.unitOutside',
} as const;
/** A code as typed, cut short: whatever was typed, the notice stays one line. */
const shortened = (code: string) => (code.length > 16 ? `${code.slice(0, 15)}…` : code);

export const FEED_REFRESH_MS = 5 * 60_000;

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Wall({ api, onAuthFailed }: { api: ApiClient; onAuthFailed: (reason: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh';
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const uiScale = useUiScale();
  const now = useMinuteClock();
  const timeZone = useTimeZone();
  const today = dayKey(now, timeZone);
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(() => {
    const w = params.get('window') as TimeWindow | null;
    return w && WINDOWS.includes(w) ? w : 'd30';
  });
  const [visibility, setVisibility] = useState(() => visibilityFromSearch(window.location.search));
  const [tour, setTour] = useState(params.get('tour') === '1');
  const [playing, setPlaying] = useState(false);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [health, setHealth] = useState<Health>({});
  const [refreshKey, setRefreshKey] = useState(0);
  // The map's code is fetched at once, while the first data is read.
  const WallMap = useModule(loadWallMap)?.default;

  const lastOk = useRef<Partial<Record<Source, boolean>>>({});
  // Read when a failure is told: a language switch must not renew `report` (and re-read the basemap).
  const tNow = useRef(t);
  tNow.current = t;
  const report = useCallback(
    (source: Source, ok: boolean, error?: unknown) => {
      setHealth((h) => reportHealth(h, source, ok, new Date()));
      // Back after an outage of the server's HTTP answers: the map reads its feeds again too. A
      // live socket that merely reconnected does not re-read 25 MB of feeds (its snapshot refresh
      // covers the gap, and the feeds are read again every few minutes anyway).
      if (ok && source !== 'live' && lastOk.current[source] === false) setRefreshKey((k) => k + 1);
      lastOk.current[source] = ok;
      if (error instanceof ApiError && error.kind === 'unauthenticated')
        onAuthFailed(authFailureText(error, tNow.current));
    },
    [onAuthFailed],
  );
  const mapHealth = useCallback((ok: boolean) => report('map', ok), [report]);

  const places = usePlaces(api, report);
  const unitAsked = params.get('unit');
  // The units ranked depend on the wall's unit, known from the "who am I" the same query reads.
  const [rankRoot, setRankRoot] = useState<string | null>(() =>
    unitAsked !== null && unitProblem(unitAsked, new Map(), null) === null ? unitAsked : null,
  );
  const staticRanking = rankingFor(rankRoot);
  const statics = useStatic(api, staticRanking.parent, staticRanking.level, report);
  const jurisdiction = statics?.me.jurisdiction ?? null;
  // The address's unit is shown once the places and the account's jurisdiction vouch for it; a
  // wrong one (a typo, another county's) is said so in the header and the account's own shown.
  const problem = unitAsked === null ? null : unitProblem(unitAsked, places.byCode, jurisdiction);
  const unitChecked = unitAsked !== null && !problem && places.byCode.size > 0 && jurisdiction !== null;
  const unitParam = unitChecked ? unitAsked : null;
  const unitPending = unitAsked !== null && !problem && !unitChecked;
  // Taken in the same render as the "who am I": a snapshot asked for before it would be wasted.
  const focus = unitParam ?? (unitPending ? null : jurisdiction);
  useEffect(() => setRankRoot(focus), [focus]);
  const ranking = rankingFor(focus);

  // Ranges are whole days, so the variables (and the query) change only when the day does.
  const range = useMemo(() => windowRange(timeWindow, now, timeZone), [timeWindow, today, timeZone]);
  const trendRange = useMemo(() => windowRange('d30', now, timeZone), [today, timeZone]);
  const feedRange = useMemo(() => windowRange('d365', now, timeZone), [today, timeZone]);
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
  const live = useLiveEvents(api, focus, snapshot.refresh, report);

  useEffect(() => {
    const timer = setInterval(() => setRefreshKey((k) => k + 1), FEED_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // The names the first screen shows, their font files asked for in one batch (theme/fonts.ts).
  useEffect(() => void loadFontFiles(firstScreenNames(places.places, focus)), [places.places, focus]);

  const s = snapshot.data;
  const names = useMemo(() => new Map(places.places.map((p) => [p.code, p.name])), [places.places]);
  // The map opens once the basemap is in: on the whole data set until the account's unit is
  // known, then on that unit (a jump made unseen: the map shows only with its layers). A unit
  // the places do not hold leaves it on the whole data set.
  const extent = useMemo(() => dataExtent(places.places), [places.places]);
  const home = homeBbox(places.byCode, focus) ?? extent;
  const townshipRates = useMemo(() => {
    const counts = new Map((s?.byTownship ?? []).map((b) => [b.key, b.count]));
    return new Map((statics?.townships ?? []).map((u) => [u.code, areaRate(counts.get(u.code) ?? 0, u.households)]));
  }, [s?.byTownship, statics?.townships]);
  const ranked = useMemo(() => rankByRate(s?.byRank ?? [], statics?.rankUnits ?? []), [s?.byRank, statics?.rankUnits]);
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
            trend,
            events: live,
            now,
          })
        : [],
    [s, trend, live, now],
  );

  const days = useMemo(() => windowDayKeys(timeWindow, now, timeZone), [timeWindow, today, timeZone]);
  const playDay = usePlayback(days, playing);
  const time = useMemo(() => {
    if (playing && playDay) {
      const p = playbackRange(playDay, timeZone);
      return { from: p.range.from, to: p.range.to, soft: p.soft, window: range };
    }
    return { from: range.from, to: range.to, soft: null, window: range };
  }, [playing, playDay, range, timeZone]);

  const stops = useMemo(() => (home ? planTour(ranked, places.byCode, home) : []), [ranked, places.byCode, home]);
  const flyTo = useTour(stops, tour);

  const loadGridsFor = useMemo(() => gridLoader(api), [api]);
  const loadGrids = useCallback((code: string) => loadGridsFor(code, range), [loadGridsFor, range]);
  const unitQuery = unitParam ? `unit=${unitParam}` : '';
  const feedQuery = useMemo(
    () =>
      unitPending
        ? null
        : {
            cases: [`from=${feedRange.from.toISOString()}`, `to=${feedRange.to.toISOString()}`, unitQuery]
              .filter(Boolean)
              .join('&'),
            others: unitQuery,
          },
    [feedRange, unitQuery, unitPending],
  );
  const mapSource = { fetchFeed: api.feed, fetchJson: api.json, feedQuery, refreshKey, onHealth: mapHealth };
  const basemap = useBasemap(mapSource.fetchJson, mapHealth);
  // The feeds name a unit only when the address does; otherwise the server gives the whole
  // jurisdiction, so they are asked for at once, beside the login, not after the "who am I".
  const feeds = useFeeds(mapSource);
  const toggle = useCallback((layer: LayerToggle) => setVisibility((v) => toggleLayer(v, layer)), []);

  // The stability index: read once the wall's own numbers are in, so the first frame stays light.
  const index = useWallIndex(api, s ? focus : null, 'month');
  const [gridTownships, setGridTownships] = useState<string[]>([]);
  const indexParents = useMemo(() => {
    const root = statics?.me.jurisdiction;
    if (!root || !['city', 'county'].includes(levelOfCode(root))) return [];
    const prefix = prefixOfCode(root);
    return places.places.filter((p) => p.level === 'county' && p.code.startsWith(prefix)).map((p) => p.code);
  }, [statics?.me.jurisdiction, places.places]);
  const indexScores = useIndexScores(api, indexParents, gridTownships, 'month', visibility.index);
  const indexLayer = useMemo(() => {
    const scores = new Map(indexScores);
    const own = index?.answer.stabilityIndex;
    if (own) scores.set(own.unitCode, own);
    return { scores, version: `${scores.size}:${own?.score ?? ''}` };
  }, [indexScores, index]);
  const hotspots = useWallHotspots(api, focus, range, visibility.hotspots);

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
          <div className="map-frame">
            {home && WallMap ? (
              <WallMap
                basemap={basemap}
                feeds={feeds}
                onHealth={mapHealth}
                home={home}
                flyTo={flyTo}
                places={places.places}
                names={names}
                prefix={focus ? prefixOfCode(focus) : ''}
                visibility={visibility}
                time={time}
                townshipRates={townshipRates}
                loadGrids={loadGrids}
                gridKey={`${range.from.toISOString()}|${refreshKey}`}
                uiScale={uiScale}
                timeZone={timeZone}
                onSelect={setSelection}
                index={indexLayer}
                hotspots={hotspots}
                onGridTownships={setGridTownships}
              />
            ) : (
              <div className="map-loading">{t('wall.loading')}</div>
            )}
            <LayerToggles visibility={visibility} onToggle={toggle} />
            <Legend visibility={visibility} />
            <TimeBar
              window={timeWindow}
              onWindow={(w) => {
                setTimeWindow(w);
                setPlaying(false);
              }}
              playing={playing}
              onPlay={() => setPlaying((p) => !p)}
              day={playDay}
              progress={playDay ? (days.indexOf(playDay) + 1) / days.length : 0}
            />
            {selection && (
              <DetailCard
                api={api}
                selection={selection}
                names={names}
                rates={townshipRates}
                timeZone={timeZone}
                onClose={() => setSelection(null)}
              />
            )}
          </div>
        </div>
        <div className="col right with-index">
          <Panel
            title={ranking.level === 'village' ? t('panels.rankVillages') : t('panels.rankTownships')}
            extra={<span className="panel-note">{t('panels.ratePer10k')}</span>}
            className="rank-panel"
            testId="panel-rank"
          >
            <RankBars ranked={ranked} formatRate={(n) => formatRate(n, lang)} />
          </Panel>
          <IndexRankPanel entries={index?.answer.ranking?.entries ?? null} />
          <TickerPanel items={ticker} names={names} timeZone={timeZone} live={health.live?.ok ?? false} />
          <AlertsPanel alerts={alerts} />
        </div>
      </main>
    </div>
  );
}
