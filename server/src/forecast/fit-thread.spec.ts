import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { ForecastInputRows } from '../db/queries/forecast-inputs.js';
import { AppError } from '../errors.js';
import { forecastFromInputs, indexInputs } from './compute.js';
import { inFitThread, stopFitThread } from './fit-thread.js';

const UNIT = '371700000000';
const ORIGIN = 20_600;

/**
 * A square lattice of `side`² grids with queen neighbours and two years of sparse daily counts
 * at gamma-distributed rates: enough for a fit that takes the main thread a noticeable while.
 */
function lattice(side: number): ForecastInputRows {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  const rows: ForecastInputRows = { grids: [], neighbours: [], counts: [] };
  const code = (x: number, y: number) => `g${y * side + x}`;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      rows.grids.push({ code: code(x, y), areaSquareMeters: 1e6 });
      for (const [dx, dy] of [
        [1, 0],
        [0, 1],
        [1, 1],
        [1, -1],
      ] as const) {
        const [nx, ny] = [x + dx, y + dy];
        if (nx < side && ny >= 0 && ny < side)
          rows.neighbours.push([code(x, y), code(nx, ny)], [code(nx, ny), code(x, y)]);
      }
      const rate = -0.03 * Math.log(random() + 1e-9);
      for (let day = ORIGIN - 730; day < ORIGIN; day++)
        if (random() < rate) rows.counts.push({ gridCode: code(x, y), day, category: 'neighbour', count: 1 });
    }
  return rows;
}

const request = { unitCode: UNIT, asOf: new Date('2026-05-27T00:00:00+08:00'), horizonDays: 7, category: null };
const small = { task: 'forecast' as const, rows: lattice(8), origin: ORIGIN, request };

describe('the forecast fit thread', () => {
  afterAll(() => stopFitThread());

  it('answers other requests of the server while a fit of 3,600 grids runs, and gives what the main thread gives', async () => {
    await inFitThread(small); // the worker started and its modules loaded: what follows is the fit itself
    const server = createServer((_, res) => res.end('ok'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const rows = lattice(60);
      let fitDone = false;
      const fit = inFitThread({ task: 'forecast', rows, origin: ORIGIN, request }).finally(() => (fitDone = true));
      let answeredDuringFit = 0;
      while (!fitDone && answeredDuringFit < 3) {
        expect(await (await fetch(url)).text()).toBe('ok');
        if (!fitDone) answeredDuringFit++;
      }
      expect(answeredDuringFit).toBe(3);
      const inWorker = await fit;
      expect(inWorker).toEqual(forecastFromInputs(indexInputs(rows, ORIGIN), request));
      expect(inWorker.ok && inWorker.value.grids).toHaveLength(3600);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it("brings back the fit's refusal of a bad request as the same AppError, by field", async () => {
    const refused = inFitThread({ ...small, request: { ...request, horizonDays: 0 } });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      kind: 'bad_input',
      field: 'horizonDays',
      params: { field: 'horizonDays' },
      message: expect.stringMatching(/must be a whole number in 1\.\.91, got 0/),
    });
  });

  it("fails with an error naming the fit and the worker's own error when the fit throws, and runs the next fit", async () => {
    const broken = { grids: null } as unknown as ForecastInputRows;
    await expect(inFitThread({ ...small, rows: broken })).rejects.toThrow(
      /^the forecast of unit 371700000000 \(H = 7\) failed in the fit thread: TypeError: .*'map'/,
    );
    expect((await inFitThread(small)).ok).toBe(true);
  });

  it('fails the fits still waiting when the thread stops, and starts a fresh thread for the next', async () => {
    const waiting = inFitThread({ ...small, rows: lattice(40) });
    await stopFitThread();
    await expect(waiting).rejects.toThrow(
      /^the forecast's fit thread stopped \(exit code 1\) before finishing the forecast of unit 371700000000/,
    );
    expect((await inFitThread(small)).ok).toBe(true);
  });
});
