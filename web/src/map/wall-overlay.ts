/** The deck.gl overlay the wall's layers are drawn on, set up for the renderer that draws it. */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { RefObject } from 'react';
import { sourceRow } from './layers/spec.js';
import type { RendererFit } from './software-scaling.js';
import type { Hit } from './tooltip.js';

export interface OverlayHandlers {
  /** After each frame deck.gl draws. */
  afterFrame: () => void;
  /** The feature under the pointer (null: none) at (x, y) in the map's pixels. */
  hover: (hit: Hit | null, x: number, y: number) => void;
  click: (hit: Hit) => void;
}

/** An overlay drawn at `fit`'s pixel ratio; frames drawn while `drawing` is false stay unseen. */
export function createWallOverlay(fit: RendererFit, drawing: RefObject<boolean>, on: OverlayHandlers): MapboxOverlay {
  const hitOf = (info: { layer?: { id: string; props: { data: unknown } } | null; index: number; object?: unknown }) =>
    info.layer
      ? { layerId: info.layer.id, index: sourceRow(info.layer.props.data, info.index), object: info.object }
      : null;
  return new MapboxOverlay({
    interleaved: false,
    useDevicePixels: fit.pixelRatio === window.devicePixelRatio ? true : fit.pixelRatio,
    // A software renderer would shade each pixel four times over for multisampling, on every
    // frame: there deck.gl draws without (points are smoothed by their shaders either way).
    deviceProps: { webgl: { antialias: !fit.software } },
    onAfterRender: ({ gl }) => {
      // Unseen frames are not read back, so nothing makes the renderer draw them until the map
      // shows; a flush hands each over now, to be drawn beside the loading instead of after it.
      if (!drawing.current) gl.flush();
      on.afterFrame();
    },
    layers: [],
    pickingRadius: 6,
    onHover: (info) => on.hover(hitOf(info), info.x, info.y),
    onClick: (info) => {
      const hit = hitOf(info);
      if (hit) on.click(hit);
    },
  });
}
