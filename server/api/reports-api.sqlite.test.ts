import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReportsApi } from './reports-api.contract.ts';

const folders: string[] = [];

describeReportsApi({
  name: 'sqlite',
  freshDatabase: async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bfmap-api-sqlite-'));
    folders.push(folder);
    return { dataDirectory: folder };
  },
  cleanUp: async () => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  },
});
