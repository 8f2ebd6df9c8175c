import { describe, it } from 'vitest';
import { describeRepositoryContract } from './repository.contract.ts';
import { MISSING_POSTGRES_MESSAGE, POSTGRES_TEST_URL_VARIABLE, SKIP_POSTGRES_VARIABLE, ThrowawayPostgresDatabases } from './test-databases.ts';

const serverUrl = process.env[POSTGRES_TEST_URL_VARIABLE]?.trim();

if (process.env[SKIP_POSTGRES_VARIABLE] === '1') {
  describe.skip(`the postgresql repository (skipped: ${SKIP_POSTGRES_VARIABLE}=1)`, () => {
    it('runs the repository contract on PostgreSQL', () => undefined);
  });
} else if (!serverUrl) {
  describe('the postgresql repository', () => {
    it('needs a PostgreSQL server to run the repository contract on', () => {
      throw new Error(MISSING_POSTGRES_MESSAGE);
    });
  });
} else {
  const databases = new ThrowawayPostgresDatabases(serverUrl);
  describeRepositoryContract({
    name: 'postgresql',
    freshDatabase: async () => ({ databaseUrl: await databases.create() }),
    cleanUp: () => databases.dropAll(),
  });
}
