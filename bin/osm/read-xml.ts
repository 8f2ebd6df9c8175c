// Streams an OSM XML file (https://wiki.openstreetmap.org/wiki/OSM_XML) into an OsmElementStore with
// saxes: the file is read in chunks and each element is stored when its closing tag arrives, so no
// document tree of the whole file is ever built. Malformed or truncated XML stops the read with an
// OsmReadError giving the file, line and column.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { OsmElementStore, OsmElementType, OsmMember } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';

const MEMBER_TYPES: ReadonlySet<string> = new Set(['node', 'way', 'relation']);

/** Parses an attribute as a number; NaN when absent or not a number (the store reports it). */
function numberAttribute(tag: SaxesTagPlain, name: string): number {
  const value = tag.attributes[name];
  return value === undefined || value.trim() === '' ? Number.NaN : Number(value);
}

/** Reads XML text chunks into the store; used for files and for tests on strings. */
export function createOsmXmlReader(store: OsmElementStore, fileName: string): { write(chunk: string): void; close(): void } {
  const parser = new SaxesParser<{ xmlns: false; position: true; fileName: string }>({ xmlns: false, position: true, fileName });
  let current: { type: OsmElementType; id: number; longitude: number; latitude: number; skip: boolean } | null = null;
  let tags: Record<string, string> = {};
  let nodeIds: number[] = [];
  let members: OsmMember[] = [];
  let sawRoot = false;
  let badNodeReferences = 0;

  parser.on('opentag', (tag) => {
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== 'osm') throw parser.makeError(`not an OSM XML file: the root element is <${tag.name}>, expected <osm>`);
      return;
    }
    switch (tag.name) {
      case 'node': case 'way': case 'relation':
        current = {
          type: tag.name, id: numberAttribute(tag, 'id'), longitude: numberAttribute(tag, 'lon'), latitude: numberAttribute(tag, 'lat'),
          // JOSM files carry deleted and hidden elements; they are not part of the map.
          skip: tag.attributes.action === 'delete' || tag.attributes.visible === 'false',
        };
        tags = {};
        nodeIds = [];
        members = [];
        break;
      case 'tag': {
        const key = tag.attributes.k;
        const value = tag.attributes.v;
        if (current !== null && key !== undefined && value !== undefined) tags[key] = value;
        break;
      }
      case 'nd': {
        const reference = numberAttribute(tag, 'ref');
        if (Number.isSafeInteger(reference)) nodeIds.push(reference);
        else badNodeReferences += 1;
        break;
      }
      case 'member': {
        const type = tag.attributes.type ?? '';
        const reference = numberAttribute(tag, 'ref');
        if (MEMBER_TYPES.has(type) && Number.isSafeInteger(reference)) members.push({ type: type as OsmElementType, ref: reference, role: tag.attributes.role ?? '' });
        break;
      }
      case 'bounds': {
        const bounds = [numberAttribute(tag, 'minlon'), numberAttribute(tag, 'minlat'), numberAttribute(tag, 'maxlon'), numberAttribute(tag, 'maxlat')];
        const [west, south, east, north] = bounds as [number, number, number, number];
        if (bounds.every(Number.isFinite) && west < east && south < north) store.bounds = [west, south, east, north];
        break;
      }
      default:
        break;
    }
  });

  parser.on('closetag', (tag) => {
    if (current === null || tag.name !== current.type) return;
    const element = current;
    current = null;
    if (element.skip) return;
    if (element.type === 'node') store.addNode(element.id, element.longitude, element.latitude, Object.keys(tags).length > 0 ? tags : null);
    else if (element.type === 'way') store.addWay(element.id, nodeIds, tags);
    else store.addRelation(element.id, members, tags);
    if (badNodeReferences > 0) {
      store.warnings.add('bad_element', `${element.type}/${element.id}`, `${element.type}/${element.id} has ${badNodeReferences} <nd> without a numeric ref; they are left out`);
      badNodeReferences = 0;
    }
  });

  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    throw new OsmReadError(`${message} (malformed or truncated OSM XML; nothing was imported)`);
  };
  return {
    write(chunk: string) {
      try {
        parser.write(chunk);
      } catch (error) {
        fail(error);
      }
    },
    close() {
      try {
        parser.close();
      } catch (error) {
        fail(error);
      }
      if (!sawRoot) throw new OsmReadError(`${fileName} is empty: no <osm> element`);
    },
  };
}

/** Streams the file into the store. Throws OsmReadError for malformed XML, with line and column. */
export async function readOsmXmlFile(path: string, store: OsmElementStore): Promise<void> {
  const reader = createOsmXmlReader(store, basename(path));
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) reader.write(chunk as string);
  } finally {
    stream.destroy();
  }
  reader.close();
}
