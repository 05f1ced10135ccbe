/** Sets the root font size for the screen (see scale.ts) and returns the wall's scale factor. */
import { useEffect, useState } from 'react';
import { BASE_FONT_PX, rootFontSize } from './scale.js';

export function useUiScale(): number {
  const [px, setPx] = useState(() => rootFontSize(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const apply = () => setPx(rootFontSize(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', apply);
    return () => window.removeEventListener('resize', apply);
  }, []);
  useEffect(() => {
    document.documentElement.style.fontSize = `${px}px`;
    return () => void (document.documentElement.style.fontSize = '');
  }, [px]);
  return px / BASE_FONT_PX;
}
