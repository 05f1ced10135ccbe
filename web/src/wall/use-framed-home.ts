/**
 * The wall's home view (wall/tour.ts framedHome), decided once per focus from the first case
 * counts: a later refresh of the numbers must not move the map under the viewers' eyes.
 */
import { useMemo, useRef } from 'react';
import { framedHome, type Home, type UnitPlace } from './tour.js';

export function useFramedHome(
  places: ReadonlyMap<string, UnitPlace>,
  focus: string | null,
  casesByTownship: readonly { key: string; count: number }[] | null,
): Home | null {
  const decided = useRef<{ focus: string | null; home: Home } | null>(null);
  return useMemo(() => {
    if (decided.current && decided.current.focus === focus) return decided.current.home;
    const home = framedHome(places, focus, casesByTownship ?? []);
    // Before the numbers arrive the unit's own box stands in; the framing is decided with them.
    if (home && casesByTownship) decided.current = { focus, home };
    return home;
  }, [places, focus, casesByTownship]);
}
