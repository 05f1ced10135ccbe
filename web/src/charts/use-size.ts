/** The size of an element in CSS pixels, following it as the wall scales. */
import { useLayoutEffect, useRef, useState } from 'react';

export function useSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, ...size };
}

/** The root font size in px (1 rem), for drawing SVG in the wall's scale. */
export function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
}
