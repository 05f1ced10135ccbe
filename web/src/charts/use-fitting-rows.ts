/**
 * How many rows of a list fit in the height its container gives it, measured from the first
 * row and the list's gap, again whenever the container is resized (a 4K wall, another level's
 * longer panels). Until measured, all of them.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** `total` rows in `list`, which is only there while `shown` (a panel without data shows a note instead). */
export function useFittingRows(list: RefObject<HTMLElement | null>, total: number, shown: boolean): number {
  const [fit, setFit] = useState(Number.POSITIVE_INFINITY);
  useLayoutEffect(() => {
    const el = list.current;
    const box = el?.parentElement;
    if (!el || !box) return;
    const measure = () => {
      const row = el.firstElementChild as HTMLElement | null;
      if (!row) return;
      const gap = parseFloat(getComputedStyle(el).rowGap) || 0;
      // From the list's top to the inside of the box's bottom edge (CSS may scale both alike).
      const scale = box.getBoundingClientRect().height / (box.offsetHeight || 1);
      const bottom = box.getBoundingClientRect().bottom - parseFloat(getComputedStyle(box).paddingBottom) * scale;
      const room = (bottom - el.getBoundingClientRect().top) / (scale || 1);
      setFit(Math.max(0, Math.floor((room + gap) / (row.offsetHeight + gap))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [list, total, shown]);
  return fit;
}
