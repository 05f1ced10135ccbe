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
