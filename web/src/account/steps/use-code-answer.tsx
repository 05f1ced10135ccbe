/**
 * What the two code steps (enrolment and the second factor) share: sending the typed code to
 * `continueSignIn`, clearing the field when the server refuses it, and the code input itself.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/errors.js';
import { postGraphQL } from '../../api/graphql.js';
import { CONTINUE_SIGN_IN } from '../queries.js';
import { normaliseCode, type AuthPayload } from '../sign-in-steps.js';
import { useSubmit } from '../use-account.js';

export function useCodeAnswer(
  challenge: string,
  onAnswer: (p: AuthPayload) => void,
  onRefused: (reason: unknown) => void,
) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      try {
        const { continueSignIn } = await postGraphQL<{ continueSignIn: AuthPayload }>(
          CONTINUE_SIGN_IN,
          { challenge, code: normaliseCode(code) },
          null,
        );
        onAnswer(continueSignIn);
      } catch (err) {
        setCode('');
        if (err instanceof ApiError) onRefused(err.details.reason);
        throw err;
      }
    });
  };
  return { code, setCode, busy, error, submit };
}

/** The one-time code field: six digits from the app, or a recovery code `XXXXX-XXXXX`. */
export function CodeInput({
  value,
  onChange,
  recovery = false,
  autoFocus = false,
}: {
  value: string;
  onChange: (code: string) => void;
  recovery?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <input
      name="code"
      className="code-input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="one-time-code"
      inputMode={recovery ? 'text' : 'numeric'}
      placeholder={recovery ? 'XXXXX-XXXXX' : '000000'}
      maxLength={recovery ? 16 : 7}
      autoFocus={autoFocus}
      required
    />
  );
}
