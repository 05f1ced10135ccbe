/**
 * Admin unit names drawn by deck.gl's TextLayer in the bundled Noto Sans SC (MapLibre would
 * need glyph files from elsewhere): counties when far, townships closer, villages closest, none
 * drawn over another (a county's name before a township's, a larger unit's before a smaller's).
 */
import { declutter } from './declutter.js';
import type { LayerSpec } from './spec.js';
import { labelVisible, type LabelLevel } from './zoom.js';

export interface LabelPlace {
  code: string;
  name: string;
  level: string;
  label: [number, number];
  /** The unit's extent: where two names would overlap, the larger unit's is drawn. */
  bbox?: readonly [number, number, number, number];
}

export const LABEL_FONT = "'Noto Sans SC Variable', 'Noto Sans SC', sans-serif";

const LOOK: Record<LabelLevel, { size: number; color: [number, number, number, number]; weight: number }> = {
  county: { size: 22, color: [226, 240, 255, 255], weight: 600 },
  township: { size: 17, color: [180, 212, 240, 255], weight: 500 },
  village: { size: 15, color: [150, 190, 225, 235], weight: 400 },
};

const LEVELS: LabelLevel[] = ['county', 'township', 'village'];

export interface LabelInput {
  places: readonly LabelPlace[];
  /** Labels only for units whose code starts with this (the focus). */
  prefix: string;
  visible: boolean;
  zoom: number;
  uiScale: number;
}

const area = (p: LabelPlace) => (p.bbox ? (p.bbox[2] - p.bbox[0]) * (p.bbox[3] - p.bbox[1]) : 0);

/** Per places array: the names drawn at a focus, zoom and scale (deck.gl redraws text for a new array). */
const shownCache = new WeakMap<readonly LabelPlace[], Map<string, Record<LabelLevel, LabelPlace[]>>>();
/** Per places array: each level's characters at a focus (the font atlas, the same at every zoom). */
const charactersCache = new WeakMap<readonly LabelPlace[], Map<string, string>>();
const CACHED_VIEWS = 64;

function inFocus(input: LabelInput, level: LabelLevel): LabelPlace[] {
  return input.places.filter((p) => p.level === level && p.code.startsWith(input.prefix));
}

function levelCharacters(input: LabelInput, level: LabelLevel): string {
  let byKey = charactersCache.get(input.places);
  if (!byKey) charactersCache.set(input.places, (byKey = new Map()));
  const key = `${input.prefix}|${level}`;
  let characters = byKey.get(key);
  if (characters === undefined) byKey.set(key, (characters = labelCharacters(inFocus(input, level))));
  return characters;
}

/** The names drawn at this zoom, by level: every level shown now, decluttered together. */
function shownLabels(input: LabelInput): Record<LabelLevel, LabelPlace[]> {
  let byKey = shownCache.get(input.places);
  if (!byKey) shownCache.set(input.places, (byKey = new Map()));
  const key = `${input.prefix}|${input.zoom}|${input.uiScale}`;
  let shown = byKey.get(key);
  if (!shown) {
    if (byKey.size >= CACHED_VIEWS) byKey.clear();
    const candidates = LEVELS.filter((level) => labelVisible(level, input.zoom)).flatMap((level) =>
      inFocus(input, level).sort((a, b) => area(b) - area(a)),
    );
    const kept = new Set(declutter(candidates, input.zoom, (p) => LOOK[p.level as LabelLevel].size * input.uiScale));
    shown = { county: [], township: [], village: [] };
    for (const p of candidates) if (kept.has(p)) shown[p.level as LabelLevel].push(p);
    byKey.set(key, shown);
  }
  return shown;
}

export function labelLayers(input: LabelInput): LayerSpec[] {
  const shown = shownLabels(input);
  return LEVELS.map((level) => {
    const look = LOOK[level];
    return {
      kind: 'text' as const,
      props: {
        id: `labels-${level}`,
        visible: input.visible && labelVisible(level, input.zoom),
        data: shown[level],
        getPosition: (p: LabelPlace) => p.label,
        getText: (p: LabelPlace) => p.name,
        getSize: look.size * input.uiScale,
        sizeUnits: 'pixels',
        getColor: look.color,
        fontFamily: LABEL_FONT,
        fontWeight: look.weight,
        // Every name of the level, drawn or not: the atlas stays the same as names come and go.
        characterSet: levelCharacters(input, level),
        fontSettings: { sdf: true, fontSize: 64, buffer: 6 },
        outlineWidth: 3,
        outlineColor: [3, 8, 18, 235],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        billboard: true,
      },
    };
  });
}

/** Every character of the places' names, each once: the font files to load before they are drawn. */
export function labelCharacters(places: readonly { name: string }[]): string {
  return [...new Set(places.map((p) => p.name).join(''))].join('');
}

/**
 * The label levels shown at this zoom or one step closer: whose font subsets to have loaded. A
 * city's village names touch most of the CJK font's files, so they wait for a close zoom.
 */
export function labelLevelsNear(zoom: number): LabelLevel[] {
  return LEVELS.filter((level) => labelVisible(level, zoom) || labelVisible(level, zoom + 1));
}
