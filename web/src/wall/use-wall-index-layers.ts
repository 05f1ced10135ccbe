/**
 * The stability index and hot spots on the wall: the unit's own index (read once the wall's own
 * numbers are in, so the first frame stays light), the scores the map's 'index' layer colours
 * areas by, and the Gi* hot spots of the window.
 */
import { useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import type { LayerVisibility } from '../map/layer-toggles.js';
import type { Range } from '../time/windows.js';
import { levelOfCode, prefixOfCode } from '../units/admin-codes.js';
import { useIndexScores, useWallHotspots, useWallIndex } from './use-index.js';
import type { usePlaces } from './use-wall-data.js';

interface IndexInput {
  jurisdiction: string | null;
  places: ReturnType<typeof usePlaces>['places'];
  /** The unit shown, or null until the wall's own numbers are in. */
  indexUnit: string | null;
  /** Grows when the index is published again: its scores are read again. */
  indexRevision: number;
  focus: string | null;
  range: Range;
  visibility: LayerVisibility;
}

/** The unit's index, the map's index and hot-spot layers, and where the map reports its grids' townships. */
export function useWallIndexLayers(api: ApiClient, p: IndexInput) {
  const index = useWallIndex(api, p.indexUnit, 'month', p.indexRevision);
  const [gridTownships, setGridTownships] = useState<string[]>([]);
  const indexParents = useMemo(() => {
    const root = p.jurisdiction;
    if (!root || !['city', 'county'].includes(levelOfCode(root))) return [];
    const prefix = prefixOfCode(root);
    return p.places.filter((pl) => pl.level === 'county' && pl.code.startsWith(prefix)).map((pl) => pl.code);
  }, [p.jurisdiction, p.places]);
  const indexScores = useIndexScores(api, indexParents, gridTownships, 'month', p.visibility.index, p.indexRevision);
  const indexLayer = useMemo(() => {
    const scores = new Map(indexScores);
    const own = index?.answer.stabilityIndex;
    if (own) scores.set(own.unitCode, own);
    return { scores, version: `${scores.size}:${own?.score ?? ''}` };
  }, [indexScores, index]);
  const hotspots = useWallHotspots(api, p.focus, p.range, p.visibility.hotspots);
  return { index, indexLayer, hotspots, setGridTownships };
}
