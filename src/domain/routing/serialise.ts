// The routing graph as one binary file (network.bin), built with the data and loaded by the
// browser without parsing any geometry. It stores the edge table (graph.ts: one entry per edge,
// positions and facilities) in small integer encodings; loading decodes it and derives the arcs
// (assembleRoutingGraph), exactly as building does, so a loaded graph equals the built one.
//
// Layout, little-endian:
//   0  "BFRG" magic                     24  facility count (uint32)
//   4  format version (uint32)          28  position count (uint32)
//   8  node count (uint32)              32  string table length in bytes (uint32)
//  12  reserved, 0                      36  reserved, 0
//  16  edge count (uint32)              40  projection origin longitude (float64)
//  20  reserved, 0                      48  projection origin latitude (float64)
//  56  string table (UTF-8 JSON: {"edgeIds", "facilityIds", "names", "networkKinds"}), padded to 8
//  …   the sections of SECTIONS in that order, each padded to 8 bytes
//
// Encodings: positions as 1e-7 degree integers, each the difference from the position before it
// (the first from the projection origin), so they compress well; inclines and slopes in tenths of
// a percent (int16, −32768 unknown); widths in centimetres and kerb heights in millimetres
// (uint16, 65535 unknown); codes as in graph.ts.
import { NETWORK_KINDS } from '../facilities/model.ts';
import {
  GRAPH_FACILITY_KINDS, PRECISION, assembleRoutingGraph, createProjection, type RoutingEdgeTable, type RoutingGraph, type StreetName,
} from './graph.ts';

export const ROUTING_GRAPH_MAGIC = 'BFRG';
/** Bump when the layout or the meaning of a code changes; old files are then refused, not misread. */
export const ROUTING_GRAPH_FORMAT_VERSION = 1;
const HEADER_BYTES = 56;
const UNKNOWN_INT16 = -32768;
const UNKNOWN_UINT16 = 65535;

/** A file that is not a routing graph this code can read, or a graph that cannot be written; the message says what is wrong. */
export class RoutingGraphFormatError extends Error {}

type Encoded = Int32Array | Int16Array | Uint16Array | Uint8Array;
interface EncodedConstructor { BYTES_PER_ELEMENT: number; new (length: number): Encoded; new (buffer: ArrayBuffer, byteOffset: number, length: number): Encoded }
type SectionLength = 'edges' | 'positions' | 'positionValues' | 'facilities';

interface Counts { nodes: number; edges: number; positions: number; facilities: number }

/** One stored array: its name (for messages), element type and length. */
const SECTIONS = [
  ['edgeStartNode', Int32Array, 'edges'],
  ['edgeEndNode', Int32Array, 'edges'],
  ['edgePositionCount', Int32Array, 'edges'],
  ['positionDeltas', Int32Array, 'positionValues'],
  ['edgeKind', Uint8Array, 'edges'],
  ['edgeName', Int32Array, 'edges'],
  ['edgeFacility', Int32Array, 'edges'],
  ['edgeKerbRampStart', Int32Array, 'edges'],
  ['edgeKerbRampEnd', Int32Array, 'edges'],
  ['edgeInclineTenths', Int16Array, 'edges'],
  ['edgeWidthCentimeters', Uint16Array, 'edges'],
  ['edgeKerbStart', Uint8Array, 'edges'],
  ['edgeKerbEnd', Uint8Array, 'edges'],
  ['edgeKerbStartMillimeters', Uint16Array, 'edges'],
  ['edgeKerbEndMillimeters', Uint16Array, 'edges'],
  ['edgeTactilePaving', Uint8Array, 'edges'],
  ['edgeCrossing', Uint8Array, 'edges'],
  ['edgeCrossingSound', Uint8Array, 'edges'],
  ['edgeHandrail', Uint8Array, 'edges'],
  ['edgeSurface', Uint8Array, 'edges'],
  ['edgeStepCount', Uint16Array, 'edges'],
  ['facilityKind', Uint8Array, 'facilities'],
  ['facilityStatus', Uint8Array, 'facilities'],
  ['facilitySlopeTenths', Int16Array, 'facilities'],
] as const satisfies readonly (readonly [string, EncodedConstructor, SectionLength])[];
type SectionName = (typeof SECTIONS)[number][0];

