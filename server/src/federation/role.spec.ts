import { describe, expect, it } from 'vitest';
import { openEmbedded } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { checkServerRole } from './role.js';

describe('the server role on the embedded database', () => {
  it('starts a city, and refuses a province with a clear message', async () => {
    const embedded = await openEmbedded({});
    try {
      await migrate(embedded);
      expect(await checkServerRole(embedded, 'city')).toBeNull();
      await expect(checkServerRole(embedded, 'province')).rejects.toThrow(
        'ROLE=province needs a PostgreSQL server (set DATABASE_URL), not the embedded database',
      );
    } finally {
      await embedded.close();
    }
  });
});
