/**
 * The warm-up a server runs once listening: the first wall screen after a (re)start finds the
 * basemap built, its jurisdiction's camera and risk-point feeds kept and its forecast made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eachDriver } from '../test/databases.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { FORECAST_SCREEN_HORIZON_DAYS } from './domain/forecast/alerts.js';
import { fitsAsked } from './forecast/fit-thread.js';

const BASEMAP = [
  'style.json',
  'roads.geojson',
  'units.json',
  'boundaries/county.geojson',
  'boundaries/village.geojson',
  // The tile over all of the demo data, and one at zoom 10 over the city's seat.
  'vector/0/0/0.pbf',
  'vector/10/840/404.pbf',
];

eachDriver('the start-up warm-up', (driver) => {
  let api: TestApi;
  afterEach(() => api.stop());

  const cacheOf = async (path: string, token?: string) => {
    const res = await fetch(`${api.base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect(res.status, path).toBe(200);
    await res.arrayBuffer();
    return /cache;desc=(\w+)/.exec(res.headers.get('server-timing') ?? '')?.[1];
  };

  describe('without it', () => {
    it('the first requests build the basemap and the feeds', async () => {
      api = await startTestApi(driver);
      const token = await api.login('demo-wall');
      for (const path of BASEMAP) expect(await cacheOf(`/basemap/${path}`), path).toBe('miss');
      expect(await cacheOf('/feeds/cameras', token)).toBe('miss');
      expect(await cacheOf('/feeds/risk-points', token)).toBe('miss');
      expect(await cacheOf('/basemap/style.json')).toBe('hit');
    });
  });

  describe('after it', () => {
    it("the kiosk's first wall finds every basemap document and its camera and risk-point feeds kept", async () => {
      api = await startTestApi(driver);
      // The demo data has one kiosk account (demo-wall, the city).
      expect(await api.warmUp()).toMatchObject({ jurisdictions: 1, forecasts: 1 });
      const token = await api.login('demo-wall');
      for (const path of BASEMAP) expect(await cacheOf(`/basemap/${path}`), path).toBe('hit');
      expect(await cacheOf('/feeds/cameras', token)).toBe('hit');
      expect(await cacheOf('/feeds/risk-points', token)).toBe('hit');
      // The wall's forecast layer is answered without a fit.
      const fits = fitsAsked();
      const forecast = await api.gql<{ forecast: { gridCode: string }[] }>(
        'query ($u: ID!, $h: Int!) { forecast(unitCode: $u, horizonDays: $h) { gridCode } }',
        { u: '371700000000', h: FORECAST_SCREEN_HORIZON_DAYS },
        token,
      );
      expect(forecast.data?.forecast.length).toBeGreaterThan(0);
      expect(fitsAsked()).toBe(fits);
      // Another jurisdiction's feed was not built for nobody.
      expect(await cacheOf('/feeds/cameras', await api.login('demo-township'))).toBe('miss');
    });
  });
});