function lengthOf(kind: SectionLength, counts: Counts): number {
  switch (kind) {
    case 'edges': return counts.edges;
    case 'positions': return counts.positions;
    case 'positionValues': return counts.positions * 2;
    case 'facilities': return counts.facilities;
  }
}

const padded = (bytes: number): number => Math.ceil(bytes / 8) * 8;
const coordinateScale = Math.round(1 / PRECISION.coordinate);
const percentScale = Math.round(1 / PRECISION.percent);
const widthScale = Math.round(1 / PRECISION.widthMeters);

interface StringTable {
  edgeIds: string[];
  facilityIds: string[];
  names: [string | null, string | null][];
  networkKinds: string[];
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

function encodeSigned16(value: number, scale: number, what: string): number {
  if (Number.isNaN(value)) return UNKNOWN_INT16;
  const encoded = Math.round(value * scale);
  if (encoded <= UNKNOWN_INT16 || encoded > 32767) throw new RoutingGraphFormatError(`${what} is ${value}, beyond what network.bin stores`);
  return encoded;
}

function encodeUnsigned16(value: number, scale: number, what: string): number {
  if (Number.isNaN(value)) return UNKNOWN_UINT16;
  const encoded = Math.round(value * scale);
  if (encoded < 0 || encoded >= UNKNOWN_UINT16) throw new RoutingGraphFormatError(`${what} is ${value}, beyond what network.bin stores`);
  return encoded;
}

function encodeSections(graph: RoutingEdgeTable): Record<SectionName, Encoded> {
  const edges = graph.edgeCount;
  const positionCount = graph.coordinates.length / 2;
  const edgePositionCount = new Int32Array(edges);
  for (let edge = 0; edge < edges; edge += 1) edgePositionCount[edge] = (graph.edgeCoordinateOffsets[edge + 1] as number) - (graph.edgeCoordinateOffsets[edge] as number);
  const positionDeltas = new Int32Array(positionCount * 2);
  let previousLongitude = Math.round(graph.projection.originLongitude * coordinateScale);
  let previousLatitude = Math.round(graph.projection.originLatitude * coordinateScale);
  for (let position = 0; position < positionCount; position += 1) {
    const longitude = Math.round((graph.coordinates[2 * position] as number) * coordinateScale);
    const latitude = Math.round((graph.coordinates[2 * position + 1] as number) * coordinateScale);
    const deltaLongitude = longitude - previousLongitude;
    const deltaLatitude = latitude - previousLatitude;
    if (Math.abs(deltaLongitude) > 0x7fffffff || Math.abs(deltaLatitude) > 0x7fffffff) throw new RoutingGraphFormatError('the network spans more than 200 degrees between two positions');
    positionDeltas[2 * position] = deltaLongitude;
    positionDeltas[2 * position + 1] = deltaLatitude;
    previousLongitude = longitude;
    previousLatitude = latitude;
  }
  const perEdge = <Array extends Encoded>(array: Array, encode: (edge: number, id: string) => number): Array => {
    for (let edge = 0; edge < edges; edge += 1) array[edge] = encode(edge, graph.edgeIds[edge] as string);
    return array;
  };
  return {
    edgeStartNode: graph.edgeStartNode, edgeEndNode: graph.edgeEndNode, edgePositionCount, positionDeltas,
    edgeKind: graph.edgeKind, edgeName: graph.edgeName, edgeFacility: graph.edgeFacility,
    edgeKerbRampStart: graph.edgeKerbRampStart, edgeKerbRampEnd: graph.edgeKerbRampEnd,
    edgeInclineTenths: perEdge(new Int16Array(edges), (edge, id) => encodeSigned16(graph.edgeInclinePercent[edge] as number, percentScale, `the incline of ${id}`)),
    edgeWidthCentimeters: perEdge(new Uint16Array(edges), (edge, id) => encodeUnsigned16(graph.edgeWidthMeters[edge] as number, widthScale, `the width of ${id}`)),
    edgeKerbStart: graph.edgeKerbStart, edgeKerbEnd: graph.edgeKerbEnd,
    edgeKerbStartMillimeters: perEdge(new Uint16Array(edges), (edge, id) => encodeUnsigned16(graph.edgeKerbStartHeightMillimeters[edge] as number, 1, `the kerb height at the start of ${id}`)),
    edgeKerbEndMillimeters: perEdge(new Uint16Array(edges), (edge, id) => encodeUnsigned16(graph.edgeKerbEndHeightMillimeters[edge] as number, 1, `the kerb height at the end of ${id}`)),
    edgeTactilePaving: graph.edgeTactilePaving, edgeCrossing: graph.edgeCrossing, edgeCrossingSound: graph.edgeCrossingSound,
    edgeHandrail: graph.edgeHandrail, edgeSurface: graph.edgeSurface, edgeStepCount: graph.edgeStepCount,
    facilityKind: graph.facilityKind, facilityStatus: graph.facilityStatus,
    facilitySlopeTenths: Int16Array.from(graph.facilitySlopePercent, (slope, index) => encodeSigned16(slope, percentScale, `the slope of ${graph.facilityIds[index] as string}`)),
  };
}

export function serialiseRoutingGraph(graph: RoutingEdgeTable): ArrayBuffer {
  if (!isLittleEndian()) throw new RoutingGraphFormatError('network.bin is little-endian; this machine is not');
  const strings: StringTable = {
    edgeIds: graph.edgeIds, facilityIds: graph.facilityIds,
    names: graph.names.map((name) => [name.nameZh, name.nameEn]), networkKinds: [...NETWORK_KINDS],
  };
  const stringBytes = new TextEncoder().encode(JSON.stringify(strings));
  const counts: Counts = { nodes: graph.nodeCount, edges: graph.edgeCount, positions: graph.coordinates.length / 2, facilities: graph.facilityCount };
  const sections = encodeSections(graph);
  let totalBytes = HEADER_BYTES + padded(stringBytes.byteLength);
  for (const [name, constructor, length] of SECTIONS) {
    const expected = lengthOf(length, counts);
    if (sections[name].length !== expected) throw new RoutingGraphFormatError(`graph array ${name} has ${sections[name].length} entries, expected ${expected}`);
    totalBytes += padded(expected * constructor.BYTES_PER_ELEMENT);
  }

  const buffer = new ArrayBuffer(totalBytes);
  const header = new DataView(buffer);
  for (let index = 0; index < 4; index += 1) header.setUint8(index, ROUTING_GRAPH_MAGIC.charCodeAt(index));
  header.setUint32(4, ROUTING_GRAPH_FORMAT_VERSION, true);
  header.setUint32(8, counts.nodes, true);
  header.setUint32(16, counts.edges, true);
  header.setUint32(24, counts.facilities, true);
  header.setUint32(28, counts.positions, true);
  header.setUint32(32, stringBytes.byteLength, true);
  header.setFloat64(40, graph.projection.originLongitude, true);
  header.setFloat64(48, graph.projection.originLatitude, true);
  const bytes = new Uint8Array(buffer);
  bytes.set(stringBytes, HEADER_BYTES);
  let offset = HEADER_BYTES + padded(stringBytes.byteLength);
  for (const [name] of SECTIONS) {
    const section = sections[name];
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), offset);
    offset += padded(section.byteLength);
  }
  return buffer;
}

