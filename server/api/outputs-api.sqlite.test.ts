import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOutputsApi } from './outputs-api.contract.ts';

const folders: string[] = [];

describeOutputsApi({
  name: 'sqlite',
  freshDatabase: async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bfmap-outputs-sqlite-'));
    folders.push(folder);
    return { dataDirectory: folder };
  },
  cleanUp: async () => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  },
});
