// bfmap import-opensidewalks <edges.geojson> [<nodes.geojson> [<points.geojson>]] --out <folder>
//
// Imports OpenSidewalks data (src/domain/import/opensidewalks.ts) into a new district folder:
// the pedestrian network with kerbs on the crossings, kerb ramps, tactile paving, elevators,
// accessible toilets and named places. Features it cannot use are listed with file and id;
// the folder is written whole or not at all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseJsonText } from '../../src/domain/facilities/parse.ts';
import { DISTRICT_ID_PATTERN, DistrictFilesError, buildDistrictFiles, emptyDistrictLayers, type DistrictLayers } from '../../src/domain/import/district-files.ts';
import { OpenSidewalksError, importOpenSidewalks } from '../../src/domain/import/opensidewalks.ts';
import { boundaryAround, boundaryPolygons, formatValidationProblem } from '../../src/domain/import/validate-district.ts';
import { parseArguments } from '../arguments.ts';
import { DistrictFolderError, readBoundaryFile } from '../district-folder.ts';
import { writeDistrictFolder } from '../district-writer.ts';
import { type Command, reportUsageError } from './command.ts';

const USAGE = `Usage: bfmap import-opensidewalks <edges.geojson> [<nodes.geojson> [<points.geojson>]] --out <district folder> [options]

Imports OpenSidewalks (OSW 0.2) GeoJSON into a district folder: sidewalks, crossings, footways,
steps and elevators become the network (split where edges meet, with exactly shared ends);
lowered kerbs become kerb ramps; kerbs with tactile paving and sidewalks tagged with it become
tactile paving; highway=elevator becomes elevators; wheelchair-accessible toilets and named
points become toilets and places. Give the files in that order: edges, then nodes, then points.

Options:
  --out <folder>         district folder to write (required)
  --replace              replace the folder if it already exists
  --id <id>              district id (default: the folder's name)
  --name-zh <text>       Chinese name (default: the id)
  --name-en <text>       English name (default: the id)
  --licence <SPDX>       licence of the data (default: ODbL-1.0 when the files' dataSource names
                         OpenStreetMap, else NOASSERTION)
  --attribution <text>   text the map must show (default: "© OpenStreetMap contributors" for
                         OpenStreetMap data, else the edges file's name)
  --boundary <geojson>   the district's boundary (WGS84 Polygon or MultiPolygon); features reaching
                         outside it are left out. Without it: the box around the data and 25 m.
  --boundary-name <n>    use only the polygon of that name from the boundary file
  --help                 this text

Exit status: 0 when the folder was written, 1 when a file cannot be read or nothing usable came
out (nothing is written), 2 for wrong usage.`;