function fail(source: string, detail: string): never {
  throw new RoutingGraphFormatError(`${source}: ${detail}`);
}

function decodeSigned16(section: Int16Array, scale: number): Float32Array {
  return Float32Array.from(section, (value) => (value === UNKNOWN_INT16 ? NaN : value / scale));
}

function decodeUnsigned16(section: Uint16Array, scale: number): Float32Array {
  return Float32Array.from(section, (value) => (value === UNKNOWN_UINT16 ? NaN : value / scale));
}

/**
 * Reads a file written by serialiseRoutingGraph. Throws RoutingGraphFormatError, naming `source`,
 * for anything that is not a complete graph of this format version.
 */
export function deserialiseRoutingGraph(data: ArrayBuffer | ArrayBufferView, source = 'network.bin'): RoutingGraph {
  if (!isLittleEndian()) fail(source, 'network.bin is little-endian; this machine is not');
  // Typed-array views need aligned offsets: copy a view that does not start on an 8-byte boundary.
  const aligned = data instanceof ArrayBuffer ? { buffer: data, base: 0 }
    : data.byteOffset % 8 === 0 && data.buffer instanceof ArrayBuffer ? { buffer: data.buffer, base: data.byteOffset }
      : { buffer: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer, base: 0 };
  const { buffer, base } = aligned;
  const byteLength = data.byteLength;
  if (byteLength < HEADER_BYTES) fail(source, `${byteLength} bytes is too short for a routing graph (the header alone is ${HEADER_BYTES})`);
  const header = new DataView(buffer, base, byteLength);
  const magic = String.fromCharCode(header.getUint8(0), header.getUint8(1), header.getUint8(2), header.getUint8(3));
  if (magic !== ROUTING_GRAPH_MAGIC) fail(source, `not a routing graph (starts with ${JSON.stringify(magic)}, expected "${ROUTING_GRAPH_MAGIC}")`);
  const version = header.getUint32(4, true);
  if (version !== ROUTING_GRAPH_FORMAT_VERSION) fail(source, `format version ${version}; this code reads version ${ROUTING_GRAPH_FORMAT_VERSION}: rebuild it with scripts/routing-graph.ts`);
  const counts: Counts = { nodes: header.getUint32(8, true), edges: header.getUint32(16, true), facilities: header.getUint32(24, true), positions: header.getUint32(28, true) };
  const stringLength = header.getUint32(32, true);
  let expectedBytes = HEADER_BYTES + padded(stringLength);
  for (const [, constructor, length] of SECTIONS) expectedBytes += padded(lengthOf(length, counts) * constructor.BYTES_PER_ELEMENT);
  if (byteLength !== expectedBytes) fail(source, `${byteLength} bytes, but its header describes ${expectedBytes}: the file is truncated or damaged`);

  let strings: StringTable;
  try {
    strings = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, base + HEADER_BYTES, stringLength))) as StringTable;
  } catch {
    fail(source, 'its string table is not valid JSON');
  }
  if (!Array.isArray(strings.edgeIds) || strings.edgeIds.length !== counts.edges) fail(source, 'its string table does not list one id per edge');
  if (!Array.isArray(strings.facilityIds) || strings.facilityIds.length !== counts.facilities) fail(source, 'its string table does not list one id per facility');
  if (!Array.isArray(strings.names)) fail(source, 'its string table has no names');
  if (JSON.stringify(strings.networkKinds) !== JSON.stringify(NETWORK_KINDS)) fail(source, 'it was built with another list of network kinds: rebuild it with scripts/routing-graph.ts');

  const sections = {} as Record<SectionName, Encoded>;
  let offset = base + HEADER_BYTES + padded(stringLength);
  for (const [name, constructor, length] of SECTIONS) {
    const elementCount = lengthOf(length, counts);
    sections[name] = new constructor(buffer, offset, elementCount);
    offset += padded(elementCount * constructor.BYTES_PER_ELEMENT);
  }

  const edgeCoordinateOffsets = new Int32Array(counts.edges + 1);
  for (let edge = 0; edge < counts.edges; edge += 1) {
    const positions = sections.edgePositionCount[edge] as number;
    if (positions < 2) fail(source, `edge ${edge} has a line of ${positions} positions`);
    edgeCoordinateOffsets[edge + 1] = (edgeCoordinateOffsets[edge] as number) + positions;
  }
  if (edgeCoordinateOffsets[counts.edges] !== counts.positions) fail(source, 'its edges do not account for every position');
  const originLongitude = header.getFloat64(40, true);
  const originLatitude = header.getFloat64(48, true);
  const coordinates = new Float64Array(counts.positions * 2);
  let longitude = Math.round(originLongitude * coordinateScale);
  let latitude = Math.round(originLatitude * coordinateScale);
  const deltas = sections.positionDeltas;
  for (let position = 0; position < counts.positions; position += 1) {
    longitude += deltas[2 * position] as number;
    latitude += deltas[2 * position + 1] as number;
    coordinates[2 * position] = longitude / coordinateScale;
    coordinates[2 * position + 1] = latitude / coordinateScale;
  }

  const table: RoutingEdgeTable = {
    nodeCount: counts.nodes, edgeCount: counts.edges, facilityCount: counts.facilities,
    projection: createProjection(originLongitude, originLatitude),
    edgeIds: strings.edgeIds,
    edgeStartNode: sections.edgeStartNode as Int32Array, edgeEndNode: sections.edgeEndNode as Int32Array,
    edgeCoordinateOffsets, coordinates,
    edgeKind: sections.edgeKind as Uint8Array, edgeName: sections.edgeName as Int32Array, edgeFacility: sections.edgeFacility as Int32Array,
    edgeKerbRampStart: sections.edgeKerbRampStart as Int32Array, edgeKerbRampEnd: sections.edgeKerbRampEnd as Int32Array,
    edgeInclinePercent: decodeSigned16(sections.edgeInclineTenths as Int16Array, percentScale),
    edgeWidthMeters: decodeUnsigned16(sections.edgeWidthCentimeters as Uint16Array, widthScale),
    edgeKerbStart: sections.edgeKerbStart as Uint8Array, edgeKerbEnd: sections.edgeKerbEnd as Uint8Array,
    edgeKerbStartHeightMillimeters: decodeUnsigned16(sections.edgeKerbStartMillimeters as Uint16Array, 1),
    edgeKerbEndHeightMillimeters: decodeUnsigned16(sections.edgeKerbEndMillimeters as Uint16Array, 1),
    edgeTactilePaving: sections.edgeTactilePaving as Uint8Array, edgeCrossing: sections.edgeCrossing as Uint8Array,
    edgeCrossingSound: sections.edgeCrossingSound as Uint8Array, edgeHandrail: sections.edgeHandrail as Uint8Array,
    edgeSurface: sections.edgeSurface as Uint8Array, edgeStepCount: sections.edgeStepCount as Uint16Array,
    facilityIds: strings.facilityIds, facilityKind: sections.facilityKind as Uint8Array, facilityStatus: sections.facilityStatus as Uint8Array,
    facilitySlopePercent: decodeSigned16(sections.facilitySlopeTenths as Int16Array, percentScale),
    names: strings.names.map((pair): StreetName => ({ nameZh: pair[0] ?? null, nameEn: pair[1] ?? null })),
  };
  checkReferences(table, source);
  return assembleRoutingGraph(table);
}

