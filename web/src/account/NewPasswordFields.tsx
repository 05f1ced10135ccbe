/** The policy's rules, a new password and its repeat: the forced change at sign-in and the account page's change. */
import { useTranslation } from 'react-i18next';
import { Field } from './AuthScreen.js';
import { PasswordRulesList } from './PasswordRulesList.js';
import type { PasswordRules } from './sign-in-steps.js';

export function NewPasswordFields({
  rules,
  password,
  repeat,
  onPassword,
  onRepeat,
  autoFocus = false,
}: {
  rules: PasswordRules | null;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordRulesList rules={rules} />
      <Field label={t('account.newPassword.label')}>
        <input
          name="new-password"
          type="password"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          autoComplete="new-password"
          autoFocus={autoFocus}
          required
        />
      </Field>
      <Field label={t('account.newPassword.repeat')}>
        <input
          name="repeat-password"
          type="password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
          autoComplete="new-password"
          required
        />
      </Field>
    </>
  );
}
