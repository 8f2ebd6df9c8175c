// bfmap import-table <file.csv> --out <district folder> --crs wgs84|gcj02|bd09 [--columns …]
//
// Imports a facility table (CSV in UTF-8 or GBK, Chinese or English headers) into a district
// folder: the rows become toilets, elevators and ramps (src/domain/import/table.ts), GCJ-02 and
// BD-09 coordinates are converted to WGS84, and the result is merged into the folder, replacing
// what an earlier import of the same file brought, or makes a new folder. Rows that cannot be
// placed are listed with their line and the reason. The folder is written whole or not at all.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Feature } from 'geojson';
import { COORDINATE_SYSTEMS, isCoordinateSystem } from '../../src/domain/import/coordinates.ts';
import { parseCsv } from '../../src/domain/import/csv.ts';
import { DISTRICT_ID_PATTERN, DistrictFilesError, buildDistrictFiles, emptyDistrictLayers, type DistrictLayers, type DistrictMetadata } from '../../src/domain/import/district-files.ts';
import { TableColumnsError, importTable, mergeTableImport, parseColumnOverrides, type TableField } from '../../src/domain/import/table.ts';
import { boundaryAround, boundaryPolygons } from '../../src/domain/import/validate-district.ts';
import { parseArguments } from '../arguments.ts';
import { DistrictFolderError, readBoundaryFile, readDistrictForMerge } from '../district-folder.ts';
import { writeDistrictFolder } from '../district-writer.ts';
import { type Command, reportUsageError } from './command.ts';

const USAGE = `Usage: bfmap import-table <file.csv> --out <district folder> --crs wgs84|gcj02|bd09 [options]

Imports a table of facilities (accessible toilets, elevators, platform lifts, ramps) into a
district folder. The CSV may be UTF-8 or GBK, with a header row in Chinese or English:
  名称/name, 类别/类型/category/type, 经度/lng/lon/longitude, 纬度/lat/latitude (or 坐标 "lng,lat"),
  地址/address, 英文名称/name_en, 状态/status, 开放时间/opening_hours, 编号/id, and measurements
  such as 坡度, 宽度, 门宽, 扶手 (see data/README.md, "Importing tables and OpenSidewalks").
When the folder exists, the rows are merged into it and replace the facilities an earlier
import of the same file brought; otherwise a new district folder is made.

Options:
  --out <folder>         district folder to merge into or create (required)
  --crs <system>         coordinate system of the table (required): wgs84 (GPS), gcj02 (AMap/高德,
                         Tencent, most Chinese maps) or bd09 (Baidu/百度)
  --columns <pairs>      which header holds which field, when the headers are not recognised:
                         e.g. --columns name=设施名称,category=用途,lon=X坐标,lat=Y坐标
  --dry-run              read and report, write nothing
For a new folder:
  --id <id>              district id (default: the folder's name)
  --name-zh <text>       Chinese name (default: the id)
  --name-en <text>       English name (default: the id)
  --licence <SPDX>       licence of the table's data (default: NOASSERTION)
  --attribution <text>   text the map must show (default: the table's file name)
  --boundary <geojson>   the district's boundary (WGS84 Polygon or MultiPolygon); rows outside
                         it are not placed. Without it: the box around the rows and 25 m.
  --boundary-name <n>    use only the polygon of that name from the boundary file
  --help                 this text

Exit status: 0 when at least one row was placed, 1 when none was (nothing is written) or the
file cannot be read, 2 for wrong usage.`;

export class TableDecodeError extends Error {}

/**
 * The text of a table file: UTF-8 when the bytes are valid UTF-8 (a byte order mark is dropped),
 * UTF-16 when they start with its byte order mark, else GBK, the encoding Excel on Chinese
 * Windows saves "CSV" in. Bytes that are none of these throw TableDecodeError saying where.
 */
