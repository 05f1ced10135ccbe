/**
 * A layer described as data: which deck.gl layer class, its props, and whether it is filtered
 * by report time on the GPU. The functions in this folder build specs from data and style
 * (pure, unit-tested without WebGL); build-layers.ts alone turns them into deck.gl layers.
 */
export type LayerKind = 'scatterplot' | 'heatmap' | 'hexagon' | 'icon' | 'geojson' | 'text' | 'solid-polygon';

export interface TimeFilter {
  /** Filter values shown, inclusive (report day indexes for cases, levels for risk points). */
  range: [number, number];
  /** Where items are shown at full strength; items in range but outside fade in. */
  soft: [number, number] | null;
}

export interface LayerSpec {
  kind: LayerKind;
  props: { id: string; visible: boolean } & Record<string, unknown>;
  filter?: TimeFilter;
}

export type Rgba = [number, number, number, number];

/** A binary attribute as deck.gl takes it. */
export interface BinaryAttribute {
  value: Float64Array | Float32Array | Uint8Array;
  size: number;
  normalized?: boolean;
}

/**
 * Binary data: a row count and attributes named after the accessors they replace. When the data
 * holds only some of a feed's rows, `sourceRows` gives each row's index in the feed.
 */
export interface BinaryData {
  length: number;
  attributes: Record<string, BinaryAttribute>;
  sourceRows?: Uint32Array;
}

/** The feed row behind row `index` of a layer's data (picking reports indexes into the data). */
export function sourceRow(data: unknown, index: number): number {
  const rows = (data as Partial<BinaryData> | null)?.sourceRows;
  return rows ? rows[index]! : index;
}
