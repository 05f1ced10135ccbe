/**
 * What an import of the chosen layer reads, from the server's one list (GET /imports/columns):
 * each column, whether the file must give it, what it holds, what stands in when it is missing
 * and the header names recognised, with a CSV template to start from.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { templateCsv, type ImportColumn, type Layer, type LayerColumns } from './import-api.js';

function ruleText(c: ImportColumn, t: TFunction): string {
  const r = c.rule;
  if (r.type === 'integer') return t('imports.messages.rules.integer', { min: r.min, max: r.max });
  if (r.type === 'code') return t(`imports.messages.rules.code.${r.form}`);
  if (r.type === 'vocabulary') {
    const labels = Object.entries(c.labels ?? {})
      .filter(([, value]) => r.values.includes(value))
      .map(([label]) => label);
    return [r.values.join(', '), ...(labels.length > 0 ? [labels.join('、')] : [])].join(' · ');
  }
  return t(`imports.messages.rules.${r.type}`);
}

/** The default a column takes; in Chinese by the value's Chinese label where it has one. */
function defaultText(c: ImportColumn, t: TFunction, chinese: boolean): string {
  const d = c.default;
  if (!d) return '';
  if (d.value !== undefined) {
    const label = Object.entries(c.labels ?? {}).find(([l, v]) => v === d.value && /\p{Script=Han}/u.test(l))?.[0];
    return t('imports.messages.defaults.value', { value: chinese && label ? label : d.value });
  }
  return t(`imports.messages.defaults.${d.rule}`, { unit: d.unit ?? '' });
}

export function ImportColumns({ layer, layers }: { layer: Layer; layers: LayerColumns[] | null }) {
  const { t, i18n } = useTranslation();
  const described = layers?.find((l) => l.layer === layer);
  if (!described) return <p className="muted small">{t('imports.messages.columns.loading')}</p>;
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(described.columns))}`;
  return (
    <section className="import-columns" data-testid="import-columns" data-layer={layer}>
      <p className="muted small">{t('imports.messages.columns.hint')}</p>
      <div className="import-table-wrap">
        <table className="review-table import-table">
          <thead>
            <tr>
              <th>{t('imports.messages.columns.column')}</th>
              <th>{t('imports.messages.columns.presence')}</th>
              <th>{t('imports.messages.columns.values')}</th>
              <th>{t('imports.messages.columns.headers')}</th>
            </tr>
          </thead>
          <tbody>
            {described.columns.map((c) => (
              <tr key={c.name} data-column={c.name} data-required={c.required}>
                <td>
                  {t(`imports.fields.${c.name}`, { defaultValue: c.name })} <code translate="no">{c.name}</code>
                </td>
                <td className={c.required ? 'required' : 'muted'}>
                  {t(c.required ? 'imports.messages.columns.required' : 'imports.messages.columns.optional')}
                  {c.default && <div className="small">{defaultText(c, t, i18n.language !== 'en')}</div>}
                </td>
                {/* Values and header names are what files hold, in either language: not translated. */}
                <td className="reason" translate={c.rule.type === 'vocabulary' ? 'no' : undefined}>
                  {ruleText(c, t)}
                </td>
                <td className="reason" translate="no">
                  {c.headers.join('、')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <a className="chip" data-testid="import-template" href={template} download={`${layer}-template.csv`}>
        {t('imports.messages.columns.template', { layer: t(`imports.layers.${layer}`) })}
      </a>
    </section>
  );
}
