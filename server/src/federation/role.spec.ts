import { describe, expect, it } from 'vitest';
import { openEmbedded } from '../db/embedded.js';
import { checkServerRole } from './role.js';

describe('the server role on the embedded database', () => {
  it('refuses a province with a clear message', { timeout: 180_000 }, async () => {
    const embedded = await openEmbedded({});
    try {
      await expect(checkServerRole(embedded, 'province')).rejects.toThrow(
        'ROLE=province needs a PostgreSQL server (set DATABASE_URL), not the embedded database',
      );
    } finally {
      await embedded.close();
    }
  });
});
