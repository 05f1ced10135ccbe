/**
 * The password policy (MLPS 2.0 level 3: complexity, expiry, no reuse), configurable by the
 * security administrator and enforced on every password set. Pure: what a new password breaks,
 * as rules a screen can say in its viewer's language, and an English sentence for the API.
 */

export interface PasswordPolicy {
  /** Fewest characters (code points, so a Chinese character counts once). */
  minLength: number;
  /** Fewest of the four kinds: lowercase, uppercase, digit, symbol. */
  minClasses: number;
  /** The password may not contain the username. */
  forbidUsername: boolean;
  /** The last N passwords may not be used again; 0 allows any. */
  historyCount: number;
  /** Days a password lives before it must be changed; 0: never expires. */
  maxAgeDays: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 10,
  minClasses: 3,
  forbidUsername: true,
  historyCount: 5,
  maxAgeDays: 90,
};

/** The bounds a policy itself must keep: no administrator may weaken it below level 3. */
export const POLICY_BOUNDS = {
  minLength: [8, 64],
  minClasses: [3, 4],
  historyCount: [0, 24],
  maxAgeDays: [0, 365],
} as const;

export type CharacterClass = 'lowercase' | 'uppercase' | 'digit' | 'symbol';

export type PasswordProblem =
  | { rule: 'length'; min: number; actual: number }
  | { rule: 'classes'; min: number; missing: CharacterClass[] }
  | { rule: 'username' }
  | { rule: 'reused'; count: number };

/** Symbol = anything that is not an ASCII letter or digit (punctuation, spaces, Chinese characters). */
const CLASSES: readonly { name: CharacterClass; test: RegExp }[] = [
  { name: 'lowercase', test: /[a-z]/ },
  { name: 'uppercase', test: /[A-Z]/ },
  { name: 'digit', test: /[0-9]/ },
  { name: 'symbol', test: /[^A-Za-z0-9]/ },
];

/** What a new password breaks of the policy, apart from reuse (which needs the stored hashes). */
export function passwordProblems(plain: string, username: string, policy: PasswordPolicy): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...plain].length;
  if (length < policy.minLength) problems.push({ rule: 'length', min: policy.minLength, actual: length });
  const missing = CLASSES.filter((kind) => !kind.test.test(plain)).map((kind) => kind.name);
  if (CLASSES.length - missing.length < policy.minClasses) {
    problems.push({ rule: 'classes', min: policy.minClasses, missing });
  }
  if (policy.forbidUsername && username.length >= 3 && plain.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ rule: 'username' });
  }
  return problems;
}

const CLASS_WORDS: Record<CharacterClass, string> = {
  lowercase: 'lowercase letter',
  uppercase: 'uppercase letter',
  digit: 'digit',
  symbol: 'symbol',
};

/** The problems as one English sentence ("password needs … and …"). */
export function describePasswordProblems(problems: readonly PasswordProblem[]): string {
  const parts = problems.map((p) => {
    switch (p.rule) {
      case 'length':
        return `at least ${p.min} characters (has ${p.actual})`;
      case 'classes':
        return `at least ${p.min} of lowercase letter, uppercase letter, digit, symbol (has no ${p.missing
          .map((c) => CLASS_WORDS[c])
          .join(', ')})`;
      case 'username':
        return 'not to contain the username';
      case 'reused':
        return `to differ from the last ${p.count} passwords`;
    }
  });
  return `password needs ${parts.join(' and ')}`;
}

/** Whether a password set at `changedAt` has expired under the policy at `now`. */
export function passwordExpired(changedAt: Date, now: Date, policy: PasswordPolicy): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}

/** A policy from stored or submitted JSON, checked against the bounds; a problem names the field. */
export function parsePasswordPolicy(
  value: unknown,
): { ok: true; value: PasswordPolicy } | { ok: false; error: { field: string; message: string } } {
  const input = { ...DEFAULT_PASSWORD_POLICY, ...(value && typeof value === 'object' ? value : {}) } as Record<
    string,
    unknown
  >;
  for (const [field, [min, max]] of Object.entries(POLICY_BOUNDS)) {
    const n = input[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      return { ok: false, error: { field, message: `must be a whole number from ${min} to ${max}` } };
    }
  }
  if (typeof input.forbidUsername !== 'boolean') {
    return { ok: false, error: { field: 'forbidUsername', message: 'must be true or false' } };
  }
  const { minLength, minClasses, forbidUsername, historyCount, maxAgeDays } = input as unknown as PasswordPolicy;
  return { ok: true, value: { minLength, minClasses, forbidUsername, historyCount, maxAgeDays } };
}
