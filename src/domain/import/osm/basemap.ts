// The optional basemap of an OSM extract (data/README.md, "basemap.geojson"): streets, rail and
// waterways as lines, buildings, parks and water as polygons of closed ways, clipped to the
// district. Tunnels are left out: what runs underground is not drawn on the street.
import type { Feature } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { clipRing } from './clip.ts';
import { type ConversionContext, dedupeRounded, feature } from './context.ts';
import { elementLabel } from './elements.ts';
import { lineSelfIntersects, signedRingArea } from './geometry.ts';
import { elementNames } from './names.ts';
import { basemapRuleOf } from './tag-mapping.ts';

export function buildBasemap(context: ConversionContext): Feature[] {
  const basemap: Feature[] = [];
  for (const way of [...context.store.ways].sort((first, second) => first.id - second.id)) {
    const rule = basemapRuleOf(way.tags);
    if (rule === null || (way.tags.tunnel !== undefined && way.tags.tunnel !== 'no')) continue;
    const closed = way.nodeIds.length >= 4 && way.nodeIds[0] === way.nodeIds[way.nodeIds.length - 1];
    if (rule.geometry === 'area' && !closed) continue;
    const resolved = context.resolveWay(way);
    if (resolved === null) continue;
    const names = rule.kind === 'building' ? { nameZh: null, nameEn: null } : elementNames(way.tags);
    const properties = { kind: rule.kind, name_zh: names.nameZh, name_en: names.nameEn };
    if (rule.geometry === 'line') {
      for (const part of context.clipLine(resolved.positions)) basemap.push(feature(properties, { type: 'LineString', coordinates: part }));
      continue;
    }
    let ring: LngLat[] = [...resolved.positions];
    if (ring.length < 4) continue;
    if (lineSelfIntersects(ring)) {
      const label = elementLabel('way', way.id);
      context.warnings.add('self_intersecting', label, `${label} (${rule.key}=${way.tags[rule.key]}) is an area whose outline crosses itself; it is left out of the basemap`);
      continue;
    }
    const clipped = context.clip === null ? ring : clipRing(context.clip, ring);
    if (clipped === null) continue;
    ring = dedupeRounded(clipped);
    if (ring.length < 4) continue;
    const first = ring[0] as LngLat;
    const last = ring[ring.length - 1] as LngLat;
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
    // RFC 7946 §3.1.6: exterior rings counter-clockwise.
    if (signedRingArea(ring) < 0) ring.reverse();
    basemap.push(feature(properties, { type: 'Polygon', coordinates: [ring] }));
  }
  return basemap;
}
