// Warnings of an OpenStreetMap import, grouped by kind so a summary can say "12 ways with missing
// nodes, e.g. way/5, way/9" instead of printing thousands of lines. Each kind keeps its count and
// its first examples only, so a huge broken file cannot fill the memory with messages.

export const OSM_WARNING_KINDS = {
  bad_value: 'accessibility tags with a value that is not understood (read as unknown)',
  missing_nodes: 'ways that name nodes missing from the file (the nodes present are used)',
  too_few_nodes: 'ways left out: fewer than two usable nodes',
  empty_geometry: 'ways or relations without any node or member',
  out_of_range: 'nodes with coordinates outside WGS84 ranges (left out)',
  zero_length: 'edges of zero length (left out)',
  self_intersecting: 'ways whose line crosses itself (kept for walking; areas left out of the basemap)',
  duplicate_element: 'elements that appear twice (the first is used)',
  bad_element: 'elements that could not be read (left out)',
  incomplete_relation: 'relations with member ways missing from the file (the members present are used)',
  incomplete_source: 'the file says its data is incomplete (e.g. an Overpass remark about a timeout)',
} as const;

export type OsmWarningKind = keyof typeof OSM_WARNING_KINDS;

export interface OsmWarning {
  kind: OsmWarningKind;
  /** The element concerned, e.g. "way/123"; null when there is none. */
  element: string | null;
  /** English: what is wrong and where. */
  detail: string;
}

export interface OsmWarningGroup {
  kind: OsmWarningKind;
  description: string;
  count: number;
  examples: OsmWarning[];
}

/** Beyond this many distinct warnings, repeats are no longer recognised (memory stays bounded). */
const MAXIMUM_REMEMBERED_WARNINGS = 100_000;

/** How many examples each kind keeps. */
export const KEPT_EXAMPLES_PER_KIND = 50;

export class OsmWarnings {
  private readonly groups = new Map<OsmWarningKind, OsmWarningGroup>();
  // The same problem found twice (a node read by two steps) is one warning.
  private readonly seen = new Set<string>();

  add(kind: OsmWarningKind, element: string | null, detail: string): void {
    const key = `${kind}\u0000${detail}`;
    if (this.seen.has(key)) return;
    if (this.seen.size < MAXIMUM_REMEMBERED_WARNINGS) this.seen.add(key);
    let group = this.groups.get(kind);
    if (group === undefined) {
      group = { kind, description: OSM_WARNING_KINDS[kind], count: 0, examples: [] };
      this.groups.set(kind, group);
    }
    group.count += 1;
    if (group.examples.length < KEPT_EXAMPLES_PER_KIND) group.examples.push({ kind, element, detail });
  }

  /** Adds every warning of another collection (counts included). */
  addAll(other: OsmWarnings): void {
    for (const group of other.list()) {
      for (const example of group.examples) this.add(example.kind, example.element, example.detail);
      // Warnings beyond the kept examples are only counted.
      const mine = this.groups.get(group.kind);
      if (mine) mine.count += group.count - group.examples.length;
    }
  }

  count(kind?: OsmWarningKind): number {
    if (kind !== undefined) return this.groups.get(kind)?.count ?? 0;
    let total = 0;
    for (const group of this.groups.values()) total += group.count;
    return total;
  }

  /** The groups in the order of OSM_WARNING_KINDS, copies. */
  list(): OsmWarningGroup[] {
    return (Object.keys(OSM_WARNING_KINDS) as OsmWarningKind[])
      .map((kind) => this.groups.get(kind))
      .filter((group): group is OsmWarningGroup => group !== undefined)
      .map((group) => ({ ...group, examples: [...group.examples] }));
  }
}

/** Summary lines: one per kind with its count and the first `exampleCount` examples. */
export function formatWarningGroups(groups: readonly OsmWarningGroup[], exampleCount = 3): string[] {
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`warning: ${group.count} ${group.description}`);
    for (const example of group.examples.slice(0, exampleCount)) lines.push(`  ${example.detail}`);
    if (group.count > exampleCount) lines.push(`  … and ${group.count - Math.min(exampleCount, group.examples.length)} more`);
  }
  return lines;
}
