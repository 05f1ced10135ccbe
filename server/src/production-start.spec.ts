/**
 * Going live as a center's IT department does: `NODE_ENV=production npm start` on an empty
 * database loads no demo city and creates no account, serves nothing but /healthz and the setup
 * page, and opens only once `npm run admin -- create` has made the first system administrator.
 */
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { eachDriver } from '../test/databases.js';
import { makeServerData, startServerProcess, type ServerData, type ServerProcess } from '../test/server-process.js';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' };

/** `npm run admin -- …` on the same data, with the password on standard input. */
function admin(data: ServerData, args: string[], input = '') {
  return command(data, 'scripts/admin.ts', args, input);
}

/** One of the operator's commands (scripts/*.ts) on the same data, as in production. */
function command(
  data: ServerData,
  script: string,
  args: string[],
  input = '',
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: process.cwd(),
      env: { ...data.env, ...PRODUCTION },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function graphql(base: string, query: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function stop(server: ServerProcess) {
  server.child.kill('SIGTERM');
  expect(await server.exitWithin(10_000)).toMatchObject({ code: 0 });
}

eachDriver('a production start on an empty database', (driver) => {
  let data: ServerData;
  afterAll(() => data?.remove());

  it('serves only /healthz and the setup page until a system administrator exists, and no demo data ever', async () => {
    data = await makeServerData(driver, { empty: true });
    let server = await startServerProcess(driver, { data, env: PRODUCTION });
    try {
      expect(server.output()).not.toMatch(/demo accounts created/);
      // Healthy only once a city is loaded: a load balancer sends nobody to an empty center.
      const health = await fetch(`${server.base}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ migrationsApplied: true, data: { loaded: false } });

      const page = await fetch(`${server.base}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/npm run admin -- create/);
      const login = await graphql(server.base, 'mutation { login(username: "demo-city", password: "demo") { step } }');
      expect(login.status).toBe(503);
      expect(login.body).toMatchObject({ error: { code: 'SETUP_REQUIRED' } });
      const feed = await fetch(`${server.base}/feeds/cases`);
      expect(feed.status).toBe(503);
    } finally {
      await stop(server);
    }

    // One process per embedded data directory: the commands run while the server is stopped.
    const args = [
      'create',
      '--username',
      'it-sysadmin',
      '--role',
      'sysadmin',
      '--jurisdiction',
      '371700000000',
      '--password-stdin',
    ];
    const beforeMap = await admin(data, args, 'Heze-Center-2026!\n');
    expect(beforeMap.code).toBe(1);
    expect(beforeMap.output).toMatch(/load the city's map first/);
    // The center's map: here the tiny synthetic city stands in for the data set it is given.
    expect((await command(data, 'scripts/seed.ts', ['--scale', 'tiny'])).code).toBe(0);

    const weak = await admin(data, args, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/refused: password/);
    const created = await admin(data, args, 'Heze-Center-2026!\n');
    expect(created.output).toMatch(/it-sysadmin/);
    expect(created.code).toBe(0);

    server = await startServerProcess(driver, { data, env: PRODUCTION });
    try {
      const demo = await graphql(server.base, 'mutation { login(username: "demo-city", password: "demo") { step } }');
      expect(demo.status).toBe(401);
      expect(demo.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const first = await graphql(
        server.base,
        'mutation { login(username: "it-sysadmin", password: "Heze-Center-2026!") { step token challenge } }',
      );
      expect(first.body.errors).toBeUndefined();
      // An administrator always signs in with a second factor, enrolled on first sign-in.
      expect(first.body.data.login).toMatchObject({ step: 'enrol_second_factor', token: null });
      expect(first.body.data.login.challenge).toEqual(expect.any(String));
    } finally {
      await stop(server);
    }
    const listed = await admin(data, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(/it-sysadmin/);
    expect(listed.output).not.toMatch(/demo-/);
  }, 240_000);
});
