/**
 * Which unit the wall shows: the address's `?unit=` once the places and the account's
 * jurisdiction vouch for it, else the account's own; a wrong one (a typo, another county's) is
 * named as a problem for the header.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { rankingFor, unitProblem } from './units.js';
import { useStatic, type HealthReport, type usePlaces } from './use-wall-data.js';

type Places = ReturnType<typeof usePlaces>;

/** The unit in focus (null while still unknown), its ranking, and the static data read for it. */
export function useWallFocus(api: ApiClient, unitAsked: string | null, places: Places, report: HealthReport) {
  // The units ranked depend on the wall's unit, known from the "who am I" the same query reads.
  const [rankRoot, setRankRoot] = useState<string | null>(() =>
    unitAsked !== null && unitProblem(unitAsked, new Map(), null) === null ? unitAsked : null,
  );
  const staticRanking = rankingFor(rankRoot);
  const statics = useStatic(api, staticRanking.parent, staticRanking.level, report);
  const jurisdiction = statics?.me.jurisdiction ?? null;
  const problem = unitAsked === null ? null : unitProblem(unitAsked, places.byCode, jurisdiction);
  const unitChecked = unitAsked !== null && !problem && places.byCode.size > 0 && jurisdiction !== null;
  const unitParam = unitChecked ? unitAsked : null;
  const unitPending = unitAsked !== null && !problem && !unitChecked;
  // Taken in the same render as the "who am I": a snapshot asked for before it would be wasted.
  const focus = unitParam ?? (unitPending ? null : jurisdiction);
  useEffect(() => setRankRoot(focus), [focus]);
  return { statics, problem, unitParam, unitPending, focus, ranking: rankingFor(focus) };
}
