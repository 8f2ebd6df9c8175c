// Writes a district folder all at once: every file goes to a temporary folder beside the target,
// the derived search.json is computed from those files, and only then is the folder renamed into
// place. An import that fails half-way leaves the previous folder (or none) untouched.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatJsonFile } from '../src/domain/sample/format-json-file.ts';
import { writeSearchData } from '../scripts/search-data.ts';

/** Files the writer or its derived steps own in a district folder. */
const CONTRACT_FILE = /(\.geojson|^district\.json|^search\.json|^network\.bin)$/;

/** Extra steps run on the finished temporary folder before it is swapped in (e.g. the routing graph). */
export type FolderStep = (temporaryDirectory: string) => void;

const derivedSteps: FolderStep[] = [(directory) => { writeSearchData(directory); }];

/** Registers a step every written district gets, such as building its routing graph file. */
export function addDerivedStep(step: FolderStep): void {
  derivedSteps.push(step);
}

/**
 * Writes `files` (file name → JSON value) as the folder `targetDirectory`, replacing any folder
 * already there only once everything is written. Returns the absolute path written.
 */
export function writeDistrictFolder(targetDirectory: string, files: Record<string, unknown>): string {
  const target = resolve(targetDirectory);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Same parent, so the final rename stays on one file system; the dot keeps it out of the district index.
  const temporaryDirectory = mkdtempSync(join(parent, `.${basename(target)}-new-`));
  try {
    // mkdtemp makes the folder private (0700); a served data folder must be readable by all.
    chmodSync(temporaryDirectory, 0o755);
    for (const [fileName, content] of Object.entries(files)) {
      writeFileSync(join(temporaryDirectory, fileName), formatJsonFile(content), 'utf8');
    }
    for (const step of derivedSteps) step(temporaryDirectory);
    // Files of the old folder that the data contract does not cover (a PMTiles basemap, notes) are
    // the user's own: they move over. Layer files, district.json and derived files are rewritten.
    if (existsSync(target)) {
      for (const file of readdirSync(target)) {
        if (CONTRACT_FILE.test(file) || existsSync(join(temporaryDirectory, file)) || !statSync(join(target, file)).isFile()) continue;
        copyFileSync(join(target, file), join(temporaryDirectory, file));
      }
    }
    if (existsSync(target)) {
      const previousDirectory = `${temporaryDirectory}-previous`;
      renameSync(target, previousDirectory);
      renameSync(temporaryDirectory, target);
      rmSync(previousDirectory, { recursive: true, force: true });
    } else {
      renameSync(temporaryDirectory, target);
    }
  } catch (error) {
    rmSync(temporaryDirectory, { recursive: true, force: true });
    throw error;
  }
  return target;
}
