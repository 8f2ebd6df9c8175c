// Writes the fictional sample district to data/sample/ (`npm run sample`). The content comes from
// the pure generator in src/domain/sample; this script only formats and writes it. Files are
// written to a temporary folder first and swapped in at the end, so an interrupted run never
// leaves a half-written district behind for the dev server or the build to pick up.
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateSampleDistrict } from '../src/domain/sample/generate-sample-district.ts';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';
import { writeSearchData } from './search-data.ts';

const dataDirectory = resolve(import.meta.dirname, '..', 'data');
const targetDirectory = join(dataDirectory, 'sample');

function writeSampleDistrict(): void {
  const files = generateSampleDistrict();
  // Inside data/ so the final rename stays on one file system; the dot keeps it out of the index.
  const temporaryDirectory = mkdtempSync(join(dataDirectory, '.sample-new-'));
  try {
    // mkdtemp creates the folder private (0700); a served data folder must be readable by all.
    chmodSync(temporaryDirectory, 0o755);
    for (const [fileName, content] of Object.entries(files)) {
      writeFileSync(join(temporaryDirectory, fileName), formatJsonFile(content), 'utf8');
    }
    // The derived pinyin file is built from the layers just written, so it can never lag behind them.
    writeSearchData(temporaryDirectory);
    if (existsSync(targetDirectory)) {
      const previousDirectory = `${temporaryDirectory}-previous`;
      renameSync(targetDirectory, previousDirectory);
      renameSync(temporaryDirectory, targetDirectory);
      rmSync(previousDirectory, { recursive: true, force: true });
    } else {
      renameSync(temporaryDirectory, targetDirectory);
    }
  } catch (error) {
    rmSync(temporaryDirectory, { recursive: true, force: true });
    throw error;
  }
  const manifest = files['district.json'] as { counts: Record<string, number> };
  const summary = Object.entries(manifest.counts).map(([layer, count]) => `${layer} ${count}`).join(', ');
  console.log(`Wrote ${Object.keys(files).length + 1} files to data/sample/: ${summary}`);
}

writeSampleDistrict();
