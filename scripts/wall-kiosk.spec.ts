/** The wall's kiosk launcher: which Chromium flags it chooses, and its answers to bad arguments. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'wall-kiosk.sh');

function run(...args: string[]) {
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: '/usr/bin/chromium-test', WALL_URL: '', WALL_RENDERER: '' },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

it('composites in software and draws WebGL with SwiftShader when told there is no GPU', () => {
  const { status, out } = run('--print', '--renderer', 'software', '--url', 'http://wall:3000/wall?kiosk=w');
  expect(status).toBe(0);
  expect(out).toMatch(/^\/usr\/bin\/chromium-test --kiosk /);
  expect(out).toContain('--disable-gpu-compositing');
  expect(out).toContain('--use-angle=swiftshader');
  expect(out.trim().endsWith('http://wall:3000/wall\\?kiosk=w')).toBe(true);
});

it('leaves the GPU path alone on a machine with a GPU', () => {
  const { status, out } = run('--print', '--renderer', 'gpu');
  expect(status).toBe(0);
  expect(out).not.toContain('--disable-gpu-compositing');
  expect(out).not.toContain('swiftshader');
  expect(out).toContain('--disable-background-timer-throttling');
  expect(out.trim().endsWith('http://127.0.0.1:3000/wall\\?kiosk=demo-wall')).toBe(true);
});

it('says what was wrong with a bad argument, and starts nothing', () => {
  expect(run('--print', '--renderer', 'fast')).toMatchObject({
    status: 2,
    err: expect.stringContaining("--renderer must be auto, gpu or software, not 'fast'"),
    out: '',
  });
  expect(run('--fullscreen')).toMatchObject({
    status: 2,
    err: expect.stringContaining("unknown argument '--fullscreen'"),
  });
});
