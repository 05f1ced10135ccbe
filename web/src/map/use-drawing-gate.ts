/**
 * When deck.gl starts drawing the wall's layers. Until every layer's data is in (or a while after
 * the map loaded, if a feed keeps failing) it shows no partial frame. Drawing starts in the very
 * render that finds everything in, not in a render an effect asks for: in between, deck.gl would
 * draw a warm-up frame that only holds the real one back. Once started, it goes on.
 */
import { useLayoutEffect, useState } from 'react';
import { markWall } from './benchmark-marks.js';

/** How long after the map loaded deck.gl waits for the feeds before it draws what it has. */
const PARTIAL_DRAW_AFTER_MS = 5000;

/** Whether the layers are drawn now, given the map's load and whether all they show is in. */
export function useDrawingGate(loaded: boolean, complete: boolean): boolean {
  const [started, setStarted] = useState(false);
  const drawing = started || complete;
  // A layout effect: the mark is taken as the data-ready render is committed, not after its paint.
  useLayoutEffect(() => {
    if (started) return;
    if (drawing) {
      markWall('drawing');
      setStarted(true);
      return;
    }
    if (!loaded) return;
    const timer = setTimeout(() => setStarted(true), PARTIAL_DRAW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [started, drawing, loaded]);
  return drawing;
}
