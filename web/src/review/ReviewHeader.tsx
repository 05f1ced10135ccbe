/** The review's header: its title with the breadcrumb of units, the period pickers and the downloads. */
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import type { ReviewState } from '../stability/drill.js';
import { PERIOD_KINDS, periodLabel, type Period, type PeriodKind } from '../stability/periods.js';

export interface ReviewHeaderProps {
  kind: PeriodKind;
  /** The units from the account's own down to the one shown. */
  path: readonly string[];
  unit: string | null;
  unitName: string;
  names: ReadonlyMap<string, string>;
  a: Period;
  b: Period | null;
  choices: readonly Period[];
  go: (next: Partial<ReviewState>) => void;
  exports: { exportCsv: () => void; exportRanking: () => void; exportPng: () => void };
  hasIndex: boolean;
  hasRanking: boolean;
}

/** A labelled picker of periods by their start; `none` offers "—" (the empty value) first. */
function PeriodSelect(p: {
  label: string;
  testId: string;
  value: string;
  periods: readonly Period[];
  onChange: (start: string) => void;
  none?: boolean;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <label>
      {p.label}
      <select data-testid={p.testId} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        {p.none && <option value="">—</option>}
        {p.periods.map((c) => (
          <option key={c.start} value={c.start}>
            {periodLabel(c, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ReviewHeader(p: ReviewHeaderProps) {
  const { t } = useTranslation();
  const { go, path, names } = p;
  return (
    <header className="review-header">
      <div className="review-brand">
        <span className="emblem" aria-hidden="true" />
        <div>
          <h1>{t('review.title')}</h1>
          <nav className="breadcrumb" data-testid="breadcrumb" aria-label={t('review.unit')}>
            {path.map((code, i) => (
              <span key={code}>
                {i > 0 && <span className="sep">›</span>}
                {i === path.length - 1 ? (
                  <b data-code={code}>{names.get(code) ?? (code === p.unit ? p.unitName : code)}</b>
                ) : (
                  <button type="button" className="link" data-code={code} onClick={() => go({ unit: code })}>
                    {names.get(code) ?? code}
                  </button>
                )}
              </span>
            ))}
          </nav>
        </div>
      </div>
      <div className="review-controls">
        <div className="seg" role="group" aria-label={t('review.periodKind')}>
          {PERIOD_KINDS.map((k: PeriodKind) => (
            <button
              key={k}
              type="button"
              className={`chip${k === p.kind ? ' on' : ''}`}
              data-testid={`kind-${k}`}
              aria-pressed={k === p.kind}
              onClick={() => go({ kind: k, period: null, compare: null })}
            >
              {t(`index.periodKind.${k}`)}
            </button>
          ))}
        </div>
        <PeriodSelect
          label={t('review.period')}
          testId="period-a"
          value={p.a.start}
          periods={p.choices}
          onChange={(start) => go({ period: start })}
        />
        <PeriodSelect
          label={t('review.compareWith')}
          testId="period-b"
          value={p.b?.start ?? ''}
          periods={p.choices.filter((c) => c.start !== p.a.start)}
          onChange={(start) => go({ compare: start || null })}
          none
        />
        {(
          [
            ['export-png', 'review.exportPng', p.exports.exportPng, p.hasIndex],
            ['export-csv', 'review.exportCsv', p.exports.exportCsv, p.hasIndex],
            ['export-ranking', 'review.exportRanking', p.exports.exportRanking, p.hasRanking],
          ] as const
        ).map(([testId, label, onClick, enabled]) => (
          <button
            key={testId}
            type="button"
            className="chip"
            data-testid={testId}
            onClick={onClick}
            disabled={!enabled}
          >
            {t(label)}
          </button>
        ))}
        <LanguageSwitch />
      </div>
    </header>
  );
}