export function decodeTableBytes(bytes: Uint8Array, file: string): { text: string; encoding: string } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new TableDecodeError(`${file} is a ZIP archive, probably an Excel workbook (.xlsx), not CSV: save it from Excel as "CSV UTF-8" and import that`);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new TableDecodeError(`${file} is an old Excel workbook (.xls), not CSV: save it from Excel as "CSV UTF-8" and import that`);
  }
  const attempt = (encoding: string): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  const checked = (text: string, encoding: string): { text: string; encoding: string } => {
    // Text tables hold no control characters but tab, line feeds and carriage returns (form feed and vertical tab pass too).
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < 0x20 && (code < 0x09 || code > 0x0d)) {
        const line = text.slice(0, index).split('\n').length;
        throw new TableDecodeError(`${file} holds a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()}) on line ${line}: it looks like a binary file, not a CSV table`);
      }
    }
    return { text, encoding };
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = attempt('utf-16le');
    if (text !== null) return checked(text, 'UTF-16LE');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = attempt('utf-16be');
    if (text !== null) return checked(text, 'UTF-16BE');
  }
  const utf8 = attempt('utf-8');
  if (utf8 !== null) return checked(utf8, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'UTF-8 with BOM' : 'UTF-8');
  const gbk = attempt('gbk');
  if (gbk !== null) return checked(gbk, 'GBK');
  const offset = firstUndecodableOffset(bytes, 'utf-8');
  const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
  throw new TableDecodeError(`${file} is neither UTF-8 nor GBK text: the byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset} (line ${line}) is not valid UTF-8, and the file is not valid GBK either. Save the table as "CSV UTF-8"`);
}

