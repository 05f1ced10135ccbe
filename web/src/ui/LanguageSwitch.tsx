/**
 * The switch to the other language, named in that language and marked as such (`lang`), so
 * that a screen reader says it right and the language test reads it as the other language's.
 */
import { useTranslation } from 'react-i18next';

export function LanguageSwitch({ className = 'chip' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'zh' : 'en';
  return (
    <button
      type="button"
      className={className}
      data-testid="language"
      lang={other === 'en' ? 'en' : 'zh-CN'}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('app.switchLanguage')}
    </button>
  );
}
