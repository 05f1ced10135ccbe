/**
 * Editing one village: the map with its tools on the left; grids, checks, impact, saving and the
 * history on the right.
 */
import * as turf from '@turf/turf';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanningSettings } from '../../../server/src/domain/grid-planning/rules.js';
import type { StyleJson } from '../map/basemap-style.js';
import type { PlanMapGrid, PlanMapMarker } from '../map/PlanMap.js';
import type { ApiClient } from '../api/client.js';
import { ChecksPanel } from './ChecksPanel.js';
import { CommitForm } from './CommitForm.js';
import { changeInput, type PlanState } from './edit-state.js';
import { GridTable } from './GridTable.js';
import { HistoryPanel } from './HistoryPanel.js';
import { ImpactPanel } from './ImpactPanel.js';
import { COMMIT, REVERT, type GridChange, type PlanBase } from './queries.js';
import type { Position, Ring } from '../geometry/positions.js';
import { PlanTools, type PlanMode } from './PlanTools.js';
import { usePlanEditor } from './use-plan-editor.js';
import { issueText } from '../api/error-text.js';

const PlanMap = lazy(() => import('../map/PlanMap.js'));

export interface PlanEditorProps {
  api: ApiClient;
  base: PlanBase;
  settings: PlanningSettings;
  style: StyleJson | null;
  changes: readonly GridChange[];
  /** Read the village again (after saving, a revert or a conflict), saying why. */
  onReload: (notice?: string) => void;
}

