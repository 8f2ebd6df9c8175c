// Reads an OSM PBF file (https://wiki.openstreetmap.org/wiki/PBF_Format) into an OsmElementStore.
//
// The file is a sequence of blocks: a 4-byte big-endian length, a BlobHeader (type "OSMHeader" or
// "OSMData", datasize) and a Blob holding the block raw or zlib-compressed. The first block is a
// HeaderBlock (bbox, required features); the rest are PrimitiveBlocks: a string table, then groups
// of nodes, dense nodes, ways and relations whose coordinates are integers scaled by granularity
// (nanodegrees, default 100) plus an offset, and whose ids, coordinates and references are
// delta-coded. Blocks are read one at a time, so memory holds one block besides the store.
// A damaged block stops the read with an OsmReadError naming the block and its byte offset.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import type { OsmElementStore, OsmElementType, OsmMember } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';

/** The format's limits: a BlobHeader under 64 KiB, a Blob under 32 MiB (PBF_Format, "File format"). */
const MAXIMUM_HEADER_BYTES = 64 * 1024;
const MAXIMUM_BLOB_BYTES = 32 * 1024 * 1024;

/** Features a reader must understand to read the file; these are the ones this reader does. */
const SUPPORTED_FEATURES: ReadonlySet<string> = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

const MEMBER_TYPES: readonly OsmElementType[] = ['node', 'way', 'relation'];

const utf8 = new TextDecoder('utf-8');

interface BlobHeader { type: string; dataSize: number }
interface Blob { raw: Uint8Array | null; rawSize: number; zlib: Uint8Array | null; unsupported: string | null }

function readBlobHeader(bytes: Uint8Array): BlobHeader {
  return new PbfReader(bytes).readFields((tag, header: BlobHeader, pbf) => {
    if (tag === 1) header.type = pbf.readString();
    else if (tag === 3) header.dataSize = pbf.readVarint();
  }, { type: '', dataSize: -1 });
}

function readBlob(bytes: Uint8Array): Blob {
  const compression: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };
  return new PbfReader(bytes).readFields((tag, blob: Blob, pbf) => {
    if (tag === 1) blob.raw = pbf.readBytes();
    else if (tag === 2) blob.rawSize = pbf.readVarint();
    else if (tag === 3) blob.zlib = pbf.readBytes();
    else if (compression[tag] !== undefined) blob.unsupported = compression[tag] as string;
  }, { raw: null, rawSize: -1, zlib: null, unsupported: null });
}

function blobContent(blob: Blob): Uint8Array {
  if (blob.raw !== null) return blob.raw;
  if (blob.zlib !== null) {
    const content = inflateSync(blob.zlib);
    if (blob.rawSize >= 0 && content.length !== blob.rawSize) throw new Error(`inflated to ${content.length} bytes, but the blob says ${blob.rawSize}`);
    return content;
  }
  if (blob.unsupported !== null) throw new Error(`${blob.unsupported} compression is not supported (only raw and zlib); convert the file with osmium cat --output-format pbf`);
  throw new Error('the blob holds no data');
}

interface HeaderBlock { bbox: [number, number, number, number] | null; requiredFeatures: string[] }

