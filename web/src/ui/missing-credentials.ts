/**
 * What an empty sign-in form lacks, said in the page's words (the browser's own "fill in this
 * field" bubble speaks the browser's language and shows one field at a time). Pure.
 */
export type MissingCredentials = 'both' | 'username' | 'password';

export function missingCredentials(username: string, password: string): MissingCredentials | null {
  const noUser = username.trim() === '';
  const noPassword = password === '';
  if (noUser && noPassword) return 'both';
  if (noUser) return 'username';
  return noPassword ? 'password' : null;
}