export function PlanEditor(p: PlanEditorProps) {
  const { t } = useTranslation();
  const editor = usePlanEditor(p.api, p.base, p.settings);
  const [mode, setMode] = useState<PlanMode>('select');
  // The grid being redrawn, fixed when the tool is chosen (leaving select mode deselects on the map).
  const [redrawKey, setRedrawKey] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ at: Position } | null>(null);
  const { state, committed, mirror, proposal } = editor;

  const issues = proposal?.issues ?? mirror.issues;
  const errorGrids = useMemo(
    () =>
      new Set(
        issues
          .filter((i) => i.severity === 'error')
          .flatMap((i) => [i.gridIndex, i.otherGridIndex].filter((x) => x !== null)),
      ),
    [issues],
  );
  const toMap = useCallback(
    (s: PlanState): PlanMapGrid[] =>
      s.grids.map((g, i) => ({
        key: g.key,
        ring: g.ring,
        tone: picked.includes(g.key) ? 'picked' : errorGrids.has(i) ? 'error' : g.code === null ? 'new' : 'normal',
      })),
    [picked, errorGrids],
  );
  const mapGrids = useMemo(() => toMap(state), [toMap, state]);
  const labels = useMemo(
    () =>
      committed.grids.map((g, i) => {
        const at = turf.pointOnFeature(turf.polygon([g.ring])).geometry.coordinates as Position;
        const judged = proposal?.grids[i];
        return {
          key: g.key,
          at,
          lines: [
            g.name ?? judged?.name ?? t('plan.table.newGrid'),
            `${judged?.households ?? g.households} ${t('plan.table.households')}`,
          ],
        };
      }),
    [committed, proposal, t],
  );
  const markers = useMemo<PlanMapMarker[]>(
    () =>
      issues
        .filter((i) => i.location)
        .map((i) => ({ at: i.location as Position, severity: i.severity, text: issueText(i, t) })),
    [issues, t],
  );
  const bounds = useMemo(() => turf.bbox(p.base.villageGeometry) as [number, number, number, number], [p.base]);
  const gridName = useCallback(
    (index: number | null) => {
      if (index === null) return '';
      const g = state.grids[index];
      return g?.name ?? proposal?.grids[index]?.code ?? `#${index + 1}`;
    },
    [state, proposal],
  );

  // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z), outside text fields.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest('input, textarea')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) editor.undo();
      else if (key === 'y' || (key === 'z' && e.shiftKey)) editor.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor.undo, editor.redo]);

  const onRingStep = useCallback(
    (key: string, ring: Ring, final: boolean) => toMap(editor.ringStep(key, ring, final)),
    [editor.ringStep, toMap],
  );
  const onLine = useCallback(
    (line: Position[]) => {
      setMode('select');
      void editor.split(line, selected);
    },
    [editor.split, selected],
  );
  const onPolygon = useCallback(
    (ring: Ring) => {
      setMode('select');
      if (redrawKey) void editor.redraw(redrawKey, ring);
    },
    [editor.redraw, redrawKey],
  );
  const startRedraw = () => {
    if (mode === 'redraw' || !selected) return setMode('select');
    setRedrawKey(selected);
    setMode('redraw');
  };
  const redrawName = state.grids.find((g) => g.key === redrawKey)?.name ?? t('plan.table.newGrid');
  const togglePick = (key: string) =>
    setPicked((ks) => (ks.includes(key) ? ks.filter((k) => k !== key) : [...ks, key]));
  const merge = () => {
    void editor.merge(picked).then(() => setPicked([]));
  };

  const hardErrors = mirror.issues.some((i) => i.severity === 'error') || proposal?.valid === false;
  const blocked = !editor.dirty
    ? t('plan.commit.unchanged')
    : hardErrors
      ? t('plan.commit.blocked')
      : !proposal
        ? t('plan.commit.waiting')
        : null;
  const save = async (reason: string, effectiveFrom: Date | null, confirm: boolean) => {
    const r = await p.api.query<{ commitGridChange: GridChange }>(COMMIT, {
      input: changeInput(p.base.villageCode, committed),
      expected: p.base.baseVersions,
      effectiveFrom: effectiveFrom?.toISOString() ?? null,
      reason,
      confirm,
    });
    p.onReload(t('plan.commit.saved', { id: r.commitGridChange.id }));
    return r.commitGridChange.id;
  };
  const revert = async (id: string, reason: string) => {
    await p.api.query(REVERT, { id, reason });
    p.onReload();
  };

  return (
    <div className="plan-body">
      <div className="plan-map-area">
        <PlanTools
          mode={mode}
          busy={editor.busy !== null}
          canRedraw={selected !== null}
          canMerge={picked.length >= 2}
          canUndo={editor.canUndo}
          canRedo={editor.canRedo}
          redrawName={redrawName}
          actionError={editor.actionError}
          onMode={setMode}
          onRedraw={startRedraw}
          onMerge={merge}
          onUndo={editor.undo}
          onRedo={editor.redo}
        />
        <Suspense fallback={<div className="plan-map" data-map-state="loading" />}>
          <PlanMap
            style={p.style}
            village={p.base.villageGeometry}
            bounds={bounds}
            grids={mapGrids}
            labels={labels}
            markers={markers}
            focus={focus}
            mode={mode}
            onRingStep={onRingStep}
            onLine={onLine}
            onPolygon={onPolygon}
            onSelect={setSelected}
          />
        </Suspense>
      </div>
      <aside className="plan-side">
        <section className="plan-section">
          <h3>
            {t('plan.table.title')} · {state.grids.length}
          </h3>
          <GridTable
            state={state}
            base={p.base.grids}
            mirror={mirror}
            proposal={proposal}
            picked={picked}
            selected={selected}
            onPick={togglePick}
            onSelect={setSelected}
          />
        </section>
        <ChecksPanel
          mirror={mirror}
          proposal={proposal}
          proposalError={editor.proposalError}
          gridName={gridName}
          onLocate={(at) => setFocus({ at })}
        />
        {editor.dirty && <ImpactPanel proposal={proposal} />}
        <CommitForm
          blocked={blocked}
          hasWarnings={(proposal?.issues ?? []).some((i) => i.severity === 'warning')}
          onSave={save}
          onReload={() => p.onReload()}
        />
        <HistoryPanel changes={p.changes} onRevert={revert} />
      </aside>
    </div>
  );
}
