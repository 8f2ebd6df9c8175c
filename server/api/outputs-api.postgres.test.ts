import { describe, it } from 'vitest';
import { MISSING_POSTGRES_MESSAGE, POSTGRES_TEST_URL_VARIABLE, SKIP_POSTGRES_VARIABLE, ThrowawayPostgresDatabases } from '../db/test-databases.ts';
import { describeOutputsApi } from './outputs-api.contract.ts';

const serverUrl = process.env[POSTGRES_TEST_URL_VARIABLE]?.trim();

if (process.env[SKIP_POSTGRES_VARIABLE] === '1') {
  describe.skip(`exports and facility statuses on postgresql (skipped: ${SKIP_POSTGRES_VARIABLE}=1)`, () => {
    it('runs the exports and facility statuses suite on PostgreSQL', () => undefined);
  });
} else if (!serverUrl) {
  describe('exports and facility statuses on postgresql', () => {
    it('needs a PostgreSQL server to run the exports and facility statuses suite on', () => {
      throw new Error(MISSING_POSTGRES_MESSAGE);
    });
  });
} else {
  const databases = new ThrowawayPostgresDatabases(serverUrl);
  describeOutputsApi({
    name: 'postgresql',
    freshDatabase: async () => ({ databaseUrl: await databases.create() }),
    cleanUp: () => databases.dropAll(),
  });
}
