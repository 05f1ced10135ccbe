/** The wall's two animations: day-by-day playback of a time window, and the auto-tour. */
import { useEffect, useState } from 'react';
import { nextPlaybackDay } from '../time/windows.js';
import { TOUR_DWELL_MS, type Bbox, type TourStop } from './tour.js';

export const PLAYBACK_STEP_MS = 1200;

/** The day shown while playing, stepping through `days` and starting over. */
export function usePlayback(days: readonly string[], playing: boolean): string | null {
  const [day, setDay] = useState<string | null>(null);
  const key = days.join(',');
  useEffect(() => {
    if (!playing) {
      setDay(null);
      return;
    }
    const list = key.split(',');
    setDay(nextPlaybackDay(null, list));
    const timer = setInterval(() => setDay((d) => nextPlaybackDay(d, list)), PLAYBACK_STEP_MS);
    return () => clearInterval(timer);
  }, [key, playing]);
  return day;
}

/** Where the tour flies next; null when it is off or has nowhere to go. */
export function useTour(stops: readonly TourStop[], on: boolean): { bbox: Bbox; key: number } | null {
  const [step, setStep] = useState(0);
  const key = JSON.stringify(stops);
  useEffect(() => {
    if (!on || stops.length === 0) return;
    setStep(0);
    const timer = setInterval(() => setStep((s) => s + 1), TOUR_DWELL_MS);
    return () => clearInterval(timer);
  }, [key, on]);
  if (!on || stops.length === 0) return null;
  return { bbox: stops[step % stops.length]!.bbox, key: step };
}
