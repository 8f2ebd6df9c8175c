// The OpenStreetMap element model the readers fill and the conversion reads: nodes, ways and
// relations of the OSM data model (https://wiki.openstreetmap.org/wiki/Elements).
//
// A city extract has far more nodes than anything else and most of them are bare way vertices, so
// nodes are kept compactly: their positions in one growing Float64Array, found through a Map from
// OSM id to slot, and tags only for the nodes whose tags the conversion can use
// (isInterestingNodeTags). Ways and relations keep all their tags.
import type { BoundingBox, LngLat } from '../../facilities/model.ts';
import { OsmWarnings } from './warnings.ts';

export type OsmElementType = 'node' | 'way' | 'relation';
export type OsmTags = Readonly<Record<string, string>>;

export interface OsmNode {
  id: number;
  position: LngLat;
  /** The node's tags when it has interesting ones (see isInterestingNodeTags), else an empty object. */
  tags: OsmTags;
}

export interface OsmWay {
  id: number;
  nodeIds: readonly number[];
  tags: OsmTags;
}

export interface OsmMember {
  type: OsmElementType;
  ref: number;
  role: string;
}

export interface OsmRelation {
  id: number;
  members: readonly OsmMember[];
  tags: OsmTags;
}

const NO_TAGS: OsmTags = Object.freeze({});

// Keys that say nothing the conversion uses; a node whose tags are only these keeps no tags.
const UNINTERESTING_KEY = /^(created_by|source|source:.*|note|note:.*|fixme|FIXME|description|check_date.*|survey.*|attribution|ele|import.*|lamp_.*|street_lamp.*|highway:.*|mapillary.*|wikidata|wikipedia)$/;

/** Whether a node's tags are worth keeping: anything but bookkeeping keys. */
export function isInterestingNodeTags(tags: OsmTags): boolean {
  for (const key of Object.keys(tags)) if (!UNINTERESTING_KEY.test(key)) return true;
  return false;
}

export function elementLabel(type: OsmElementType, id: number): string {
  return `${type}/${id}`;
}

/**
 * The elements read from one OSM file. Readers call addNode/addWay/addRelation in file order;
 * problems with single elements (coordinates out of range, a repeated id) become warnings and the
 * element is left out, so one bad element never stops an import.
 */
export class OsmElementStore {
  readonly warnings = new OsmWarnings();
  /** The area the file says it covers (<bounds> in XML, the header bbox in PBF), when it says so. */
  bounds: BoundingBox | null = null;

  private west = Infinity;
  private south = Infinity;
  private east = -Infinity;
  private north = -Infinity;
  private readonly nodeSlots = new Map<number, number>();
  private positions = new Float64Array(2 * 1024);
  private readonly nodeTags = new Map<number, OsmTags>();
  private readonly wayList: OsmWay[] = [];
  private readonly wayIds = new Set<number>();
  private readonly relationList: OsmRelation[] = [];
  private readonly relationIds = new Set<number>();

  get nodeCount(): number {
    return this.nodeSlots.size;
  }

  get ways(): readonly OsmWay[] {
    return this.wayList;
  }

  get relations(): readonly OsmRelation[] {
    return this.relationList;
  }

  addNode(id: number, longitude: number, latitude: number, tags: OsmTags | null): void {
    if (!Number.isSafeInteger(id)) {
      this.warnings.add('bad_element', null, `a node has the id ${String(id)}, which is not a whole number; it is left out`);
      return;
    }
    if (!(Number.isFinite(longitude) && Number.isFinite(latitude) && Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90)) {
      this.warnings.add('out_of_range', elementLabel('node', id), `node/${id} has lon=${String(longitude)} lat=${String(latitude)}, outside WGS84 longitude −180…180 / latitude −90…90; it is left out`);
      return;
    }
    if (this.nodeSlots.has(id)) {
      this.warnings.add('duplicate_element', elementLabel('node', id), `node/${id} appears twice; the first one is used`);
      return;
    }
    const slot = this.nodeSlots.size;
    if (2 * slot + 2 > this.positions.length) {
      const grown = new Float64Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[2 * slot] = longitude;
    this.positions[2 * slot + 1] = latitude;
    this.nodeSlots.set(id, slot);
    this.west = Math.min(this.west, longitude);
    this.east = Math.max(this.east, longitude);
    this.south = Math.min(this.south, latitude);
    this.north = Math.max(this.north, latitude);
    if (tags !== null && isInterestingNodeTags(tags)) this.nodeTags.set(id, tags);
  }

  addWay(id: number, nodeIds: readonly number[], tags: OsmTags): void {
    if (!Number.isSafeInteger(id)) {
      this.warnings.add('bad_element', null, `a way has the id ${String(id)}, which is not a whole number; it is left out`);
      return;
    }
    if (this.wayIds.has(id)) {
      this.warnings.add('duplicate_element', elementLabel('way', id), `way/${id} appears twice; the first one is used`);
      return;
    }
    this.wayIds.add(id);
    this.wayList.push({ id, nodeIds, tags });
  }

  addRelation(id: number, members: readonly OsmMember[], tags: OsmTags): void {
    if (!Number.isSafeInteger(id)) {
      this.warnings.add('bad_element', null, `a relation has the id ${String(id)}, which is not a whole number; it is left out`);
      return;
    }
    if (this.relationIds.has(id)) {
      this.warnings.add('duplicate_element', elementLabel('relation', id), `relation/${id} appears twice; the first one is used`);
      return;
    }
    this.relationIds.add(id);
    this.relationList.push({ id, members, tags });
  }

  /** The box around every node read; null when there is none. */
  nodeExtent(): BoundingBox | null {
    return this.west === Infinity ? null : [this.west, this.south, this.east, this.north];
  }

  hasNode(id: number): boolean {
    return this.nodeSlots.has(id);
  }

  /** The node's position, or null when the file does not have it. */
  nodePosition(id: number): LngLat | null {
    const slot = this.nodeSlots.get(id);
    if (slot === undefined) return null;
    return [this.positions[2 * slot] as number, this.positions[2 * slot + 1] as number];
  }

  nodeTagsOf(id: number): OsmTags {
    return this.nodeTags.get(id) ?? NO_TAGS;
  }

  /** Every node that kept tags, as [id, tags], in the order they were read. */
  taggedNodes(): IterableIterator<[number, OsmTags]> {
    return this.nodeTags.entries();
  }

  node(id: number): OsmNode | null {
    const position = this.nodePosition(id);
    return position === null ? null : { id, position, tags: this.nodeTagsOf(id) };
  }
}
