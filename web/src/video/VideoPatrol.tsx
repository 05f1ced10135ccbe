/**
 * The video patrol panel (视频轮巡) over the wall's map: four tiles (nine on a 4K wall) cycling every `seconds`
 * through online cameras near the newest early warnings, overdue cases and hot spots inside
 * the wall's unit, each labelled with the camera's name, grid and why it is shown. A dead
 * stream is skipped for the rest of the patrol. Off until switched on (or `?patrol=1`).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.js';
import { CameraVideo } from './CameraVideo.js';
import {
  patrolQueue,
  patrolSpots,
  patrolTileCount,
  patrolTiles,
  type PatrolCamera,
  type PatrolSpot,
} from './patrol.js';

const SOURCES = /* GraphQL */ `
  query PatrolSources($unit: ID, $from: DateTime!, $to: DateTime!) {
    warnings(unitCode: $unit, from: $from, to: $to) {
      gridCode
      raisedAt
    }
    overdue: cases(area: { unitCode: $unit }, overdue: true, first: 8) {
      edges {
        node {
          gridCode
          location
        }
      }
    }
    hotspots(unitCode: $unit, from: $from, to: $to) {
      gridCode
      bin
      zScore
    }
  }
`;

const CAMERAS_AT = /* GraphQL */ `
  query PatrolCameras($area: Area) {
    cameras(area: $area, status: [online], first: 40) {
      edges {
        node {
          id
          name
          gridCode
        }
      }
    }
  }
`;

/** How far from an overdue case a camera still shows it. */
const NEAR_CASE_METERS = 300;
/** Cameras shown for one spot, so that one busy place does not fill the patrol. */
const PER_SPOT = 2;
const WHY_KEY = {
  alert: 'video.patrol.whyAlert',
  overdue: 'video.patrol.whyOverdue',
  hotspot: 'video.patrol.whyHotspot',
};

async function loadQueue(api: ApiClient, unit: string | null, range: { from: Date; to: Date }) {
  type Sources = {
    warnings: { gridCode: string; raisedAt: string }[];
    overdue: { edges: { node: { gridCode: string; location: { coordinates: number[] } } }[] };
    hotspots: { gridCode: string; bin: number; zScore: number | null }[];
  };
  const s = await api.query<Sources>(SOURCES, { unit, from: range.from.toISOString(), to: range.to.toISOString() });
  const spots = patrolSpots({
    warnings: s.warnings,
    overdue: s.overdue.edges.map((e) => e.node),
    hotspots: s.hotspots,
  });
  const found = await Promise.all(
    spots.map(async (spot: PatrolSpot) => {
      // An area names a division, not a grid: a grid's cameras are found in its village.
      const area = spot.near
        ? { near: { ...spot.near, radiusMeters: NEAR_CASE_METERS } }
        : { unitCode: spot.gridCode.slice(0, 12) };
      try {
        const data = await api.query<{ cameras: { edges: { node: Omit<PatrolCamera, 'why'> }[] } }>(CAMERAS_AT, {
          area,
        });
        const cameras = data.cameras.edges.map((e) => ({ ...e.node, why: spot.why }));
        const inGrid = cameras.filter((c) => c.gridCode === spot.gridCode);
        return (inGrid.length > 0 ? inGrid : cameras).slice(0, PER_SPOT);
      } catch {
        return []; // one spot that cannot be looked up leaves the others
      }
    }),
  );
  return patrolQueue(found);
}

/** The tiles this screen has room for, again when the window is resized or moved to another screen. */
function useTileCount(): 4 | 9 {
  const count = () => patrolTileCount(window.innerWidth, window.innerHeight, window.devicePixelRatio);
  const [tiles, setTiles] = useState(count);
  useEffect(() => {
    const update = () => setTiles(count());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return tiles;
}

export interface VideoPatrolProps {
  api: ApiClient;
  /** The wall's unit (null: the account's whole jurisdiction). */
  unit: string | null;
  range: { from: Date; to: Date };
  /** Seconds each turn lasts. */
  seconds?: number;
}

export function VideoPatrol({ api, unit, range, seconds = 20 }: VideoPatrolProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => new URLSearchParams(location.search).get('patrol') === '1');
  const [queue, setQueue] = useState<PatrolCamera[] | null>(null);
  const [dead, setDead] = useState<ReadonlySet<string>>(new Set());
  const [turn, setTurn] = useState(0);
  const count = useTileCount();
  const from = range.from.getTime();
  const to = range.to.getTime();

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    loadQueue(api, unit, { from: new Date(from), to: new Date(to) }).then(
      (q) => !cancelled && setQueue(q),
      () => !cancelled && setQueue([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, unit, from, to, open]);

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setTurn((n) => n + 1), seconds * 1000);
    return () => clearInterval(timer);
  }, [open, seconds]);

  const tiles = useMemo(() => (queue ? patrolTiles(queue, dead, turn, count) : []), [queue, dead, turn, count]);

  if (!open) {
    return (
      <button type="button" className="patrol-toggle" data-testid="patrol-open" onClick={() => setOpen(true)}>
        {t('video.patrol.open')}
      </button>
    );
  }
  return (
    <section
      className={`map-card patrol tiles-${count}`}
      data-testid="video-patrol"
      data-tiles={count}
      aria-label={t('video.patrol.title')}
    >
      <header>
        <h3>{t('video.patrol.title')}</h3>
        <button type="button" className="close" onClick={() => setOpen(false)} aria-label={t('video.patrol.close')}>
          ×
        </button>
      </header>
      {queue !== null && tiles.length === 0 ? (
        <p className="empty">{t('video.patrol.empty')}</p>
      ) : (
        <div className="tiles">
          {tiles.map((camera) => (
            <CameraVideo
              key={camera.id}
              api={api}
              cameraId={camera.id}
              label={`${camera.name} · ${camera.gridCode.slice(-3)} · ${t(WHY_KEY[camera.why])}`}
              onDead={() => setDead((d) => new Set(d).add(camera.id))}
            />
          ))}
        </div>
      )}
    </section>
  );
}
