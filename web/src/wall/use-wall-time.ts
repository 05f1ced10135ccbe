/**
 * The wall's time: the window shown (`?window=`, the time bar), its whole-day ranges in the
 * display zone, and the day-by-day playback through it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTimeZone } from '../time/display-zone.js';
import { playbackRange, windowDayKeys, windowRange, WINDOWS, type TimeWindow } from '../time/windows.js';
import { dayKey } from '../time/zone.js';
import { usePlayback } from './use-motion.js';

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The window and playback state with the ranges they give, renewed when the day changes. */
export function useWallTime(params: URLSearchParams) {
  const now = useMinuteClock();
  const timeZone = useTimeZone();
  const today = dayKey(now, timeZone);
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(() => {
    const w = params.get('window') as TimeWindow | null;
    return w && WINDOWS.includes(w) ? w : 'd30';
  });
  const [playing, setPlaying] = useState(false);
  // Ranges are whole days, so the variables (and the query) change only when the day does.
  const range = useMemo(() => windowRange(timeWindow, now, timeZone), [timeWindow, today, timeZone]);
  const trendRange = useMemo(() => windowRange('d30', now, timeZone), [today, timeZone]);
  const feedRange = useMemo(() => windowRange('d365', now, timeZone), [today, timeZone]);
  const days = useMemo(() => windowDayKeys(timeWindow, now, timeZone), [timeWindow, today, timeZone]);
  const playDay = usePlayback(days, playing);
  const time = useMemo(() => {
    if (playing && playDay) {
      const p = playbackRange(playDay, timeZone);
      return { from: p.range.from, to: p.range.to, soft: p.soft, window: range };
    }
    return { from: range.from, to: range.to, soft: null, window: range };
  }, [playing, playDay, range, timeZone]);
  return {
    now,
    timeZone,
    timeWindow,
    /** Shows another window, stopping a playback. */
    chooseWindow: (w: TimeWindow) => {
      setTimeWindow(w);
      setPlaying(false);
    },
    playing,
    togglePlaying: () => setPlaying((p) => !p),
    range,
    trendRange,
    feedRange,
    days,
    playDay,
    time,
  };
}
