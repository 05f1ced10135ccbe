/**
 * The cameras the review map draws at close zoom: the camera feed (jurisdiction-checked by the
 * server like the wall's) for a box around the view, read again only when the view leaves it.
 * Far out nothing is read: a city's cameras are no use to a leader looking at a county.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { toPointFeed, type PointFeed } from '../map/feed-data.js';
import type { Bbox } from '../map/grid-view.js';
import { cameraBox } from './camera-box.js';

/** The cameras around the view (null far out or until read), and what the map tells of its view. */
export function useReviewCameras(api: ApiClient): {
  cameras: PointFeed | null;
  onView: (zoom: number, view: Bbox) => void;
} {
  const [box, setBox] = useState<Bbox | null>(null);
  const [cameras, setCameras] = useState<PointFeed | null>(null);
  const onView = useCallback((zoom: number, view: Bbox) => setBox((last) => cameraBox(view, zoom, last)), []);
  useEffect(() => {
    if (!box) return setCameras(null);
    let cancelled = false;
    api.feed(`/feeds/cameras?bbox=${box.join(',')}`).then(
      (bytes) => !cancelled && setCameras(toPointFeed(bytes)),
      // The map goes on without cameras; the next view that leaves the box asks again.
      () => !cancelled && setCameras(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, box]);
  return { cameras, onView };
}
