/**
 * The planner's editing session for one village: the undo history of edit states, the state
 * being dragged (not yet a history step), the browser mirror's verdict on every state shown (each
 * drag step), and the server's verdict (proposeGridChange) a moment after the last step.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checkPartitionPlanar, type MirrorResult } from '../../../server/src/domain/grid-planning/mirror.js';
import type { PlanningSettings } from '../../../server/src/domain/grid-planning/rules.js';
import type { ApiClient } from '../api/client.js';
import {
  changeInput,
  editRing,
  gridCrossed,
  mergeGrids,
  mirrorGrids,
  polygonOf,
  redrawGrid,
  splitGrid,
  stateFromBase,
  type PlanState,
} from './edit-state.js';
import { canRedo, canUndo, pushHistory, redoHistory, startHistory, undoHistory, type History } from './history.js';
import { MERGE, PROPOSE, SPLIT, type PlanBase, type Proposal } from './queries.js';
import type { Position, Ring } from '../geometry/positions.js';

/** How long after the last edit step the server is asked. */
export const PROPOSE_DEBOUNCE_MS = 500;

/** The action error when a split line crosses no grid (the screen words it). */
export const NO_GRID = 'NO_GRID';

export interface MirrorVerdict extends MirrorResult {
  /** How long the check took, milliseconds. */
  ms: number;
}

export function usePlanEditor(api: ApiClient, base: PlanBase, settings: PlanningSettings) {
  const [history, setHistory] = useState<History<PlanState>>(() => startHistory(stateFromBase(base.grids)));
  const [draft, setDraft] = useState<PlanState | null>(null);
  const [proposal, setProposal] = useState<{ state: PlanState; value: Proposal } | null>(null);
  // The failures as thrown: the screen says them in the viewer's words (api/error-text.ts).
  const [proposalError, setProposalError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const shown = draft ?? history.present;
  const initial = useRef(history.present);
  const dirty = history.present !== initial.current;

  const mirror = useMemo<MirrorVerdict>(() => {
    const started = performance.now();
    const result = checkPartitionPlanar(base.villageGeometry, mirrorGrids(shown), settings);
    return { ...result, ms: performance.now() - started };
  }, [base.villageGeometry, shown, settings]);

  // The server judges the state that was let go of, not every drag step.
  useEffect(() => {
    const state = history.present;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.query<{ proposeGridChange: Proposal }>(PROPOSE, { input: changeInput(base.villageCode, state) }).then(
        (r) => {
          if (cancelled) return;
          setProposal({ state, value: r.proposeGridChange });
          setProposalError(null);
        },
        (e: unknown) => !cancelled && setProposalError(e),
      );
    }, PROPOSE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, base.villageCode, history.present]);

  const latest = useRef({ history, draft });
  latest.current = { history, draft };

  /** A vertex step from the map; returns the state now shown. */
  const ringStep = useCallback((key: string, ring: Ring, final: boolean): PlanState => {
    const from = latest.current.history.present;
    const next = editRing(latest.current.draft ?? from, key, ring);
    if (final) {
      setDraft(null);
      setHistory((h) => pushHistory(h, next));
    } else setDraft(next);
    return next;
  }, []);

  const run = async (label: string, step: () => Promise<PlanState | null>) => {
    setBusy(label);
    setActionError(null);
    try {
      const next = await step();
      if (next) setHistory((h) => pushHistory(h, next));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  /** Cuts the grid the line runs through the most (else the selected one), on the server. */
  const split = (line: Position[], key: string | null) =>
    run('split', async () => {
      const state = latest.current.history.present;
      const target = gridCrossed(state, line) ?? state.grids.find((g) => g.key === key);
      if (!target) throw new Error(NO_GRID);
      const r = await api.query<{ splitGridGeometry: { coordinates: Position[][] }[] }>(SPLIT, {
        polygon: polygonOf(target),
        line: { type: 'LineString', coordinates: line },
      });
      return splitGrid(state, target.key, r.splitGridGeometry);
    });

  const merge = (keys: string[]) =>
    run('merge', async () => {
      const state = latest.current.history.present;
      const polygons = state.grids.filter((g) => keys.includes(g.key)).map(polygonOf);
      const r = await api.query<{ mergeGridGeometries: { coordinates: Position[][] } }>(MERGE, { polygons });
      return mergeGrids(state, keys, r.mergeGridGeometries);
    });

  /** Redraws grid `key` as the drawn outline, the neighbours giving or taking the area (in the browser). */
  const redraw = (key: string, drawn: Position[]) =>
    run('redraw', async () => {
      const state = latest.current.history.present;
      if (!state.grids.some((g) => g.key === key)) throw new Error(NO_GRID);
      return redrawGrid(state, key, drawn, base.villageGeometry);
    });

  const current = proposal && proposal.state === history.present ? proposal.value : null;
  return {
    state: shown,
    committed: history.present,
    dirty,
    mirror,
    /** The server's verdict on the state shown; null while it is being asked. */
    proposal: draft ? null : current,
    proposalError,
    busy,
    actionError,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    undo: () => setHistory(undoHistory),
    redo: () => setHistory(redoHistory),
    ringStep,
    split,
    merge,
    redraw,
  };
}
