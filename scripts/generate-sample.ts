// Writes the fictional sample district to data/sample/ (`npm run sample`). The content comes from
// the pure generator in src/domain/sample; the folder is written whole through the same atomic
// writer as every import (bin/district-writer.ts), with its derived search.json, so an interrupted
// run never leaves a half-written district behind for the dev server or the build to pick up.
import { resolve } from 'node:path';
import { generateSampleDistrict } from '../src/domain/sample/generate-sample-district.ts';
import { writeDistrictFolder } from '../bin/district-writer.ts';

const targetDirectory = resolve(import.meta.dirname, '..', 'data', 'sample');

const files = generateSampleDistrict();
writeDistrictFolder(targetDirectory, files);
const manifest = files['district.json'] as { counts: Record<string, number> };
const summary = Object.entries(manifest.counts).map(([layer, count]) => `${layer} ${count}`).join(', ');
console.log(`Wrote ${Object.keys(files).length + 1} files to data/sample/: ${summary}`);
