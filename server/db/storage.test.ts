import { describe, it, expect } from 'vitest';
import { storageOptionsFromEnvironment } from './storage.ts';

describe('storage options from the environment', () => {
  it('choose PostgreSQL by DATABASE_URL and SQLite by DATA_DIR', () => {
    expect(storageOptionsFromEnvironment({ DATABASE_URL: 'postgres://bfmap@db/bfmap', DATA_DIR: '/srv/bfmap' }))
      .toEqual({ databaseUrl: 'postgres://bfmap@db/bfmap', dataDirectory: '/srv/bfmap' });
    expect(storageOptionsFromEnvironment({ DATA_DIR: '/srv/bfmap' })).toEqual({ dataDirectory: '/srv/bfmap' });
  });

  it('treat empty or blank variables as unset, so an empty DATABASE_URL does not mean PostgreSQL', () => {
    expect(storageOptionsFromEnvironment({ DATABASE_URL: '  ', DATA_DIR: '' })).toEqual({});
  });
});
