// What the steps of one OSM conversion share: the elements, the warnings, the clip area, way
// geometry resolved once (so a way with missing nodes is reported once), the ids handed out (unique
// across every layer of the district, as bfmap validate requires) and the counts of things left out.
import type { Feature, Geometry } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { type ClipArea, clipLine, containsPosition } from './clip.ts';
import { elementLabel, type OsmElementStore, type OsmTags, type OsmWay } from './elements.ts';
import { roundPosition, samePosition } from './geometry.ts';
import { elementAddress, elementNames } from './names.ts';
import { OsmWarnings } from './warnings.ts';

export interface ResolvedWay {
  way: OsmWay;
  /** The way's nodes that the file has, consecutive repeats removed. */
  nodeIds: number[];
  positions: LngLat[];
}

export class ConversionContext {
  readonly warnings = new OsmWarnings();
  /** Things deliberately not imported, by reason, for the summary. */
  readonly notImported = new Map<string, number>();
  private readonly resolved = new Map<number, ResolvedWay | null>();
  private readonly usedIds = new Set<string>();

  constructor(readonly store: OsmElementStore, readonly clip: ClipArea | null) {
    this.warnings.addAll(store.warnings);
  }

  countNotImported(reason: string, count = 1): void {
    this.notImported.set(reason, (this.notImported.get(reason) ?? 0) + count);
  }

  tagsOfNode(id: number): OsmTags {
    return this.store.nodeTagsOf(id);
  }

  /**
   * The way's nodes that exist, in order, with their positions; null (and a warning) when fewer than
   * two distinct positions remain. Missing nodes are reported once per way.
   */
  resolveWay(way: OsmWay): ResolvedWay | null {
    const cached = this.resolved.get(way.id);
    if (cached !== undefined) return cached;
    const label = elementLabel('way', way.id);
    const nodeIds: number[] = [];
    const positions: LngLat[] = [];
    let missing = 0;
    for (const nodeId of way.nodeIds) {
      const position = this.store.nodePosition(nodeId);
      if (position === null) {
        missing += 1;
        continue;
      }
      const previous = positions[positions.length - 1];
      if (nodeIds[nodeIds.length - 1] === nodeId || (previous !== undefined && samePosition(previous, position))) continue;
      nodeIds.push(nodeId);
      positions.push(position);
    }
    let result: ResolvedWay | null = { way, nodeIds, positions };
    if (way.nodeIds.length === 0) {
      this.warnings.add('empty_geometry', label, `${label} has no nodes; it is left out`);
      result = null;
    } else if (positions.length === 1 && way.nodeIds.length - missing >= 2) {
      this.warnings.add('zero_length', label, `${label} has ${way.nodeIds.length - missing} nodes all at one position (${positions[0]?.join(', ')}): zero length; it is left out`);
      result = null;
    } else if (positions.length < 2) {
      this.warnings.add('too_few_nodes', label, `${label} has ${positions.length === 0 ? 'no node' : 'one distinct position'} left of its ${way.nodeIds.length} nodes${missing > 0 ? ` (${missing} missing from the file)` : ''}; it is left out`);
      result = null;
    } else if (missing > 0) {
      this.warnings.add('missing_nodes', label, `${label} names ${missing} of its ${way.nodeIds.length} nodes that are not in the file; the ${way.nodeIds.length - missing} present are used`);
    }
    this.resolved.set(way.id, result);
    return result;
  }

  inside(position: LngLat): boolean {
    return this.clip === null || containsPosition(this.clip, position);
  }

  /** The parts of a line inside the district, rounded, each with at least two distinct positions. */
  clipLine(line: readonly LngLat[]): LngLat[][] {
    const parts = this.clip === null ? [line.slice()] : clipLine(this.clip, line);
    return parts.map(dedupeRounded).filter((part) => part.length >= 2);
  }

  /** Hands out an id, unique across all layers; a clash (which the id scheme should prevent) gets a suffix and a warning. */
  claimId(id: string): string {
    if (!this.usedIds.has(id)) {
      this.usedIds.add(id);
      return id;
    }
    let serial = 2;
    while (this.usedIds.has(`${id}~${serial}`)) serial += 1;
    const unique = `${id}~${serial}`;
    this.warnings.add('duplicate_element', id, `the id ${id} came out twice; the second is ${unique}`);
    this.usedIds.add(unique);
    return unique;
  }
}

/** Rounds to 7 decimals and drops positions that became equal to the one before. */
export function dedupeRounded(line: readonly LngLat[]): LngLat[] {
  const result: LngLat[] = [];
  for (const position of line) {
    const rounded = roundPosition(position);
    const previous = result[result.length - 1];
    if (previous === undefined || !samePosition(previous, rounded)) result.push(rounded);
  }
  return result;
}

export function feature(properties: Record<string, unknown>, geometry: Geometry): Feature {
  return { type: 'Feature', properties, geometry };
}

/** The properties every facility has, in the order of data/README.md; OSM says nothing about status. */
export function facilityCommonProperties(id: string, category: string, tags: OsmTags, names = elementNames(tags)): Record<string, unknown> {
  const address = elementAddress(tags);
  return {
    id, category, name_zh: names.nameZh, name_en: names.nameEn, address_zh: address.addressZh, address_en: address.addressEn,
    status: 'unknown', status_note: null, last_verified: null, source: 'osm',
  };
}

export function pointGeometry(position: LngLat): Geometry {
  return { type: 'Point', coordinates: roundPosition(position) };
}

export function lineGeometry(line: readonly LngLat[]): Geometry {
  return { type: 'LineString', coordinates: line.map(roundPosition) };
}
