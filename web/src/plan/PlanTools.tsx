/** The planner's tool bar over the map: the editing modes, merge, undo and redo, a hint, the last failure. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors.js';
import { errorText } from '../api/error-text.js';
import { NO_GRID } from './use-plan-editor.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;
export type PlanMode = 'select' | 'split' | 'redraw';

/** A failed editing step in the viewer's words: the editor's own codes, else the server's refusal. */
export function actionErrorText(error: unknown, t: Translate): string {
  const code = error instanceof Error && !(error instanceof ApiError) ? error.message : null;
  if (code === NO_GRID) return t('plan.tools.noGrid');
  if (code?.startsWith('REDRAW_')) return t(`plan.tools.redrawErrors.${code}`);
  return errorText(error, t);
}

function Tool(p: { id: string; on?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`chip ${p.on ? 'on' : ''}`}
      disabled={p.disabled}
      onClick={p.onClick}
      data-testid={`tool-${p.id}`}
    >
      {p.children}
    </button>
  );
}

export function PlanTools(p: {
  mode: PlanMode;
  busy: boolean;
  canRedraw: boolean;
  canMerge: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** The grid being redrawn, for the hint. */
  redrawName: string;
  actionError: unknown;
  onMode: (mode: PlanMode) => void;
  onRedraw: () => void;
  onMerge: () => void;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const { t } = useTranslation();
  const hint = p.busy
    ? t('plan.tools.working')
    : p.mode === 'split'
      ? t('plan.tools.splitHint')
      : p.mode === 'redraw'
        ? t('plan.tools.redrawHint', { name: p.redrawName })
        : t('plan.tools.selectHint');
  return (
    <div className="plan-tools map-card" data-testid="plan-tools">
      <Tool id="select" on={p.mode === 'select'} onClick={() => p.onMode('select')}>
        {t('plan.tools.select')}
      </Tool>
      <Tool id="split" on={p.mode === 'split'} onClick={() => p.onMode(p.mode === 'split' ? 'select' : 'split')}>
        {t('plan.tools.split')}
      </Tool>
      <Tool
        id="redraw"
        on={p.mode === 'redraw'}
        disabled={p.mode !== 'redraw' && (!p.canRedraw || p.busy)}
        onClick={p.onRedraw}
      >
        {t('plan.tools.redraw')}
      </Tool>
      <Tool id="merge" disabled={!p.canMerge || p.busy} onClick={p.onMerge}>
        {t('plan.tools.merge')}
      </Tool>
      <Tool id="undo" disabled={!p.canUndo} onClick={p.onUndo}>
        {t('plan.tools.undo')}
      </Tool>
      <Tool id="redo" disabled={!p.canRedo} onClick={p.onRedo}>
        {t('plan.tools.redo')}
      </Tool>
      <span className="hint">{hint}</span>
      {p.actionError !== null && (
        <span className="error" data-testid="action-error">
          {actionErrorText(p.actionError, t)}
        </span>
      )}
    </div>
  );
}
