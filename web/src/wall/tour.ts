/**
 * The auto-tour: an unattended wall flies to the areas with the highest case rate, lingers on
 * each, and returns to the whole jurisdiction. Pure: ranks and unit boxes in, stops out.
 */
import { prefixOfCode } from '../units/admin-codes.js';

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

/**
 * The whole data set's box: the union of its top units' (those whose parent is not among the
 * places). The map opens on it while the account's unit is not yet known. Null without places.
 */
export function dataExtent(places: readonly UnitPlace[]): Bbox | null {
  const codes = new Set(places.map((p) => p.code));
  const tops = places.filter((p) => !p.parent || !codes.has(p.parent));
  return tops.length === 0 ? null : unionOf(tops.map((p) => p.bbox));
}

/** Where the home view frames the map: the box, and the townships it was narrowed to (null: the whole unit). */
export interface Home {
  bbox: Bbox;
  framedTo: string[] | null;
}

/**
 * The home view of a city or county whose cases lie in a few of its townships (a pilot, or the
 * demo's one township): framed to those townships, not to a large empty map with the data in
 * a speck in the middle. Cases in at least half the townships, or in none, or a lower focus:
 * the focus unit's own box. Null while the focus has no place.
 */
export function framedHome(
  places: ReadonlyMap<string, UnitPlace>,
  unitCode: string | null,
  casesByTownship: readonly { key: string; count: number }[],
): Home | null {
  const unit = unitCode ? places.get(unitCode) : undefined;
  if (!unit) return null;
  const whole = { bbox: unit.bbox, framedTo: null };
  if (unit.level !== 'city' && unit.level !== 'county') return whole;
  const inside = [...places.values()].filter((p) => p.level === 'township' && isWithin(p.code, unit.code));
  const withCases = casesByTownship.filter((b) => b.count > 0).flatMap((b) => places.get(b.key) ?? []);
  if (withCases.length === 0 || withCases.length * 2 >= inside.length) return whole;
  return { bbox: unionOf(withCases.map((p) => p.bbox)), framedTo: withCases.map((p) => p.code) };
}

const isWithin = (code: string, unitCode: string): boolean =>
  code !== unitCode && code.startsWith(prefixOfCode(unitCode));

const unionOf = (boxes: readonly Bbox[]): Bbox => [
  Math.min(...boxes.map((b) => b[0])),
  Math.min(...boxes.map((b) => b[1])),
  Math.max(...boxes.map((b) => b[2])),
  Math.max(...boxes.map((b) => b[3])),
];