/** Every index in the file points inside its table, so a damaged file fails here and not deep in a search. */
function checkReferences(table: RoutingEdgeTable, source: string): void {
  const inRange = (value: number, size: number): boolean => value >= 0 && value < size;
  const optional = (value: number, size: number): boolean => value === -1 || inRange(value, size);
  const degree = new Uint8Array(table.nodeCount);
  for (let edge = 0; edge < table.edgeCount; edge += 1) {
    const start = table.edgeStartNode[edge] as number;
    const end = table.edgeEndNode[edge] as number;
    if (!inRange(start, table.nodeCount) || !inRange(end, table.nodeCount)) fail(source, `edge ${edge} (${table.edgeIds[edge]}) refers to a node that is not there`);
    degree[start] = 1;
    degree[end] = 1;
    if ((table.edgeKind[edge] as number) >= NETWORK_KINDS.length || !optional(table.edgeName[edge] as number, table.names.length)
      || !optional(table.edgeFacility[edge] as number, table.facilityCount) || !optional(table.edgeKerbRampStart[edge] as number, table.facilityCount)
      || !optional(table.edgeKerbRampEnd[edge] as number, table.facilityCount)) {
      fail(source, `edge ${edge} (${table.edgeIds[edge]}) refers to a kind, name or facility that is not there`);
    }
  }
  const unused = degree.indexOf(0);
  if (unused >= 0) fail(source, `node ${unused} belongs to no edge`);
  for (let facility = 0; facility < table.facilityCount; facility += 1) {
    if ((table.facilityKind[facility] as number) >= GRAPH_FACILITY_KINDS.length || (table.facilityStatus[facility] as number) > 2) fail(source, `facility ${facility} has an unknown kind or status code`);
  }
}
