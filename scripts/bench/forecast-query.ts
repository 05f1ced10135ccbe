/**
 * `npx tsx scripts/bench/forecast-query.ts --database-url URL [--unit CODE] [--runs 3]`
 * The wall's forecast query over HTTP against a server after its start-up warm-up: the time of
 * each answer, its size, and how many fits the fit thread was asked for (none while the
 * forecast made at start is served again).
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/src/app.js';
import { ensureDemoAccounts } from '../../server/src/auth/demo-accounts.js';
import { openDatabase } from '../../server/src/db/open.js';
import { FORECAST_SCREEN_HORIZON_DAYS } from '../../server/src/domain/forecast/alerts.js';
import { fitsAsked, stopFitThread } from '../../server/src/forecast/fit-thread.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    unit: { type: 'string', default: '371700000000' },
    runs: { type: 'string', default: '3' },
  },
});
const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
await ensureDemoAccounts(db);
const app = await createApp(db, { auth: { secret: new Uint8Array(32).fill(5), tokenTtlSeconds: 3600 } });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const warm = await app.warmUp();
console.log(
  `warm-up: feeds ${Math.round(warm.ms)} ms, ${warm.forecasts} screen forecast(s) ${Math.round(warm.forecastMs)} ms`,
);

const post = async (query: string, variables: object, token?: string) => {
  const started = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.text();
  return { ms: performance.now() - started, body };
};
const login = await post('mutation { login(username: "demo-wall", password: "demo") { token } }', {});
const token = (JSON.parse(login.body) as { data: { login: { token: string } } }).data.login.token;
const QUERY = `query ($u: ID!, $h: Int!) {
  forecast(unitCode: $u, horizonDays: $h) { gridCode expected lower80 upper80 lower95 upper95 }
  unitForecast(unitCode: $u, horizonDays: $h) { expected }
}`;
for (let run = 1; run <= Number(values.runs); run += 1) {
  const fits = fitsAsked();
  const r = await post(QUERY, { u: values.unit, h: FORECAST_SCREEN_HORIZON_DAYS }, token);
  console.log(
    `forecast query ${run}: ${Math.round(r.ms)} ms, ${(r.body.length / 1e6).toFixed(2)} MB, fits asked ${fitsAsked() - fits}`,
  );
}
await stopFitThread();
await app.stop();
await db.close();
