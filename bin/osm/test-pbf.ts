// A small OSM PBF encoder for the reader's tests: writes the blocks the reader decodes (header,
// string table, dense nodes, ways, relations) so tests can build files with chosen scales,
// compression and damage. Test support only; the import never writes PBF.
import { deflateSync } from 'node:zlib';
import { PbfWriter } from 'pbf';

export interface PbfNode { id: number; longitude: number; latitude: number; tags?: Record<string, string> }
export interface PbfWay { id: number; nodeIds: number[]; tags?: Record<string, string> }
export interface PbfRelation { id: number; members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[]; tags?: Record<string, string> }

export interface PbfContent {
  bbox?: [west: number, south: number, east: number, north: number];
  nodes: PbfNode[];
  ways?: PbfWay[];
  relations?: PbfRelation[];
}

export interface PbfEncoding {
  granularity?: number;
  latitudeOffset?: number;
  longitudeOffset?: number;
  compress?: boolean;
  requiredFeatures?: string[];
}

const MEMBER_TYPE_CODES = { node: 0, way: 1, relation: 2 } as const;

function deltas(values: readonly number[]): number[] {
  return values.map((value, index) => value - (index === 0 ? 0 : (values[index - 1] as number)));
}

/** One file block: 4-byte length, BlobHeader, Blob. */
export function encodeBlock(type: string, content: Uint8Array, compress: boolean): Uint8Array {
  const blob = new PbfWriter();
  if (compress) {
    blob.writeVarintField(2, content.length);
    blob.writeBytesField(3, deflateSync(content));
  } else {
    blob.writeBytesField(1, content);
  }
  const blobBytes = blob.finish().slice();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish().slice();
  const block = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(block.buffer).setUint32(0, headerBytes.length, false);
  block.set(headerBytes, 4);
  block.set(blobBytes, 4 + headerBytes.length);
  return block;
}

export function encodeOsmPbf(content: PbfContent, encoding: PbfEncoding = {}): Uint8Array {
  const granularity = encoding.granularity ?? 100;
  const latitudeOffset = encoding.latitudeOffset ?? 0;
  const longitudeOffset = encoding.longitudeOffset ?? 0;
  const compress = encoding.compress ?? true;

  const header = new PbfWriter();
  if (content.bbox) {
    const [west, south, east, north] = content.bbox.map((degrees) => Math.round(degrees * 1e9));
    header.writeMessage(1, (box: number[], writer) => box.forEach((value, index) => writer.writeSVarintField(index + 1, value)), [west as number, east as number, north as number, south as number]);
  }
  for (const feature of encoding.requiredFeatures ?? ['OsmSchema-V0.6', 'DenseNodes']) header.writeStringField(4, feature);

  const strings = [''];
  const indexOf = (text: string): number => {
    let index = strings.indexOf(text);
    if (index < 0) index = strings.push(text) - 1;
    return index;
  };
  const keysValues: number[] = [];
  for (const node of content.nodes) {
    for (const [key, value] of Object.entries(node.tags ?? {})) keysValues.push(indexOf(key), indexOf(value));
    keysValues.push(0);
  }
  const wayTags = (content.ways ?? []).map((way) => Object.entries(way.tags ?? {}).map(([key, value]) => [indexOf(key), indexOf(value)] as const));
  const relationTags = (content.relations ?? []).map((relation) => Object.entries(relation.tags ?? {}).map(([key, value]) => [indexOf(key), indexOf(value)] as const));
  const roles = (content.relations ?? []).map((relation) => relation.members.map((member) => indexOf(member.role)));

  const scaled = (degrees: number, offset: number): number => Math.round((degrees * 1e9 - offset) / granularity);
  const block = new PbfWriter();
  block.writeMessage(1, (table: string[], writer) => table.forEach((text) => writer.writeBytesField(1, new TextEncoder().encode(text))), strings);
  block.writeMessage(2, (_group: null, writer) => {
    writer.writeMessage(2, (_dense: null, denseWriter) => {
      denseWriter.writePackedSVarint(1, deltas(content.nodes.map((node) => node.id)));
      denseWriter.writePackedSVarint(8, deltas(content.nodes.map((node) => scaled(node.latitude, latitudeOffset))));
      denseWriter.writePackedSVarint(9, deltas(content.nodes.map((node) => scaled(node.longitude, longitudeOffset))));
      denseWriter.writePackedVarint(10, keysValues);
    }, null);
  }, null);
  if ((content.ways ?? []).length > 0) {
    block.writeMessage(2, (_group: null, writer) => {
      (content.ways ?? []).forEach((way, index) => writer.writeMessage(3, (_way: null, wayWriter) => {
        wayWriter.writeVarintField(1, way.id);
        wayWriter.writePackedVarint(2, (wayTags[index] ?? []).map(([key]) => key));
        wayWriter.writePackedVarint(3, (wayTags[index] ?? []).map(([, value]) => value));
        wayWriter.writePackedSVarint(8, deltas(way.nodeIds));
      }, null));
    }, null);
  }
  if ((content.relations ?? []).length > 0) {
    block.writeMessage(2, (_group: null, writer) => {
      (content.relations ?? []).forEach((relation, index) => writer.writeMessage(4, (_relation: null, relationWriter) => {
        relationWriter.writeVarintField(1, relation.id);
        relationWriter.writePackedVarint(2, (relationTags[index] ?? []).map(([key]) => key));
        relationWriter.writePackedVarint(3, (relationTags[index] ?? []).map(([, value]) => value));
        relationWriter.writePackedVarint(8, roles[index] ?? []);
        relationWriter.writePackedSVarint(9, deltas(relation.members.map((member) => member.ref)));
        relationWriter.writePackedVarint(10, relation.members.map((member) => MEMBER_TYPE_CODES[member.type]));
      }, null));
    }, null);
  }
  if (granularity !== 100) block.writeVarintField(17, granularity);
  if (latitudeOffset !== 0) block.writeVarintField(19, latitudeOffset);
  if (longitudeOffset !== 0) block.writeVarintField(20, longitudeOffset);

  const headerBlock = encodeBlock('OSMHeader', header.finish().slice(), compress);
  const dataBlock = encodeBlock('OSMData', block.finish().slice(), compress);
  const file = new Uint8Array(headerBlock.length + dataBlock.length);
  file.set(headerBlock, 0);
  file.set(dataBlock, headerBlock.length);
  return file;
}
