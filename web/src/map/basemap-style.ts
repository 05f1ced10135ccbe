/**
 * The basemap style from our server, made ready for MapLibre: source URLs resolved against the
 * page's origin (the server writes them relative, so the style works behind any host name),
 * and the ids of the style layers behind each toggle. Pure.
 */
export interface StyleJson {
  version: number;
  sources: Record<string, { data?: unknown; tiles?: string[]; url?: string } & Record<string, unknown>>;
  layers: { id: string; metadata?: Record<string, unknown> }[];
}

export function resolveStyleUrls<T extends StyleJson>(style: T, origin: string): T {
  // Not new URL(): it would percent-encode the {z}/{x}/{y} placeholders of tile URLs.
  const absolute = (u: string) =>
    /^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `${origin.replace(/\/$/, '')}/${u.replace(/^\//, '')}`;
  const sources = Object.fromEntries(
    Object.entries(style.sources).map(([id, s]) => [
      id,
      {
        ...s,
        ...(typeof s.data === 'string' ? { data: absolute(s.data) } : {}),
        ...(s.tiles ? { tiles: s.tiles.map(absolute) } : {}),
        ...(s.url ? { url: absolute(s.url) } : {}),
      },
    ]),
  );
  return { ...style, sources };
}

/** The style layers a toggle switches: those whose metadata names the group. */
export function layersInGroup(style: StyleJson, group: string): string[] {
  return style.layers.filter((l) => l.metadata?.['zongzhi:group'] === group).map((l) => l.id);
}

/** Whether every URL the style refers to lies on the given origin. */
export function allOnOrigin(style: StyleJson, origin: string): boolean {
  const urls = Object.values(style.sources).flatMap((s) => [
    ...(typeof s.data === 'string' ? [s.data] : []),
    ...(s.tiles ?? []),
    ...(s.url ? [s.url] : []),
  ]);
  return urls.every((u) => new URL(u, origin).origin === new URL(origin).origin);
}

type StyleLayer = StyleJson['layers'][number] & { source?: string; minzoom?: number };

/** A source held back from the first style, with its layers and where they go back in. */
export interface DeferredSource {
  id: string;
  source: StyleJson['sources'][string];
  /** Its layers, each with the id of the layer it was drawn under (null: on top). */
  layers: { layer: StyleLayer; beforeId: string | null }[];
  /** The lowest zoom any of its layers shows at: add it a little before the map gets there. */
  minzoom: number;
}

/**
 * Takes GeoJSON sources whose layers all wait for a closer zoom (`minzoom` over `below`) out of the
 * style: MapLibre parses every GeoJSON source before its 'load', and the villages' outlines (4 MB
 * for a city) would hold the first frame back for lines nobody sees at city zoom.
 */
export function deferCloseUpSources(style: StyleJson, below: number): { style: StyleJson; deferred: DeferredSource[] } {
  const layers = style.layers as StyleLayer[];
  const deferred: DeferredSource[] = [];
  for (const [id, source] of Object.entries(style.sources)) {
    const own = layers.filter((l) => l.source === id);
    if (source.type !== 'geojson' || own.length === 0) continue;
    const minzoom = Math.min(...own.map((l) => l.minzoom ?? 0));
    if (minzoom <= below) continue;
    deferred.push({
      id,
      source,
      minzoom,
      layers: own.map((layer) => {
        const after = layers.slice(layers.indexOf(layer) + 1).find((l) => l.source !== id);
        return { layer, beforeId: after?.id ?? null };
      }),
    });
  }
  const held = new Set(deferred.map((d) => d.id));
  return {
    style: {
      ...style,
      sources: Object.fromEntries(Object.entries(style.sources).filter(([id]) => !held.has(id))),
      layers: layers.filter((l) => !(l.source && held.has(l.source))),
    },
    deferred,
  };
}
