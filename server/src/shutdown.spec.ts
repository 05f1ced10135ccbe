import { expect, it } from 'vitest';
import { createShutdown } from './shutdown.js';

function recorder(deadlineMs = 1_000) {
  const lines: string[] = [];
  const codes: number[] = [];
  const shutdown = createShutdown({ deadlineMs, log: (m) => lines.push(m), exit: (c) => codes.push(c) });
  return { shutdown, lines, codes };
}

it('stops what started last first, one step after the other, and exits with code 0', async () => {
  const { shutdown, lines, codes } = recorder();
  const order: string[] = [];
  shutdown.add('closing the database', () => order.push('database'));
  shutdown.add('closing the connections', async () => {
    await new Promise((r) => setTimeout(r, 20));
    order.push('connections');
  });
  shutdown.add('stopping the scheduler', () => order.push('scheduler'));

  await shutdown.run('SIGTERM');

  expect(order).toEqual(['scheduler', 'connections', 'database']);
  expect(lines).toEqual(['SIGTERM: shutting down']);
  expect(codes).toEqual([0]);
});

it('goes on with the later steps when one fails, says which, and exits with code 1', async () => {
  const { shutdown, lines, codes } = recorder();
  let closed = false;
  shutdown.add('closing the database', () => (closed = true));
  shutdown.add('closing the connections', () => Promise.reject(new Error('socket in a bad state')));

  await shutdown.run('SIGINT');

  expect(closed).toBe(true);
  expect(lines).toContain('shutdown: closing the connections failed: socket in a bad state');
  expect(codes).toEqual([1]);
});

it('exits with code 1 at the deadline, naming the step that never finished', async () => {
  const { shutdown, lines, codes } = recorder(50);
  shutdown.add('closing the database', () => new Promise(() => undefined));

  void shutdown.run('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));

  expect(codes).toEqual([1]);
  expect(lines).toContain('shutdown: closing the database did not finish within 50 ms; exiting without waiting for it');
});

it('runs its steps once when told twice', async () => {
  const { shutdown, lines, codes } = recorder();
  let runs = 0;
  shutdown.add('closing the database', () => runs++);
  expect(shutdown.started).toBe(false);

  await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);

  expect(shutdown.started).toBe(true);
  expect(runs).toBe(1);
  expect(lines).toEqual(['SIGTERM: shutting down', 'SIGINT: already shutting down']);
  expect(codes).toEqual([0]);
});
