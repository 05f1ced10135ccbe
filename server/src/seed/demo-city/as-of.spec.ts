/**
 * The data set is as of a moment: the end of its as-of day, or the instant it is generated at
 * when that is earlier (a server's first start generates today's city). Nothing it holds may
 * lie after that moment, or a camera's heartbeat sent at start would count as older than the
 * camera's last report and be skipped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CameraFeature, CaseFeature, RiskPointFeature } from '../../domain/dataset-format.js';
import { generateDataset } from './generate.js';

const AS_OF = '2026-06-30';
/** Generated in the morning of the as-of day. */
const NOW = new Date('2026-06-30T10:00:00+08:00');
let dir: string;

const readLayer = <T>(file: string): T[] =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-city-as-of-'));
  await generateDataset({ scale: 'tiny', seed: 7, asOf: AS_OF, now: NOW, outDir: dir });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every time the data says something happened at (deadlines lie ahead by design). */
function happenedTimes(): { what: string; at: string }[] {
  const times: { what: string; at: string }[] = [];
  for (const c of readLayer<CameraFeature>('cameras.ndjson')) {
    times.push({ what: `camera ${c.properties.id} last_seen`, at: c.properties.last_seen });
  }
  for (const r of readLayer<RiskPointFeature>('risk_points.ndjson')) {
    const at = r.properties.last_inspected_at;
    if (at) times.push({ what: `risk point ${r.properties.id} last_inspected_at`, at });
  }
  for (const c of readLayer<CaseFeature>('cases.ndjson')) {
    const p = c.properties;
    times.push({ what: `case ${p.code} reported_at`, at: p.reported_at });
    if (p.closed_at) times.push({ what: `case ${p.code} closed_at`, at: p.closed_at });
    for (const e of p.events) times.push({ what: `case ${p.code} event ${e.to_status}`, at: e.at });
  }
  return times;
}

it('holds no time after the moment it is generated at, when that is on its as-of day', () => {
  const times = happenedTimes();
  expect(times.length).toBeGreaterThan(2_500);
  const after = times.filter((t) => Date.parse(t.at) > NOW.getTime());
  expect(after.slice(0, 5)).toEqual([]);
});

it('still has the as-of day’s morning: cameras reporting minutes ago and cases reported today', () => {
  const times = happenedTimes();
  const sinceMidnight = (what: string) =>
    times.filter((t) => t.what.includes(what) && Date.parse(t.at) >= Date.parse('2026-06-30T00:00:00+08:00'));
  expect(sinceMidnight('last_seen').length).toBeGreaterThan(1_000);
  expect(sinceMidnight('reported_at').length).toBeGreaterThan(0);
  const newest = Math.max(...times.filter((t) => t.what.includes('last_seen')).map((t) => Date.parse(t.at)));
  expect(NOW.getTime() - newest).toBeGreaterThanOrEqual(0);
  expect(NOW.getTime() - newest).toBeLessThan(60_000);
});
