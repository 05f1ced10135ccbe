import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/api.js';
import { eachDriver } from '../../test/databases.js';

/** Enough rows for a dozen chunks of the export query, each one more than gzip buffers at once. */
const EXTRA_CAMERAS = 60_000;

eachDriver('a large export through gzip', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-admin');
    await api.db.query(
      `INSERT INTO cameras (id, name, kind, status, last_seen, heading, fov, owner_unit, grid_code, geom)
       SELECT '37170200011325' || (300000 + n)::text, '压力测试摄像机' || n, c.kind, c.status, c.last_seen,
              c.heading, c.fov, c.owner_unit, c.grid_code, c.geom
       FROM generate_series(1, $1::int) n, (SELECT * FROM cameras ORDER BY id LIMIT 1) c`,
      [EXTRA_CAMERAS],
    );
  }, 300_000);
  afterAll(() => api.stop());

  /** The raw (still compressed) body and its headers. */
  const download = (path: string) =>
    new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      httpGet(
        `${api.base}${path}`,
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(parts) }));
          res.on('error', reject);
        },
      ).on('error', reject);
    });

  it('streams every row, gzipped, without piling up drain listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const { encoding, body } = await download('/exports/cameras.csv');
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(encoding).toBe('gzip');
      const lines = gunzipSync(body).toString('utf8').split('\r\n');
      const { rows } = await api.db.query<{ n: number; last: string }>(
        'SELECT count(*)::int AS n, max(id) AS last FROM cameras',
      );
      expect(rows[0]!.n).toBeGreaterThan(EXTRA_CAMERAS);
      expect(lines).toHaveLength(rows[0]!.n + 2); // header, rows, and the empty rest after the last CRLF
      expect(lines.at(-2)!.startsWith(`${rows[0]!.last},`)).toBe(true);
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
