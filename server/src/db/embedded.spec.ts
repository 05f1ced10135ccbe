import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openEmbedded } from './embedded.js';

it('closes only once the transaction under way has committed, and refuses new work meanwhile', async () => {
  const root = await mkdtemp(join(tmpdir(), 'zz-embedded-'));
  const dataDir = join(root, 'pg');
  try {
    const db = await openEmbedded({ dataDir });
    await db.exec('CREATE TABLE notes (text text)');
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const writing = db.transaction(async (tx) => {
      await tx.query("INSERT INTO notes VALUES ('first')");
      await held;
      await tx.query("INSERT INTO notes VALUES ('second')");
    });
    await new Promise((resolve) => setTimeout(resolve, 20));

    let closed = false;
    const closing = db.close().then(() => (closed = true));
    await expect(db.query('SELECT 1')).rejects.toThrow('the embedded database is closing');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);

    finish();
    await writing;
    await closing;
    expect(closed).toBe(true);

    const again = await openEmbedded({ dataDir });
    try {
      expect((await again.query('SELECT text FROM notes ORDER BY text')).rows).toEqual([
        { text: 'first' },
        { text: 'second' },
      ]);
    } finally {
      await again.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
