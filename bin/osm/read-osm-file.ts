// Reads an OSM file of any supported format into an OsmElementStore. The format is decided by the
// file's first bytes, not its name: PBF starts with a block length and "OSMHeader", XML with "<",
// Overpass JSON with "{"; gzip-compressed XML (.osm.gz) is unpacked on the fly. A name that says
// otherwise (data.json holding XML) does not matter.
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { OsmElementStore } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';
import { readOverpassJsonFile } from './read-overpass-json.ts';
import { readOsmPbfFile } from './read-pbf.ts';
import { createOsmXmlReader, readOsmXmlFile } from './read-xml.ts';

export type OsmFileFormat = 'xml' | 'xml-gzip' | 'pbf' | 'overpass-json';

/** The format of the file from its first bytes; throws OsmReadError for anything else. */
export function detectOsmFormat(path: string): OsmFileFormat {
  const descriptor = openSync(path, 'r');
  const head = new Uint8Array(64);
  let length: number;
  try {
    length = readSync(descriptor, head, 0, head.length, 0);
  } finally {
    closeSync(descriptor);
  }
  const name = basename(path);
  if (length === 0) throw new OsmReadError(`${name} is empty`);
  if (head[0] === 0x1f && head[1] === 0x8b) return 'xml-gzip';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, length));
  if (text.slice(4, 64).includes('OSMHeader')) return 'pbf';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return 'xml';
  if (start.startsWith('{')) return 'overpass-json';
  throw new OsmReadError(`${name} is not OSM XML, OSM PBF or Overpass JSON (it starts with ${JSON.stringify(text.slice(0, 16))})`);
}

async function readGzippedXml(path: string, store: OsmElementStore): Promise<void> {
  const reader = createOsmXmlReader(store, basename(path));
  const stream = createReadStream(path).pipe(createGunzip());
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) reader.write(chunk as string);
  } catch (error) {
    if (error instanceof OsmReadError) throw error;
    throw new OsmReadError(`${basename(path)} cannot be unpacked: ${(error as Error).message}`);
  }
  reader.close();
}

export interface OsmFileRead {
  store: OsmElementStore;
  format: OsmFileFormat;
}

/** Reads the file; throws OsmReadError when it is missing, unreadable or not OSM data. */
export async function readOsmFile(path: string): Promise<OsmFileRead> {
  if (!existsSync(path)) throw new OsmReadError(`${path} does not exist`);
  if (!statSync(path).isFile()) throw new OsmReadError(`${path} is not a file`);
  const format = detectOsmFormat(path);
  const store = new OsmElementStore();
  if (format === 'pbf') readOsmPbfFile(path, store);
  else if (format === 'xml') await readOsmXmlFile(path, store);
  else if (format === 'xml-gzip') await readGzippedXml(path, store);
  else readOverpassJsonFile(path, store);
  return { store, format };
}
