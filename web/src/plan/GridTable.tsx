/** The side table: each grid of the working copy with its figures and a pick box for merging. */
import { useTranslation } from 'react-i18next';
import type { MirrorVerdict } from './use-plan-editor.js';
import type { PlanState } from './edit-state.js';
import type { PlanBaseGrid, Proposal } from './queries.js';

export interface GridTableProps {
  state: PlanState;
  base: readonly PlanBaseGrid[];
  mirror: MirrorVerdict;
  proposal: Proposal | null;
  picked: readonly string[];
  selected: string | null;
  onPick: (key: string) => void;
  onSelect: (key: string) => void;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Open cases and cameras of a grid after the proposed change: its current counts, less what
 * moves out, plus what moves in (the server's impact); the current counts until the server has judged.
 */
function countsAfter(current: PlanBaseGrid | undefined, code: string | null, proposal: Proposal | null) {
  const base = current?.grid.counts ?? { openCases: 0, cameras: 0 };
  if (!proposal?.impact) return current ? base : null;
  const net = (kind: 'case' | 'camera') =>
    proposal.impact!.moves.reduce(
      (n, m) => n + (m.kind !== kind ? 0 : (m.toGridCode === code ? 1 : 0) - (m.fromGridCode === code ? 1 : 0)),
      0,
    );
  return { openCases: base.openCases + net('case'), cameras: base.cameras + net('camera') };
}

export function GridTable(p: GridTableProps) {
  const { t } = useTranslation();
  const byCode = new Map(p.base.map((g) => [g.grid.code, g]));
  return (
    <table className="plan-table" data-testid="grid-table">
      <thead>
        <tr>
          <th>{t('plan.table.pick')}</th>
          <th>{t('plan.table.name')}</th>
          <th>{t('plan.table.households')}</th>
          <th>{t('plan.table.population')}</th>
          <th>{t('plan.table.openCases')}</th>
          <th>{t('plan.table.cameras')}</th>
          <th>{t('plan.table.area')}</th>
          <th>{t('plan.table.compactness')}</th>
        </tr>
      </thead>
      <tbody>
        {p.state.grids.map((g, i) => {
          const current = g.code ? byCode.get(g.code) : undefined;
          const judged = p.proposal?.grids[i];
          const measured = p.mirror.grids[i];
          const households = judged?.households ?? g.households;
          const population = judged?.population ?? current?.grid.population;
          const counts = countsAfter(current, judged?.code ?? g.code, p.proposal);
          return (
            <tr
              key={g.key}
              className={p.selected === g.key ? 'selected' : undefined}
              data-testid={`grid-row-${g.code ?? 'new'}`}
              onClick={() => p.onSelect(g.key)}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={t('plan.table.pick')}
                  checked={p.picked.includes(g.key)}
                  onClick={(e) => e.stopPropagation()}
                  onChange={() => p.onPick(g.key)}
                  data-testid={`pick-${g.code ?? g.key}`}
                />
              </td>
              <td>
                <div>{g.name ?? judged?.name ?? t('plan.table.newGrid')}</div>
                <div className="code">{judged?.code ?? g.code ?? '—'}</div>
              </td>
              <td>
                {fmt(households)}
                {judged?.estimated && (judged.isNew || p.proposal?.impact?.reshapedCodes.includes(judged.code)) && (
                  <span className="estimated">{t('plan.table.estimated')}</span>
                )}
              </td>
              <td>{population === undefined ? '—' : fmt(population)}</td>
              <td>{counts ? counts.openCases : '—'}</td>
              <td>{counts ? counts.cameras : '—'}</td>
              <td>{measured ? fmt(measured.areaSquareMeters / 10_000, 1) : '—'}</td>
              <td>{measured ? fmt(measured.compactness, 2) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
