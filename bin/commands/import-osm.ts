// bfmap import-osm <file> --out <dir> [--id ID] [--name-zh …] [--name-en …] [--boundary <geojson>] [--bbox w,s,e,n]
//
// Imports an OpenStreetMap extract (XML, PBF or Overpass JSON) into a district folder through the
// tag mapping of src/domain/import/osm/tag-mapping.ts (documented in data/README.md, "Importing
// OpenStreetMap"). Counts go to standard output, warnings grouped by kind to standard error.
import type { BoundingBox } from '../../src/domain/facilities/model.ts';
import { formatWarningGroups } from '../../src/domain/import/osm/warnings.ts';
import { parseArguments } from '../arguments.ts';
import { type ImportOsmOptions, type ImportOsmSummary, OsmImportError, importOsmFile } from '../osm/import-osm-file.ts';
import { type Command, type CommandOutput, reportUsageError } from './command.ts';

export { importOsmFile, OsmImportError, type ImportOsmOptions, type ImportOsmSummary } from '../osm/import-osm-file.ts';

const USAGE = `Usage: bfmap import-osm <file> --out <district folder> [options]

Imports an OpenStreetMap extract into a district folder: the walkable network (footways, sidewalks,
crossings, steps, elevators, and streets without mapped sidewalks as assumed sidewalks), kerb ramps
and wheelchair ramps, accessible toilets, elevators, tactile paving, named places and streets, and
a basemap. The tag mapping is the table in data/README.md, "Importing OpenStreetMap".

The file may be OSM XML (.osm, also gzip-compressed .osm.gz), OSM PBF (.osm.pbf) or Overpass API
JSON; the format is recognised from the content. XML is streamed, never loaded whole.

Options:
  --out <folder>         district folder to write (required)
  --replace              replace the folder if it already exists
  --id <id>              district id (default: the folder's name)
  --name-zh <text>       Chinese name (default: the boundary's name, else the id)
  --name-en <text>       English name (default: the boundary's name, else the id)
  --boundary <geojson>   the district's boundary (WGS84 Polygon or MultiPolygon): features outside
                         are left out and lines are cut at its edge
  --boundary-name <n>    use only the polygon of that name from the boundary file
  --bbox <w,s,e,n>       the district as a box in degrees, instead of --boundary
                         Without either, the file's own bounds are used when it has them.
  --no-basemap           do not write basemap.geojson
  --help                 this text

Output: counts per layer on standard output; warnings on standard error, grouped by kind with
their count and the first examples (element type and id, e.g. way/123).
Exit status: 0 when the folder was written, 1 when the file cannot be read or nothing usable came
out (nothing is written), 2 for wrong usage.`;

/** "w,s,e,n" in degrees, west < east and south < north; null when it is not that. */
export function parseBoundingBox(text: string): BoundingBox | null {
  const parts = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [west, south, east, north] = parts as [number, number, number, number];
  if (west < -180 || east > 180 || south < -90 || north > 90 || west >= east || south >= north) return null;
  return [west, south, east, north];
}

function printSummary(summary: ImportOsmSummary, inputName: string, output: CommandOutput): void {
  const listed = (counts: Record<string, number>): string => Object.entries(counts).sort((first, second) => second[1] - first[1]).map(([kind, count]) => `${kind} ${count}`).join(', ');
  const formats = { xml: 'OSM XML', 'xml-gzip': 'OSM XML (gzip)', pbf: 'OSM PBF', 'overpass-json': 'Overpass JSON' } as const;
  const { elements, counts, kinds } = summary;
  output.out(`read ${inputName} (${formats[summary.format]}): ${elements.nodes} nodes, ${elements.ways} ways, ${elements.relations} relations in ${summary.readSeconds} s`);
  output.out(`clipped to ${summary.clippedTo}`);
  output.out(`network: ${counts.network} edges${counts.network > 0 ? ` (${listed(kinds.network)})` : ''}`);
  output.out(`ramps: ${counts.ramps}${counts.ramps > 0 ? ` (${listed(kinds.ramps)})` : ''}`);
  output.out(`toilets: ${counts.toilets}`);
  output.out(`elevators: ${counts.elevators}`);
  output.out(`tactile paving: ${counts.tactilePaving}${counts.tactilePaving > 0 ? ` (${listed(kinds.tactilePaving)})` : ''}`);
  output.out(`places: ${counts.places}${counts.places > 0 ? ` (${listed(kinds.places)})` : ''}`);
  output.out(`basemap: ${counts.basemap}`);
  for (const [reason, count] of Object.entries(summary.notImported)) output.out(`not imported: ${count} ${reason}`);
  const warningCount = summary.warnings.reduce((sum, group) => sum + group.count, 0);
  output.out(`warnings: ${warningCount}${warningCount > 0 ? ' (on standard error)' : ''}`);
  output.out(`wrote ${summary.directory} in ${summary.convertSeconds + summary.writeSeconds} s`);
}

export const importOsmCommand: Command = {
  name: 'import-osm',
  summary: 'import an OpenStreetMap extract (XML, PBF or Overpass JSON) into a district folder',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [
      { name: 'out', takesValue: true }, { name: 'replace', takesValue: false }, { name: 'id', takesValue: true },
      { name: 'name-zh', takesValue: true }, { name: 'name-en', takesValue: true }, { name: 'boundary', takesValue: true },
      { name: 'boundary-name', takesValue: true }, { name: 'bbox', takesValue: true }, { name: 'no-basemap', takesValue: false },
    ]);
    const usageError = (message: string): number => reportUsageError(output, 'import-osm', message);
    if (!parsed.ok) return usageError(parsed.error);
    const option = (name: string): string | undefined => {
      const value = parsed.options.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    if (parsed.positionals.length === 0) return usageError('the OSM file is required, e.g. bfmap import-osm marais.osm --out data/marais');
    if (parsed.positionals.length > 1) return usageError(`one OSM file at a time, not ${parsed.positionals.length}`);
    const input = parsed.positionals[0] as string;
    const out = option('out');
    if (out === undefined) return usageError('--out <district folder> is required');
    const bboxText = option('bbox');
    const bbox = bboxText === undefined ? undefined : parseBoundingBox(bboxText);
    if (bbox === null) return usageError(`--bbox must be west,south,east,north in degrees with west < east and south < north, e.g. 121.46,31.22,121.49,31.24; not ${bboxText}`);
    const options: ImportOsmOptions = {
      id: option('id'), nameZh: option('name-zh'), nameEn: option('name-en'), boundaryPath: option('boundary'), boundaryName: option('boundary-name'),
      bbox, replace: parsed.options.has('replace'), basemap: !parsed.options.has('no-basemap'),
    };
    let summary: ImportOsmSummary;
    try {
      summary = await importOsmFile(input, out, options);
    } catch (error) {
      if (error instanceof OsmImportError) {
        if (error.exitCode === 2) return usageError(error.message);
        output.error(`bfmap import-osm: ${error.message}`);
        return 1;
      }
      throw error;
    }
    for (const line of formatWarningGroups(summary.warnings)) output.error(line);
    printSummary(summary, input, output);
    return 0;
  },
};
