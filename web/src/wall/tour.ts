/**
 * The auto-tour: an unattended wall flies to the areas with the highest case rate, lingers on
 * each, and returns to the whole jurisdiction. Pure: ranks and unit boxes in, stops out.
 */
export type Bbox = readonly [number, number, number, number];

export interface UnitPlace {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  label: [number, number];
  bbox: Bbox;
}

export interface TourStop {
  /** The unit flown to; null for the way home. */
  code: string | null;
  bbox: Bbox;
}

export const TOUR_STOPS = 3;
/** How long the tour stays at each stop, and at home. */
export const TOUR_DWELL_MS = 20_000;

/** The top units (by the ranking shown on the wall) that have a place, then home. */
export function planTour(
  ranked: readonly { code: string }[],
  places: ReadonlyMap<string, UnitPlace>,
  home: Bbox,
): TourStop[] {
  const stops: TourStop[] = [];
  for (const r of ranked) {
    const place = places.get(r.code);
    if (place) stops.push({ code: r.code, bbox: place.bbox });
    if (stops.length === TOUR_STOPS) break;
  }
  return stops.length === 0 ? [] : [...stops, { code: null, bbox: home }];
}

/** The box to show first: the focus unit's, or the jurisdiction's. */
export function homeBbox(places: ReadonlyMap<string, UnitPlace>, unitCode: string | null): Bbox | null {
  return (unitCode && places.get(unitCode)?.bbox) || null;
}

/**
 * The whole data set's box: the union of its top units' (those whose parent is not among the
 * places). The map opens on it while the account's unit is not yet known. Null without places.
 */
export function dataExtent(places: readonly UnitPlace[]): Bbox | null {
  const codes = new Set(places.map((p) => p.code));
  const tops = places.filter((p) => !p.parent || !codes.has(p.parent));
  if (tops.length === 0) return null;
  return [
    Math.min(...tops.map((p) => p.bbox[0])),
    Math.min(...tops.map((p) => p.bbox[1])),
    Math.max(...tops.map((p) => p.bbox[2])),
    Math.max(...tops.map((p) => p.bbox[3])),
  ];
}
