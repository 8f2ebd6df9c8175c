import { describe, it } from 'vitest';
import { MISSING_POSTGRES_MESSAGE, POSTGRES_TEST_URL_VARIABLE, SKIP_POSTGRES_VARIABLE, ThrowawayPostgresDatabases } from '../db/test-databases.ts';
import { describePhotosApi } from './photos-api.contract.ts';

const serverUrl = process.env[POSTGRES_TEST_URL_VARIABLE]?.trim();

if (process.env[SKIP_POSTGRES_VARIABLE] === '1') {
  describe.skip(`report photos on postgresql (skipped: ${SKIP_POSTGRES_VARIABLE}=1)`, () => {
    it('runs the report photos suite on PostgreSQL', () => undefined);
  });
} else if (!serverUrl) {
  describe('report photos on postgresql', () => {
    it('needs a PostgreSQL server to run the report photos suite on', () => {
      throw new Error(MISSING_POSTGRES_MESSAGE);
    });
  });
} else {
  const databases = new ThrowawayPostgresDatabases(serverUrl);
  describePhotosApi({
    name: 'postgresql',
    freshDatabase: async () => ({ databaseUrl: await databases.create() }),
    cleanUp: () => databases.dropAll(),
  });
}