function readHeaderBlock(bytes: Uint8Array): HeaderBlock {
  return new PbfReader(bytes).readFields((tag, header: HeaderBlock, pbf) => {
    if (tag === 1) {
      // HeaderBBox: left, right, top, bottom in nanodegrees.
      const box = pbf.readMessage((field, values: number[], message) => {
        if (field >= 1 && field <= 4) values[field - 1] = message.readSVarint();
      }, [Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
      const [left, right, top, bottom] = box.map((value) => Math.round(value * 1e-9 * 1e7) / 1e7) as [number, number, number, number];
      if ([left, right, top, bottom].every(Number.isFinite) && left < right && bottom < top) header.bbox = [left, bottom, right, top];
    } else if (tag === 4) {
      header.requiredFeatures.push(pbf.readString());
    }
  }, { bbox: null, requiredFeatures: [] });
}

interface BlockContext {
  strings: string[];
  granularity: number;
  latitudeOffset: number;
  longitudeOffset: number;
  store: OsmElementStore;
}

function stringAt(context: BlockContext, index: number): string {
  const value = context.strings[index];
  if (value === undefined) throw new Error(`string index ${index} is beyond the string table (${context.strings.length} strings)`);
  return value;
}

function tagsOf(context: BlockContext, keys: readonly number[], values: readonly number[]): Record<string, string> {
  if (keys.length !== values.length) throw new Error(`${keys.length} tag keys but ${values.length} values`);
  const tags: Record<string, string> = {};
  keys.forEach((key, index) => { tags[stringAt(context, key)] = stringAt(context, values[index] as number); });
  return tags;
}

const toLongitude = (context: BlockContext, value: number): number => 1e-9 * (context.longitudeOffset + context.granularity * value);
const toLatitude = (context: BlockContext, value: number): number => 1e-9 * (context.latitudeOffset + context.granularity * value);

/** Coordinates as OSM stores them: 7 decimals. Granularity arithmetic leaves float noise beyond that. */
const seven = (value: number): number => Math.round(value * 1e7) / 1e7;

function readDenseNodes(pbf: PbfReader, context: BlockContext): void {
  const dense = pbf.readMessage((tag, result: { ids: number[]; latitudes: number[]; longitudes: number[]; keysValues: number[] }, message) => {
    if (tag === 1) message.readPackedSVarint(result.ids);
    else if (tag === 8) message.readPackedSVarint(result.latitudes);
    else if (tag === 9) message.readPackedSVarint(result.longitudes);
    else if (tag === 10) message.readPackedVarint(result.keysValues);
  }, { ids: [], latitudes: [], longitudes: [], keysValues: [] });
  if (dense.latitudes.length !== dense.ids.length || dense.longitudes.length !== dense.ids.length) {
    throw new Error(`dense nodes with ${dense.ids.length} ids but ${dense.latitudes.length} latitudes and ${dense.longitudes.length} longitudes`);
  }
  let id = 0;
  let latitude = 0;
  let longitude = 0;
  let keyValueIndex = 0;
  for (let index = 0; index < dense.ids.length; index += 1) {
    id += dense.ids[index] as number;
    latitude += dense.latitudes[index] as number;
    longitude += dense.longitudes[index] as number;
    let tags: Record<string, string> | null = null;
    // keys_vals: key, value, key, value, …, 0 after each node's tags; absent when no node has tags.
    while (keyValueIndex < dense.keysValues.length) {
      const key = dense.keysValues[keyValueIndex] as number;
      keyValueIndex += 1;
      if (key === 0) break;
      const value = dense.keysValues[keyValueIndex];
      keyValueIndex += 1;
      if (value === undefined) throw new Error('dense node tags end in the middle of a key and value');
      tags ??= {};
      tags[stringAt(context, key)] = stringAt(context, value);
    }
    context.store.addNode(id, seven(toLongitude(context, longitude)), seven(toLatitude(context, latitude)), tags);
  }
}

function readNode(pbf: PbfReader, context: BlockContext): void {
  const node = pbf.readMessage((tag, result: { id: number; keys: number[]; values: number[]; latitude: number; longitude: number }, message) => {
    if (tag === 1) result.id = message.readSVarint();
    else if (tag === 2) message.readPackedVarint(result.keys);
    else if (tag === 3) message.readPackedVarint(result.values);
    else if (tag === 8) result.latitude = message.readSVarint();
    else if (tag === 9) result.longitude = message.readSVarint();
  }, { id: Number.NaN, keys: [], values: [], latitude: Number.NaN, longitude: Number.NaN });
  const tags = tagsOf(context, node.keys, node.values);
  context.store.addNode(node.id, seven(toLongitude(context, node.longitude)), seven(toLatitude(context, node.latitude)), Object.keys(tags).length > 0 ? tags : null);
}

function readWay(pbf: PbfReader, context: BlockContext): void {
  const way = pbf.readMessage((tag, result: { id: number; keys: number[]; values: number[]; references: number[] }, message) => {
    if (tag === 1) result.id = message.readVarint(true);
    else if (tag === 2) message.readPackedVarint(result.keys);
    else if (tag === 3) message.readPackedVarint(result.values);
    else if (tag === 8) message.readPackedSVarint(result.references);
  }, { id: Number.NaN, keys: [], values: [], references: [] });
  let reference = 0;
  const nodeIds = way.references.map((delta) => (reference += delta));
  context.store.addWay(way.id, nodeIds, tagsOf(context, way.keys, way.values));
}

function readRelation(pbf: PbfReader, context: BlockContext): void {
  const relation = pbf.readMessage((tag, result: { id: number; keys: number[]; values: number[]; roles: number[]; memberIds: number[]; types: number[] }, message) => {
    if (tag === 1) result.id = message.readVarint(true);
    else if (tag === 2) message.readPackedVarint(result.keys);
    else if (tag === 3) message.readPackedVarint(result.values);
    else if (tag === 8) message.readPackedVarint(result.roles, true);
    else if (tag === 9) message.readPackedSVarint(result.memberIds);
    else if (tag === 10) message.readPackedVarint(result.types);
  }, { id: Number.NaN, keys: [], values: [], roles: [], memberIds: [], types: [] });
  if (relation.roles.length !== relation.memberIds.length || relation.types.length !== relation.memberIds.length) {
    throw new Error(`relation/${relation.id} has ${relation.memberIds.length} members but ${relation.roles.length} roles and ${relation.types.length} types`);
  }
  let memberId = 0;
  const members: OsmMember[] = relation.memberIds.map((delta, index) => {
    memberId += delta;
    const type = MEMBER_TYPES[relation.types[index] as number];
    if (type === undefined) throw new Error(`relation/${relation.id} has a member of unknown type ${relation.types[index]}`);
    return { type, ref: memberId, role: stringAt(context, relation.roles[index] as number) };
  });
  context.store.addRelation(relation.id, members, tagsOf(context, relation.keys, relation.values));
}

function readPrimitiveBlock(bytes: Uint8Array, store: OsmElementStore): void {
  // The string table and the scale come before the groups in practice, but protobuf allows any
  // order, so the block is read twice: first its settings, then its groups.
  const context = new PbfReader(bytes).readFields((tag, result: BlockContext, pbf) => {
    if (tag === 1) {
      pbf.readMessage((field, strings: string[], message) => {
        if (field === 1) strings.push(utf8.decode(message.readBytes()));
      }, result.strings);
    } else if (tag === 17) result.granularity = pbf.readVarint();
    else if (tag === 19) result.latitudeOffset = pbf.readVarint(true);
    else if (tag === 20) result.longitudeOffset = pbf.readVarint(true);
  }, { strings: [], granularity: 100, latitudeOffset: 0, longitudeOffset: 0, store });
  new PbfReader(bytes).readFields((tag, _result: null, pbf) => {
    if (tag !== 2) return;
    pbf.readMessage((field, _group: null, message) => {
      if (field === 1) readNode(message, context);
      else if (field === 2) readDenseNodes(message, context);
      else if (field === 3) readWay(message, context);
      else if (field === 4) readRelation(message, context);
    }, null);
  }, null);
}

/** Reads the PBF bytes of a file into the store; `fileName` names it in messages. */
export function readOsmPbf(source: { size: number; read(offset: number, length: number): Uint8Array }, store: OsmElementStore, fileName: string): void {
  let offset = 0;
  let blockIndex = 0;
  let sawHeader = false;
  while (offset < source.size) {
    blockIndex += 1;
    const blockOffset = offset;
    const where = `${fileName}: block ${blockIndex} at byte ${blockOffset}`;
    const fail = (message: string): never => {
      throw new OsmReadError(`${where}: ${message} (damaged or truncated PBF; nothing was imported)`);
    };
    if (source.size - offset < 4) fail(`only ${source.size - offset} bytes left where a 4-byte header length belongs`);
    const lengthBytes = source.read(offset, 4);
    const headerLength = ((lengthBytes[0] as number) << 24 | (lengthBytes[1] as number) << 16 | (lengthBytes[2] as number) << 8 | (lengthBytes[3] as number)) >>> 0;
    offset += 4;
    if (headerLength === 0 || headerLength > MAXIMUM_HEADER_BYTES) fail(`a BlobHeader of ${headerLength} bytes (the format allows 1 to ${MAXIMUM_HEADER_BYTES}); this is not an OSM PBF file or it is damaged`);
    if (offset + headerLength > source.size) fail(`the BlobHeader needs ${headerLength} bytes but the file ends after ${source.size - offset}`);
    let header: BlobHeader;
    try {
      header = readBlobHeader(source.read(offset, headerLength));
    } catch (error) {
      return fail(`the BlobHeader cannot be decoded (${(error as Error).message})`);
    }
    offset += headerLength;
    if (header.dataSize < 0 || header.dataSize > MAXIMUM_BLOB_BYTES) fail(`the blob size ${header.dataSize} is outside 0 to ${MAXIMUM_BLOB_BYTES} bytes`);
    if (offset + header.dataSize > source.size) fail(`the ${header.type || 'blob'} needs ${header.dataSize} bytes but the file ends after ${source.size - offset}`);
    const blobBytes = source.read(offset, header.dataSize);
    offset += header.dataSize;
    if (header.type !== 'OSMHeader' && header.type !== 'OSMData') {
      if (blockIndex === 1) fail(`the first block is of type "${header.type}", not OSMHeader: this is not an OSM PBF file`);
      // The format says readers skip blocks of types they do not know.
      continue;
    }
    try {
      const content = blobContent(readBlob(blobBytes));
      if (header.type === 'OSMHeader') {
        const headerBlock = readHeaderBlock(content);
        const unsupported = headerBlock.requiredFeatures.filter((feature) => !SUPPORTED_FEATURES.has(feature));
        if (unsupported.length > 0) fail(`the file requires features this reader does not have: ${unsupported.join(', ')}`);
        if (headerBlock.bbox !== null) store.bounds = headerBlock.bbox;
        sawHeader = true;
      } else {
        if (!sawHeader) fail('an OSMData block comes before the OSMHeader block');
        readPrimitiveBlock(content, store);
      }
    } catch (error) {
      if (error instanceof OsmReadError) throw error;
      fail(`the ${header.type} block cannot be decoded (${(error as Error).message})`);
    }
  }
  if (!sawHeader) throw new OsmReadError(`${fileName} has no OSMHeader block: it is empty or not an OSM PBF file`);
}

/** Reads a PBF file block by block from disk. */
export function readOsmPbfFile(path: string, store: OsmElementStore): void {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    readOsmPbf({
      size,
      read(offset, length) {
        const buffer = new Uint8Array(length);
        let filled = 0;
        while (filled < length) {
          const count = readSync(descriptor, buffer, filled, length - filled, offset + filled);
          if (count === 0) break;
          filled += count;
        }
        return buffer;
      },
    }, store, basename(path));
  } finally {
    closeSync(descriptor);
  }
}
