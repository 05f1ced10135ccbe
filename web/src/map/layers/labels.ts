/**
 * Admin unit names drawn by deck.gl's TextLayer in the bundled Noto Sans SC (MapLibre would
 * need glyph files from elsewhere): counties when far, townships closer, villages closest.
 */
import type { LayerSpec } from './spec.js';
import { labelVisible, type LabelLevel } from './zoom.js';

export interface LabelPlace {
  code: string;
  name: string;
  level: string;
  label: [number, number];
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

export function labelLayers(input: LabelInput): LayerSpec[] {
  return LEVELS.map((level) => {
    const look = LOOK[level];
    return {
      kind: 'text' as const,
      props: {
        id: `labels-${level}`,
        visible: input.visible && labelVisible(level, input.zoom),
        data: input.places.filter((p) => p.level === level && p.code.startsWith(input.prefix)),
        getPosition: (p: LabelPlace) => p.label,
        getText: (p: LabelPlace) => p.name,
        getSize: look.size * input.uiScale,
        sizeUnits: 'pixels',
        getColor: look.color,
        fontFamily: LABEL_FONT,
        fontWeight: look.weight,
        characterSet: 'auto',
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

/** Every character the labels use, to load the font's subsets before the atlas is drawn. */
export function labelCharacters(places: readonly LabelPlace[]): string {
  return [...new Set(places.map((p) => p.name).join(''))].join('');
}

/**
 * The label levels shown at this zoom or one step closer: whose font subsets to have loaded. A
 * city's village names touch most of the CJK font's files (1–2 MB), so they wait for a close zoom.
 */
export function labelLevelsNear(zoom: number): LabelLevel[] {
  return LEVELS.filter((level) => labelVisible(level, zoom) || labelVisible(level, zoom + 1));
}
