/**
 * Which label levels have their font subsets loaded, for the places the wall has now: the levels
 * near the current zoom are loaded first, the villages only once the map gets close to them.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { loadFontFiles } from '../theme/fonts.js';
import { labelCharacters, labelLevelsNear, type LabelPlace } from './layers/labels.js';
import type { LabelLevel } from './layers/zoom.js';
import { markWall } from './benchmark-marks.js';

export function useLabelGlyphs(places: readonly LabelPlace[], zoom: number) {
  // For each level, the places array its glyphs were loaded for (a new array loads again).
  const [loaded, setLoaded] = useState<ReadonlyMap<LabelLevel, readonly LabelPlace[]>>(new Map());
  const asked = useRef(new Map<LabelLevel, readonly LabelPlace[]>());
  const near = labelLevelsNear(zoom);
  const nearKey = near.join(',');

  useEffect(() => {
    for (const level of near) {
      if (asked.current.get(level) === places) continue;
      asked.current.set(level, places);
      const mine = places.filter((p) => p.level === level);
      void loadFontFiles(labelCharacters(mine)).finally(() => {
        if (asked.current.get(level) !== places) return;
        markWall(`labels-${level}`);
        setLoaded((prev) => new Map(prev).set(level, places));
      });
    }
    // `near` is derived from nearKey.
  }, [places, nearKey]);

  const shown = useMemo(() => places.filter((p) => loaded.get(p.level as LabelLevel) === places), [places, loaded]);
  /** Every level the current zoom shows has its glyphs. */
  const ready = near.every((level) => loaded.get(level) === places);
  return { places: shown, ready };
}
