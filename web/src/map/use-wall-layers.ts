/**
 * Hands the wall's overlay its layers. Once the basemap has loaded, and until the real layers are
 * drawn, deck.gl draws them on stand-ins far away, unseen (warmUpInput), compiling their programs
 * and building their pipelines while a slow feed downloads. Not before: its frames would take the
 * main thread and the GPU process from MapLibre's loading.
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { useEffect, useMemo, type RefObject } from 'react';
import { buildLayers } from './build-layers.js';
import { wallLayerSpecs, warmUpFeeds, warmUpInput, type WallLayerInput } from './wall-layers.js';

/** Sets the overlay's layers: `input`'s when drawing, else (after `loaded`) the unseen warm-up. */
export function useWallLayers(
  overlay: RefObject<MapboxOverlay | null>,
  map: unknown,
  input: WallLayerInput,
  drawing: boolean,
  loaded: boolean,
): void {
  const specs = useMemo(() => wallLayerSpecs(input), [input]);
  // Only built between the basemap's load and deck.gl's first drawing: afterwards every change
  // would build the layer specs twice.
  const windowFrom = input.time.window.from.getTime();
  const warmUpData = useMemo(() => warmUpFeeds(new Date(windowFrom)), [windowFrom]);
  const warmUp = useMemo(
    () =>
      drawing || !loaded
        ? []
        : wallLayerSpecs(warmUpInput(input, warmUpData)).map((spec) => ({
            ...spec,
            props: { ...spec.props, opacity: 0 },
          })),
    [drawing, loaded, input, warmUpData],
  );
  useEffect(() => {
    overlay.current?.setProps({ layers: buildLayers(drawing ? specs : warmUp) });
  }, [specs, warmUp, map, drawing]);
}
