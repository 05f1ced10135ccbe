/** A demo account's bearer token from a running server (password `demo`, demo mode only). */
export async function demoToken(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { login(username: "${username}", password: "demo") { token } }` }),
  });
  return ((await res.json()) as { data: { login: { token: string } } }).data.login.token;
}
