import { describe, expect, it } from 'vitest';
import { DisplayZone, zoneFromHealth } from './display-zone.js';
import { dayKey, DEFAULT_TIME_ZONE, startOfDay } from './zone.js';

// 23:30 on 1 March in Berlin is already 2 March in Shanghai: a screen that cut days by a
// hard-coded zone would put this instant on the wrong day.
const lateInBerlin = new Date('2026-03-01T22:30:00Z');

describe("the screens' display zone", () => {
  it("cuts days by the zone the server's health answer names", async () => {
    const zone = new DisplayZone(async () => ({ ok: true, timeZone: 'Europe/Berlin' }));
    await zone.ask();
    expect(zone.get()).toBe('Europe/Berlin');
    expect(dayKey(lateInBerlin, zone.get())).toBe('2026-03-01');
    expect(startOfDay('2026-03-02', zone.get()).toISOString()).toBe('2026-03-01T23:00:00.000Z');
  });

  it('uses the default zone until the server answers, and when it cannot be reached', async () => {
    const zone = new DisplayZone(() => Promise.reject(new Error('offline')));
    expect(zone.get()).toBe(DEFAULT_TIME_ZONE);
    await zone.ask();
    expect(zone.get()).toBe(DEFAULT_TIME_ZONE);
    expect(dayKey(lateInBerlin, zone.get())).toBe('2026-03-02');
  });

  it('tells subscribed screens when the zone changes', async () => {
    const zone = new DisplayZone(async () => ({ timeZone: 'UTC' }));
    let told = 0;
    const unsubscribe = zone.subscribe(() => told++);
    await zone.ask();
    unsubscribe();
    expect([zone.get(), told]).toEqual(['UTC', 1]);
  });

  it('ignores a health answer without a zone or with one the browser does not know', () => {
    expect(zoneFromHealth({ ok: true })).toBe(DEFAULT_TIME_ZONE);
    expect(zoneFromHealth({ timeZone: 'Mars/Olympus_Mons' })).toBe(DEFAULT_TIME_ZONE);
    expect(zoneFromHealth({ timeZone: 42 })).toBe(DEFAULT_TIME_ZONE);
    expect(zoneFromHealth(null)).toBe(DEFAULT_TIME_ZONE);
    expect(zoneFromHealth({ timeZone: 'Asia/Urumqi' })).toBe('Asia/Urumqi');
  });
});

describe('the source of the web app', () => {
  it('names a time zone in one place only', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..');
    const zoneName = /['"`](Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z_]+['"`]/;
    const naming = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.spec.ts') && f !== join('time', 'zone.ts'))
      .filter((f) => zoneName.test(readFileSync(join(root, f), 'utf8')));
    expect(naming).toEqual([]);
  });
});
