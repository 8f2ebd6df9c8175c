// Reads Overpass API JSON (https://wiki.openstreetmap.org/wiki/Overpass_API/Output_Formats) into an
// OsmElementStore: {"elements": [{"type": "node", "id", "lat", "lon", "tags"}, {"type": "way",
// "id", "nodes", "tags", "geometry"?}, {"type": "relation", "id", "members", "tags"}]}. Ways from
// `out geom` carry their positions; nodes missing as elements are taken from there. The file is
// parsed whole (Overpass answers are small next to XML extracts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseJsonText } from '../../src/domain/facilities/parse.ts';
import type { OsmElementStore, OsmElementType, OsmMember } from '../../src/domain/import/osm/elements.ts';
import { OsmReadError } from './read-error.ts';

const MEMBER_TYPES: ReadonlySet<string> = new Set(['node', 'way', 'relation']);

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function tagsOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Whether parsed JSON looks like Overpass output: an object with an `elements` array. */
export function isOverpassJson(json: unknown): boolean {
  return isObject(json) && Array.isArray(json.elements);
}

export function readOverpassJson(text: string, store: OsmElementStore, fileName: string): void {
  const { json, problem } = parseJsonText(fileName, text);
  if (problem) throw new OsmReadError(`${problem.detail}; nothing was imported`);
  if (!isOverpassJson(json)) {
    const type = isObject(json) && typeof json.type === 'string' ? ` (it is GeoJSON of type ${json.type}; for OpenSidewalks GeoJSON use bfmap import-opensidewalks)` : '';
    throw new OsmReadError(`${fileName} is not Overpass JSON: it has no "elements" array${type}`);
  }
  const root = json as JsonObject;
  if (typeof root.remark === 'string' && /error|timed out|out of memory/i.test(root.remark)) {
    store.warnings.add('incomplete_source', null, `${fileName}: Overpass says "${root.remark.trim()}"; the answer is probably incomplete`);
  }
  const geometryNodes: { id: number; longitude: number; latitude: number }[] = [];
  (root.elements as unknown[]).forEach((element, index) => {
    const where = `${fileName} element ${index}`;
    if (!isObject(element)) {
      store.warnings.add('bad_element', null, `${where} is not an object; it is left out`);
      return;
    }
    const { type, id } = element;
    if (typeof id !== 'number') {
      store.warnings.add('bad_element', null, `${where} (${String(type)}) has no numeric id; it is left out`);
      return;
    }
    const label = `${String(type)}/${id}`;
    if (type === 'node') {
      const longitude = typeof element.lon === 'number' ? element.lon : Number.NaN;
      const latitude = typeof element.lat === 'number' ? element.lat : Number.NaN;
      const tags = tagsOf(element.tags);
      store.addNode(id, longitude, latitude, Object.keys(tags).length > 0 ? tags : null);
    } else if (type === 'way') {
      const nodes = Array.isArray(element.nodes) ? element.nodes.filter((node): node is number => Number.isSafeInteger(node)) : [];
      if (Array.isArray(element.geometry)) {
        element.geometry.forEach((position: unknown, positionIndex: number) => {
          const nodeId = nodes[positionIndex];
          if (nodeId !== undefined && isObject(position) && typeof position.lon === 'number' && typeof position.lat === 'number') {
            geometryNodes.push({ id: nodeId, longitude: position.lon, latitude: position.lat });
          }
        });
      }
      if (nodes.length === 0 && isObject(element.center)) {
        store.warnings.add('empty_geometry', label, `${label} has only a centre (Overpass "out center"), no nodes; it is left out. Query with "out geom" or "out body; >; out skel qt;"`);
        return;
      }
      store.addWay(id, nodes, tagsOf(element.tags));
    } else if (type === 'relation') {
      const members: OsmMember[] = [];
      if (Array.isArray(element.members)) {
        for (const member of element.members) {
          if (isObject(member) && typeof member.type === 'string' && MEMBER_TYPES.has(member.type) && Number.isSafeInteger(member.ref)) {
            members.push({ type: member.type as OsmElementType, ref: member.ref as number, role: typeof member.role === 'string' ? member.role : '' });
          }
        }
      }
      store.addRelation(id, members, tagsOf(element.tags));
    } else {
      store.warnings.add('bad_element', label, `${where} has the type ${JSON.stringify(type)}, not node, way or relation; it is left out`);
    }
  });
  for (const node of geometryNodes) if (!store.hasNode(node.id)) store.addNode(node.id, node.longitude, node.latitude, null);
}

export function readOverpassJsonFile(path: string, store: OsmElementStore): void {
  readOverpassJson(readFileSync(path, 'utf8'), store, basename(path));
}
