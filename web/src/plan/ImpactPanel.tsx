/** What the proposed change would do beyond the boundaries, from the server's proposal. */
import { useTranslation } from 'react-i18next';
import type { Proposal } from './queries.js';

const codeList = (codes: string[], none: string) => (codes.length ? codes.join('、') : none);

export function ImpactPanel({ proposal }: { proposal: Proposal | null }) {
  const { t, i18n } = useTranslation();
  const impact = proposal?.impact;
  if (!proposal || !impact) return null;
  const none = t('plan.impact.none');
  const index = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  return (
    <section className="plan-section" data-testid="impact">
      <h3>{t('plan.impact.title')}</h3>
      <dl className="plan-facts">
        <dt>{t('plan.impact.kind')}</dt>
        <dd data-testid="impact-kind">{t(`plan.kind.${proposal.kind}`)}</dd>
        <dt>{t('plan.impact.cases')}</dt>
        <dd>{impact.casesMoved}</dd>
        <dt>{t('plan.impact.cameras')}</dt>
        <dd>{impact.camerasMoved}</dd>
        <dt>{t('plan.impact.riskPoints')}</dt>
        <dd>{impact.riskPointsMoved}</dd>
        <dt>{t('plan.impact.households')}</dt>
        <dd>{impact.householdsMoved}</dd>
        <dt>{t('plan.impact.newCodes')}</dt>
        <dd data-testid="impact-new">{codeList(impact.newCodes, none)}</dd>
        <dt>{t('plan.impact.retiredCodes')}</dt>
        <dd>{codeList(impact.retiredCodes, none)}</dd>
        <dt>{t('plan.impact.reshapedCodes')}</dt>
        <dd data-testid="impact-reshaped">{codeList(impact.reshapedCodes, none)}</dd>
      </dl>
      <h4>{t('plan.impact.index')}</h4>
      {impact.index ? (
        <table className="plan-table compact">
          <thead>
            <tr>
              <th>{t('plan.table.code')}</th>
              <th>{t('plan.impact.before')}</th>
              <th>{t('plan.impact.after')}</th>
            </tr>
          </thead>
          <tbody>
            {impact.index.map((r) => (
              <tr key={r.gridCode}>
                <td>{r.gridCode}</td>
                <td>{index(r.before)}</td>
                <td>{index(r.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {/* The server's note is English; the Chinese screen says the same in its own words. */}
      <p className="note" data-testid="impact-index-note">
        {i18n.language === 'en' ? (impact.indexNote ?? none) : impact.index ? t('plan.impact.indexNote') : none}
      </p>
      {impact.moves.length > 0 && (
        <details>
          <summary>
            {t('plan.impact.moves')} ({impact.moves.length})
          </summary>
          <ul className="moves">
            {impact.moves.map((m) => (
              <li key={`${m.kind}:${m.id}`}>
                {t(`plan.impact.item.${m.kind}`)} {m.id}: {m.fromGridCode} → {m.toGridCode}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