export const importOpenSidewalksCommand: Command = {
  name: 'import-opensidewalks',
  summary: 'import OpenSidewalks edges, nodes and points (GeoJSON) into a district folder',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [
      { name: 'out', takesValue: true }, { name: 'replace', takesValue: false }, { name: 'id', takesValue: true },
      { name: 'name-zh', takesValue: true }, { name: 'name-en', takesValue: true }, { name: 'licence', takesValue: true },
      { name: 'attribution', takesValue: true }, { name: 'boundary', takesValue: true }, { name: 'boundary-name', takesValue: true },
    ]);
    const usageError = (message: string): number => reportUsageError(output, 'import-opensidewalks', message);
    const failure = (message: string): number => {
      output.error(`bfmap import-opensidewalks: ${message}`);
      return 1;
    };
    if (!parsed.ok) return usageError(parsed.error);
    const option = (name: string): string | null => {
      const value = parsed.options.get(name);
      return typeof value === 'string' ? value : null;
    };
    const paths = parsed.positionals;
    if (paths.length === 0) return usageError('the edges file is required');
    if (paths.length > 3) return usageError(`at most three files (edges, nodes, points), not ${paths.length}`);
    const out = option('out');
    if (out === null) return usageError('--out <district folder> is required');
    const target = resolve(out);
    if (existsSync(target) && !parsed.options.has('replace')) return usageError(`${out} already exists; add --replace to overwrite it`);
    if (existsSync(target) && !statSync(target).isDirectory()) return usageError(`--out ${out} is a file, not a folder`);
    const districtId = option('id') ?? basename(target);
    if (!DISTRICT_ID_PATTERN.test(districtId)) return usageError(`the district id "${districtId}" must be lower-case letters, digits and hyphens; give one with --id`);
    if (option('boundary-name') !== null && option('boundary') === null) return usageError('--boundary-name needs --boundary <geojson>');

    // The files, read whole: a truncated file is an error with its line and column.
    const texts: unknown[] = [];
    for (const path of paths) {
      const full = resolve(path);
      if (!existsSync(full) || !statSync(full).isFile()) return failure(`${path} does not exist or is not a file`);
      const { json, problem } = parseJsonText(basename(full), readFileSync(full, 'utf8'));
      if (problem) return failure(problem.detail);
      texts.push(json);
    }
    const [edgesPath, nodesPath, pointsPath] = paths.map((path) => basename(path));
    let boundary: DistrictLayers['boundary'] = [];
    try {
      const boundaryPath = option('boundary');
      if (boundaryPath !== null) boundary = readBoundaryFile(resolve(boundaryPath), option('boundary-name'));
    } catch (error) {
      if (error instanceof DistrictFolderError) return failure(error.message);
      throw error;
    }

    let result;
    try {
      result = importOpenSidewalks({
        edges: texts[0], nodes: texts[1], points: texts[2],
        fileNames: { edges: edgesPath as string, nodes: nodesPath, points: pointsPath },
        boundary: boundaryPolygons(boundary),
      });
    } catch (error) {
      if (error instanceof OpenSidewalksError) return failure(error.message);
      throw error;
    }
    for (const problem of result.problems) output.error(formatValidationProblem(problem));
    const { layers } = result;
    const leftOut = result.problems.filter((problem) => problem.severity === 'error').length;
    const unknownValues = result.problems.length - leftOut;
    output.out(`read ${paths.join(', ')}`);
    output.out(`network: ${layers.network.length} edges (${result.splitEdgeCount} split where another edge ends on them; ${result.snappedEndCount} ends moved onto their node)`);
    const count = (items: readonly unknown[], one: string, many: string): string => `${items.length} ${items.length === 1 ? one : many}`;
    output.out(`facilities: ${count(layers.ramps, 'kerb ramp', 'kerb ramps')}, ${count(layers.tactilePaving, 'tactile paving strip', 'tactile paving strips')}, ${count(layers.elevators, 'elevator', 'elevators')}, ${count(layers.toilets, 'toilet', 'toilets')}; places: ${layers.places.length}`);
    for (const [reason, count] of Object.entries(result.notImported)) output.out(`not imported: ${count} ${reason}`);
    if (leftOut > 0) output.out(`left out: ${leftOut} features that could not be used (listed above)`);
    if (unknownValues > 0) output.out(`read as unknown: ${unknownValues} values (listed above)`);

    const licence = option('licence') ?? result.licence?.licence ?? 'NOASSERTION';
    const attribution = option('attribution') ?? result.licence?.attribution ?? `OpenSidewalks data ${edgesPath}`;
    let files: Record<string, unknown>;
    try {
      files = buildDistrictFiles({
        id: districtId,
        name: { zh: option('name-zh') ?? districtId, en: option('name-en') ?? districtId },
        source: `OpenSidewalks ${paths.map((path) => basename(path)).join(', ')}`,
        licence, attribution,
      }, { ...emptyDistrictLayers(), ...layers, boundary: boundary.length > 0 ? boundary : [boundaryAround(Object.values(layers).flat())].filter((feature) => feature !== null) });
    } catch (error) {
      if (error instanceof DistrictFilesError) return failure(`${error.message}; ${out} was not written`);
      throw error;
    }
    try {
      writeDistrictFolder(target, files);
    } catch (error) {
      return failure(`could not write ${out}: ${(error as Error).message}; nothing was changed`);
    }
    output.out(`wrote ${out}: ramps ${layers.ramps.length}, toilets ${layers.toilets.length}, elevators ${layers.elevators.length}, tactile paving ${layers.tactilePaving.length}, network ${layers.network.length}, places ${layers.places.length}`);
    return 0;
  },
};