/** Where decoding first fails: the longest prefix a streaming decoder accepts (validity only shrinks as the prefix grows). */
function firstUndecodableOffset(bytes: Uint8Array, encoding: string): number {
  const accepts = (length: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (accepts(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function describeCounts(layers: Pick<DistrictLayers, 'ramps' | 'toilets' | 'elevators' | 'tactilePaving' | 'network' | 'places'>): string {
  return `ramps ${layers.ramps.length}, toilets ${layers.toilets.length}, elevators ${layers.elevators.length}, tactile paving ${layers.tactilePaving.length}, network ${layers.network.length}, places ${layers.places.length}`;
}

export const importTableCommand: Command = {
  name: 'import-table',
  summary: 'import a CSV table of facilities (UTF-8/GBK, WGS84/GCJ-02/BD-09) into a district folder',
  usage: USAGE,
  async run(argumentsGiven, output) {
    const parsed = parseArguments(argumentsGiven, [
      { name: 'out', takesValue: true }, { name: 'crs', takesValue: true }, { name: 'columns', takesValue: true },
      { name: 'id', takesValue: true }, { name: 'name-zh', takesValue: true }, { name: 'name-en', takesValue: true },
      { name: 'licence', takesValue: true }, { name: 'attribution', takesValue: true },
      { name: 'boundary', takesValue: true }, { name: 'boundary-name', takesValue: true }, { name: 'dry-run', takesValue: false },
    ]);
    const usageError = (message: string): number => reportUsageError(output, 'import-table', message);
    const failure = (message: string): number => {
      output.error(`bfmap import-table: ${message}`);
      return 1;
    };
    if (!parsed.ok) return usageError(parsed.error);
    const option = (name: string): string | null => {
      const value = parsed.options.get(name);
      return typeof value === 'string' ? value : null;
    };
    if (parsed.positionals.length !== 1) return usageError(parsed.positionals.length === 0 ? 'the CSV file to import is required' : `one CSV file at a time, not ${parsed.positionals.length}`);
    const tablePath = resolve(parsed.positionals[0] as string);
    const out = option('out');
    if (out === null) return usageError('--out <district folder> is required');
    const crs = option('crs');
    if (crs === null) return usageError(`--crs is required: the coordinate system of the table, one of ${COORDINATE_SYSTEMS.join(', ')} (gcj02 for AMap/高德 and most Chinese maps, bd09 for Baidu)`);
    if (!isCoordinateSystem(crs)) return usageError(`--crs must be one of ${COORDINATE_SYSTEMS.join(', ')}, not ${crs}`);
    let columns: Partial<Record<TableField, string>> = {};
    const columnsText = option('columns');
    if (columnsText !== null) {
      const overrides = parseColumnOverrides(columnsText);
      if ('error' in overrides) return usageError(`--columns: ${overrides.error}`);
      columns = overrides.columns;
    }
    const target = resolve(out);
    // An empty folder (made ahead with mkdir) is a new district, not one to merge into.
    const exists = existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0);
    if (exists && !statSync(target).isDirectory()) return usageError(`--out ${out} is a file, not a folder`);
    if (exists) {
      for (const name of ['licence', 'attribution', 'boundary', 'boundary-name']) {
        if (option(name) !== null) return usageError(`--${name} is for a new district; ${out} already exists`);
      }
    }

    // The table.
    if (!existsSync(tablePath) || !statSync(tablePath).isFile()) return failure(`${parsed.positionals[0]} does not exist or is not a file`);
    const sourceName = basename(tablePath);
    let decoded: { text: string; encoding: string };
    try {
      decoded = decodeTableBytes(readFileSync(tablePath), sourceName);
    } catch (error) {
      if (error instanceof TableDecodeError) return failure(error.message);
      throw error;
    }
    const csv = parseCsv(decoded.text);
    for (const problem of csv.problems) output.error(`${sourceName}:${problem.lineNumber}: warning: ${problem.detail}`);

    // The district it goes into.
    let existingManifest: Record<string, unknown> | null = null;
    let layers: DistrictLayers = emptyDistrictLayers();
    let otherFiles: string[] = [];
    let districtId: string;
    try {
      if (exists) {
        const district = readDistrictForMerge(target);
        if (district.manifest.sample === true) return failure(`${out} is generated sample data (sample: true in district.json); import into a new district or a copy instead`);
        existingManifest = district.manifest;
        layers = district.layers;
        otherFiles = district.otherFiles;
        districtId = String(district.manifest.id);
        const givenId = option('id');
        if (givenId !== null && givenId !== districtId) return usageError(`--id ${givenId} differs from the id "${districtId}" of the existing district ${out}`);
      } else {
        districtId = option('id') ?? basename(target);
        if (!DISTRICT_ID_PATTERN.test(districtId)) return usageError(`the district id "${districtId}" must be lower-case letters, digits and hyphens; give one with --id`);
        const boundaryPath = option('boundary');
        if (boundaryPath !== null) layers = { ...layers, boundary: readBoundaryFile(resolve(boundaryPath), option('boundary-name')) };
        else if (option('boundary-name') !== null) return usageError('--boundary-name needs --boundary <geojson>');
      }
    } catch (error) {
      if (error instanceof DistrictFolderError) return failure(error.message);
      throw error;
    }

    // Rows into facilities.
    let imported;
    try {
      imported = importTable(csv.rows, { districtId, sourceName, coordinateSystem: crs, columns, boundary: boundaryPolygons(layers.boundary) });
    } catch (error) {
      if (error instanceof TableColumnsError) return failure(error.message);
      throw error;
    }
    const merge = mergeTableImport(layers, sourceName, imported);
    const unplaced = [...imported.unplaced, ...merge.clashes].sort((first, second) => first.lineNumber - second.lineNumber);
    const report = [
      ...imported.warnings.map((warning) => ({ lineNumber: warning.lineNumber, text: `warning: ${warning.reason}` })),
      ...unplaced.map((problem) => ({ lineNumber: problem.lineNumber, text: `not placed: ${problem.reason}` })),
    ].sort((first, second) => first.lineNumber - second.lineNumber);
    for (const entry of report) output.error(`${sourceName}:${entry.lineNumber}: ${entry.text}`);

    const placed = imported.ramps.length + imported.toilets.length + imported.elevators.length - merge.clashes.length;
    const columnList = imported.columns.map((column) => `${column.header} → ${column.field}`).join(', ');
    output.out(`${sourceName}: read as ${decoded.encoding}, ${plural(imported.rowCount, 'row', 'rows')} below the header on line ${imported.headerLineNumber}`);
    output.out(`columns: ${columnList}${imported.unusedHeaders.length > 0 ? `; not used: ${imported.unusedHeaders.join(', ')}` : ''}`);
    output.out(`placed ${placed} of ${plural(imported.rowCount, 'row', 'rows')}: ${describeImported(imported, merge.clashes.length)}${crs === 'wgs84' ? '' : ` (${crs === 'gcj02' ? 'GCJ-02' : 'BD-09'} converted to WGS84)`}`);
    if (unplaced.length > 0) output.out(`not placed: ${plural(unplaced.length, 'row', 'rows')} (listed above with the reason)`);
    if (merge.replacedCount > 0) output.out(`replaced ${plural(merge.replacedCount, 'facility', 'facilities')} from an earlier import of ${sourceName}`);
    if (placed === 0) {
      return failure(`nothing usable: no row of ${sourceName} could be placed; ${exists ? `${out} is unchanged` : `${out} was not created`}`);
    }

    const manifestName = existingManifest?.name as { zh?: unknown; en?: unknown } | undefined;
    const existingSource = typeof existingManifest?.source === 'string' ? existingManifest.source : null;
    const tableSourceText = `facility table ${sourceName}`;
    const metadata: DistrictMetadata = {
      id: districtId,
      name: {
        zh: option('name-zh') ?? (typeof manifestName?.zh === 'string' ? manifestName.zh : districtId),
        en: option('name-en') ?? (typeof manifestName?.en === 'string' ? manifestName.en : districtId),
      },
      source: existingSource === null ? `Facility table ${sourceName}` : existingSource.includes(tableSourceText) ? existingSource : `${existingSource}; ${tableSourceText}`,
      licence: typeof existingManifest?.licence === 'string' ? existingManifest.licence : option('licence') ?? 'NOASSERTION',
      attribution: typeof existingManifest?.attribution === 'string' ? existingManifest.attribution : option('attribution') ?? `Facility table ${sourceName}`,
    };
    // A new district without --boundary covers its rows and a margin (a lone row still gets an area).
    const around = merge.layers.boundary.length === 0 ? boundaryAround([...merge.layers.ramps, ...merge.layers.toilets, ...merge.layers.elevators]) : null;
    const finalLayers: DistrictLayers = around === null ? merge.layers : { ...merge.layers, boundary: [around] };
    let files: Record<string, unknown>;
    try {
      files = buildDistrictFiles(metadata, finalLayers);
    } catch (error) {
      if (error instanceof DistrictFilesError) return failure(error.message);
      throw error;
    }
    // Fields of district.json this import does not compute (a basemap, say) stay as they were.
    if (existingManifest !== null) files['district.json'] = { ...existingManifest, ...(files['district.json'] as object) };
    if (otherFiles.length > 0) {
      output.error(`bfmap import-table: warning: ${out} also holds ${otherFiles.join(', ')}, which are not part of the data contract; the rewritten folder will not have them`);
    }
    if (parsed.options.has('dry-run')) {
      output.out(`dry run: ${out} would have ${describeCounts(finalLayers)}; nothing written`);
      return 0;
    }
    try {
      writeDistrictFolder(target, files);
    } catch (error) {
      return failure(`could not write ${out}: ${(error as Error).message}; ${exists ? 'the folder is unchanged' : 'nothing was created'}`);
    }
    output.out(`wrote ${out}: ${describeCounts(finalLayers)}`);
    return 0;
  },
};

function describeImported(imported: { ramps: Feature[]; toilets: Feature[]; elevators: Feature[] }, clashCount: number): string {
  const parts = [
    plural(imported.toilets.length, 'toilet', 'toilets'),
    plural(imported.elevators.length, 'elevator', 'elevators'),
    plural(imported.ramps.length, 'ramp', 'ramps'),
  ];
  return `${parts.join(', ')}${clashCount > 0 ? ` (${clashCount} of them left out for an id clash)` : ''}`;
}
