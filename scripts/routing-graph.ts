// Builds a district's routing graph (src/domain/routing) from its network.geojson and facility
// layers, read with the project's parsers, and writes it as data/<district>/network.bin: the
// compact binary the browser loads instead of parsing the network's GeoJSON.
//
//   npx tsx scripts/routing-graph.ts data/sample [more district folders]
//
// The sample generator and the Vite build call buildRoutingGraphFile(directory).
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FACILITY_CATEGORIES, LAYER_FILES, type Facility, type NetworkEdge } from '../src/domain/facilities/model.ts';
import { parseFacilityLayer, parseJsonText, parseNetworkLayer, type DataProblem } from '../src/domain/facilities/parse.ts';
import { buildRoutingGraph, type RoutingGraph } from '../src/domain/routing/graph.ts';
import { deserialiseRoutingGraph, serialiseRoutingGraph } from '../src/domain/routing/serialise.ts';

export const ROUTING_GRAPH_FILE = 'network.bin';

/** A district folder that cannot give a routing graph; the message names the file and why. */
export class RoutingDataError extends Error {}

export interface DistrictRoutingData {
  graph: RoutingGraph;
  edges: NetworkEdge[];
  facilities: Facility[];
  /** Problems the parsers and the graph builder reported; errors mean features were left out. */
  problems: DataProblem[];
}

function readLayer(directory: string, file: string): unknown {
  const path = join(directory, file);
  if (!existsSync(path)) throw new RoutingDataError(`${path} is missing: a district folder needs ${file}`);
  const { json, problem } = parseJsonText(file, readFileSync(path, 'utf8'));
  if (problem !== null) throw new RoutingDataError(`${path}: ${problem.detail}`);
  return json;
}

/** Reads any district folder (the sample, an imported OSM district) into a routing graph. */
export function loadDistrictRoutingData(directory: string): DistrictRoutingData {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new RoutingDataError(`${directory} is not a folder`);
  const problems: DataProblem[] = [];
  const network = parseNetworkLayer(LAYER_FILES.network, readLayer(directory, LAYER_FILES.network));
  problems.push(...network.problems);
  const facilities = FACILITY_CATEGORIES.flatMap((category) => {
    const layer = parseFacilityLayer(category, LAYER_FILES[category], readLayer(directory, LAYER_FILES[category]));
    problems.push(...layer.problems);
    return layer.items;
  });
  if (network.items.length === 0) throw new RoutingDataError(`${join(directory, LAYER_FILES.network)} has no usable edges, so there is nothing to route on`);
  const built = buildRoutingGraph(network.items, facilities);
  problems.push(...built.problems);
  return { graph: built.graph, edges: network.items, facilities, problems };
}

/** Reads a district's network.bin, if it has one. */
export function readRoutingGraphFile(directory: string): RoutingGraph | null {
  const path = join(directory, ROUTING_GRAPH_FILE);
  if (!existsSync(path)) return null;
  return deserialiseRoutingGraph(readFileSync(path), path);
}

export interface RoutingGraphFileReport {
  path: string;
  bytes: number;
  networkGeojsonBytes: number;
  nodeCount: number;
  edgeCount: number;
  problems: DataProblem[];
}

/** Builds the graph of a district folder and writes <folder>/network.bin (written aside, then renamed into place). */
export function buildRoutingGraphFile(directory: string): RoutingGraphFileReport {
  const { graph, problems } = loadDistrictRoutingData(directory);
  const buffer = serialiseRoutingGraph(graph);
  const path = join(directory, ROUTING_GRAPH_FILE);
  const temporaryPath = `${path}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, new Uint8Array(buffer));
  renameSync(temporaryPath, path);
  return {
    path, bytes: buffer.byteLength, networkGeojsonBytes: statSync(join(directory, LAYER_FILES.network)).size,
    nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, problems,
  };
}

function main(argumentsGiven: readonly string[]): number {
  const directories = argumentsGiven.filter((argument) => !argument.startsWith('-'));
  if (directories.length === 0 || argumentsGiven.some((argument) => argument.startsWith('-'))) {
    console.error(`Usage: tsx scripts/routing-graph.ts <district folder>...   (writes <folder>/${ROUTING_GRAPH_FILE})`);
    return 2;
  }
  for (const directory of directories) {
    try {
      const report = buildRoutingGraphFile(resolve(directory));
      const leftOut = report.problems.filter((problem) => problem.severity === 'error').length;
      const warnings = report.problems.length - leftOut;
      const share = ((100 * report.bytes) / report.networkGeojsonBytes).toFixed(0);
      console.log(`Wrote ${report.path}: ${report.nodeCount} nodes, ${report.edgeCount} edges, ${report.bytes} bytes (${share} % of network.geojson)`
        + `${leftOut > 0 ? `; ${leftOut} features left out by the parser` : ''}${warnings > 0 ? `; ${warnings} warnings` : ''}`);
      for (const problem of report.problems.slice(0, 20)) console.error(`routing-graph: ${problem.severity}: ${problem.detail}`);
    } catch (error) {
      if (!(error instanceof RoutingDataError)) throw error;
      console.error(`routing-graph: ${error.message}`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
