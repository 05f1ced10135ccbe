/** The password rules in force, shown before a new password is typed. */
import { useTranslation } from 'react-i18next';
import { ruleLines } from './password-problems.js';
import type { PasswordRules } from './sign-in-steps.js';

export function PasswordRulesList({ rules }: { rules: PasswordRules | null }) {
  const { t } = useTranslation();
  if (!rules) return null;
  return (
    <div className="auth-rules" data-testid="password-rules">
      <span>{t('account.rules.title')}</span>
      <ul>
        {ruleLines(rules, t).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
