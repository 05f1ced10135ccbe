/** The verdicts: the browser mirror's on every step, the server's after the last; each issue can be shown on the map. */
import { useTranslation } from 'react-i18next';
import type { GridIssue } from '../../../server/src/domain/grid-planning/rules.js';
import { errorText, issueText } from '../api/error-text.js';
import type { Proposal } from './queries.js';
import type { Position } from '../geometry/positions.js';
import type { MirrorVerdict } from './use-plan-editor.js';

export interface ChecksPanelProps {
  mirror: MirrorVerdict;
  proposal: Proposal | null;
  proposalError: unknown;
  gridName: (index: number | null) => string;
  onLocate: (at: Position) => void;
}

function IssueRow({
  issue,
  gridName,
  onLocate,
}: { issue: GridIssue } & Pick<ChecksPanelProps, 'gridName' | 'onLocate'>) {
  const { t } = useTranslation();
  const where = [issue.gridIndex, issue.otherGridIndex]
    .filter((i): i is number => i !== null)
    .map(gridName)
    .join(' / ');
  return (
    <li className={`issue ${issue.severity}`} data-testid={`issue-${issue.code}`}>
      <span className="tag">{t(`plan.check.${issue.severity}`)}</span>
      <span className="what">
        {issueText(issue, t)}
        {where && <small>{where}</small>}
      </span>
      {issue.location && (
        <button type="button" className="chip" onClick={() => onLocate(issue.location as Position)}>
          {t('plan.check.locate')}
        </button>
      )}
    </li>
  );
}

export function ChecksPanel(p: ChecksPanelProps) {
  const { t } = useTranslation();
  const ms = p.mirror.ms.toFixed(1);
  const errors = p.proposal?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (p.proposal?.issues.length ?? 0) - errors;
  return (
    <section className="plan-section" data-testid="checks">
      <h3>{t('plan.check.title')}</h3>
      <p data-testid="mirror-status" data-count={p.mirror.issues.length} data-ms={ms}>
        {p.mirror.issues.length === 0
          ? t('plan.check.mirrorOk', { ms })
          : t('plan.check.mirrorIssues', { count: p.mirror.issues.length, ms })}
      </p>
      <ul className="issues">
        {p.mirror.issues.map((issue, i) => (
          <IssueRow key={`m${i}`} issue={issue} gridName={p.gridName} onLocate={p.onLocate} />
        ))}
      </ul>
      <p
        data-testid="server-status"
        data-state={
          p.proposalError !== null ? 'failed' : !p.proposal ? 'pending' : p.proposal.valid ? 'valid' : 'invalid'
        }
      >
        {p.proposalError !== null
          ? t('plan.check.serverFailed', { reason: errorText(p.proposalError, t) })
          : !p.proposal
            ? t('plan.check.serverPending')
            : p.proposal.issues.length === 0
              ? t('plan.check.serverOk')
              : t('plan.check.serverIssues', { errors, warnings })}
      </p>
      <ul className="issues">
        {p.proposal?.issues.map((issue, i) => (
          <IssueRow key={`s${i}`} issue={issue} gridName={p.gridName} onLocate={p.onLocate} />
        ))}
      </ul>
    </section>
  );
}
