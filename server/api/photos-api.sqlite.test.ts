import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePhotosApi } from './photos-api.contract.ts';

const folders: string[] = [];

describePhotosApi({
  name: 'sqlite',
  freshDatabase: async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bfmap-photos-sqlite-'));
    folders.push(folder);
    return { dataDirectory: folder };
  },
  cleanUp: async () => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  },
});
