// A tiny PMTiles v3 writer for tests: raster archives of a few PNG tiles, encoded here, with
// uncompressed directories. Written from the PMTiles v3 specification
// (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) and the PNG specification
// (W3C, 3rd edition); it covers what tests need, not every option of the format.
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [red: number, green: number, blue: number];
export type TileAddress = { zoom: number; x: number; y: number };
export interface ArchiveTile extends TileAddress { data: Uint8Array }
type BoundingBox = readonly [west: number, south: number, east: number, north: number];

// ---------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

/** CRC-32 as PNG uses it (ISO 3309 polynomial, PNG specification §5.5). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}

/**
 * An 8-bit RGB PNG, not interlaced, every row with filter type 0 (PNG specification §11.2.1 IHDR,
 * §9.2 filter types), the image data compressed with zlib as §10 requires.
 */
export function encodePng(width: number, height: number, colourAt: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const rowStart = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) rows.set(colourAt(x, y), rowStart + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Tile ids and coverage

/**
 * The PMTiles TileId: the tiles of all lower zooms ((4^z − 1) / 3 of them), then the position of
 * (x, y) along the Hilbert curve filling the 2^z × 2^z grid (the xy2d conversion on Wikipedia's
 * "Hilbert curve" page). Plain arithmetic keeps it exact past 32 bits.
 */
export function hilbertTileId(zoom: number, x: number, y: number): number {
  const side = 2 ** zoom;
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 26) throw new Error(`zoom ${zoom} is outside 0–26`);
  if (x < 0 || y < 0 || x >= side || y >= side) throw new Error(`tile ${zoom}/${x}/${y} is outside its zoom level`);
  let distance = 0;
  let column = x;
  let row = y;
  for (let half = side / 2; half >= 1; half /= 2) {
    const right = Math.floor(column / half) % 2;
    const lower = Math.floor(row / half) % 2;
    distance += half * half * ((3 * right) ^ lower);
    // Rotate the quadrant so the curve inside it runs the right way round.
    if (lower === 0) {
      if (right === 1) {
        column = half - 1 - (column % half);
        row = half - 1 - (row % half);
      }
      [column, row] = [row, column];
    }
  }
  return (4 ** zoom - 1) / 3 + distance;
}

/** Slippy map tile numbers (OpenStreetMap wiki, "Slippy map tilenames"). */
export function tileOf(longitude: number, latitude: number, zoom: number): { x: number; y: number } {
  const side = 2 ** zoom;
  const latitudeRadians = (latitude * Math.PI) / 180;
  const x = Math.floor(((longitude + 180) / 360) * side);
  const y = Math.floor(((1 - Math.log(Math.tan(latitudeRadians) + 1 / Math.cos(latitudeRadians)) / Math.PI) / 2) * side);
  return { x: Math.min(side - 1, Math.max(0, x)), y: Math.min(side - 1, Math.max(0, y)) };
}

/** Every tile from minZoom to maxZoom that touches the box. */
export function tilesCovering(bbox: BoundingBox, minZoom: number, maxZoom: number): TileAddress[] {
  const tiles: TileAddress[] = [];
  for (let zoom = minZoom; zoom <= maxZoom; zoom += 1) {
    const northWest = tileOf(bbox[0], bbox[3], zoom);
    const southEast = tileOf(bbox[2], bbox[1], zoom);
    for (let x = northWest.x; x <= southEast.x; x += 1) {
      for (let y = northWest.y; y <= southEast.y; y += 1) tiles.push({ zoom, x, y });
    }
  }
  return tiles;
}

// ---------------------------------------------------------------------------------------------
// Archive

/** Unsigned LEB128 varint, as the directories store numbers; arithmetic, so past 2^32 too. */
function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

interface Entry { tileId: number; offset: number; length: number; runLength: number }

/**
 * A directory in the spec's column order: the entry count, then TileId deltas, run lengths,
 * lengths, and offsets (0 when an entry follows straight on from the previous one, else offset + 1).
 */
function serialiseDirectory(entries: readonly Entry[]): Buffer {
  const bytes: number[] = [...varint(entries.length)];
  let previousTileId = 0;
  for (const entry of entries) {
    bytes.push(...varint(entry.tileId - previousTileId));
    previousTileId = entry.tileId;
  }
  for (const entry of entries) bytes.push(...varint(entry.runLength));
  for (const entry of entries) bytes.push(...varint(entry.length));
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    const followsOn = previous !== undefined && entry.offset === previous.offset + previous.length;
    bytes.push(...varint(followsOn ? 0 : entry.offset + 1));
  });
  return Buffer.from(bytes);
}

/** Header tile type byte (spec v3, header offset 99). */
export const TILE_TYPES = { mvt: 1, png: 2, jpeg: 3, webp: 4 } as const;
const COMPRESSION_NONE = 1;
const HEADER_BYTES = 127;
/** Header and root directory must fit in the first 16 KiB (spec v3, "Directory Hierarchy"). */
const ROOT_LIMIT_BYTES = 16_384;

export interface ArchiveOptions {
  tiles: readonly ArchiveTile[];
  tileType: keyof typeof TILE_TYPES;
  bounds: BoundingBox;
  metadata: Record<string, unknown>;
}

/**
 * A whole archive in the recommended order: header, root directory, JSON metadata, no leaf
 * directories, tile data. Tiles with the same bytes are stored once; nothing is compressed.
 */
export function writePmtilesArchive(options: ArchiveOptions): Buffer {
  if (options.tiles.length === 0) throw new Error('A PMTiles directory must not be empty (spec v3.1)');
  const sorted = options.tiles
    .map((tile) => ({ ...tile, tileId: hilbertTileId(tile.zoom, tile.x, tile.y) }))
    .sort((first, second) => first.tileId - second.tileId);
  const contents: Buffer[] = [];
  const offsetsByContent = new Map<string, number>();
  let dataLength = 0;
  const entries: Entry[] = sorted.map((tile) => {
    if (tile.data.length === 0) throw new Error(`tile ${tile.zoom}/${tile.x}/${tile.y} is empty; entry lengths must be > 0`);
    const key = Buffer.from(tile.data).toString('base64');
    let offset = offsetsByContent.get(key);
    if (offset === undefined) {
      offset = dataLength;
      offsetsByContent.set(key, offset);
      contents.push(Buffer.from(tile.data));
      dataLength += tile.data.length;
    }
    return { tileId: tile.tileId, offset, length: tile.data.length, runLength: 1 };
  });
  if (new Set(entries.map((entry) => entry.tileId)).size !== entries.length) throw new Error('the same tile is given twice');
  const root = serialiseDirectory(entries);
  if (HEADER_BYTES + root.length > ROOT_LIMIT_BYTES) throw new Error(`the root directory is ${root.length} bytes; header and root must fit in 16 KiB`);
  const metadata = Buffer.from(JSON.stringify(options.metadata), 'utf8');
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset;
  const zooms = options.tiles.map((tile) => tile.zoom);
  const minZoom = Math.min(...zooms);
  const maxZoom = Math.max(...zooms);

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const sixtyFourBit: [number, number][] = [
    [8, rootOffset], [16, root.length], [24, metadataOffset], [32, metadata.length], [40, leafOffset], [48, 0],
    [56, dataOffset], [64, dataLength], [72, entries.length], [80, entries.length], [88, contents.length],
  ];
  for (const [at, value] of sixtyFourBit) header.writeBigUInt64LE(BigInt(value), at);
  // Tile data is written in TileId order, so the archive is clustered.
  header.set([1, COMPRESSION_NONE, COMPRESSION_NONE, TILE_TYPES[options.tileType], minZoom, maxZoom], 96);
  const e7 = (degrees: number): number => Math.round(degrees * 1e7);
  const [west, south, east, north] = options.bounds;
  header.writeInt32LE(e7(west), 102);
  header.writeInt32LE(e7(south), 106);
  header.writeInt32LE(e7(east), 110);
  header.writeInt32LE(e7(north), 114);
  header.writeUInt8(maxZoom, 118);
  header.writeInt32LE(e7((west + east) / 2), 119);
  header.writeInt32LE(e7((south + north) / 2), 123);
  return Buffer.concat([header, root, metadata, ...contents]);
}

// ---------------------------------------------------------------------------------------------
// A ready-made raster basemap

export const TILE_SIZE_PIXELS = 256;
/** A light blue-grey no colour of the district's own drawing comes near. */
export const TILE_GROUND_COLOUR: Rgb = [196, 214, 232];
export const TILE_GRID_COLOUR: Rgb = [120, 140, 165];
const GRID_SPACING_PIXELS = 32;

/** One 256 px tile: the ground colour with a grid, so a drawn map is easy to tell from a blank one. */
export function gridTilePng(): Buffer {
  return encodePng(TILE_SIZE_PIXELS, TILE_SIZE_PIXELS, (x, y) => (x % GRID_SPACING_PIXELS === 0 || y % GRID_SPACING_PIXELS === 0 ? TILE_GRID_COLOUR : TILE_GROUND_COLOUR));
}

/** A PNG raster archive covering the box at the given zooms, every tile the same grid. */
export function rasterBasemapArchive(bbox: BoundingBox, minZoom: number, maxZoom: number, attribution = 'Test tiles'): Buffer {
  const png = gridTilePng();
  return writePmtilesArchive({
    tiles: tilesCovering(bbox, minZoom, maxZoom).map((tile) => ({ ...tile, data: png })),
    tileType: 'png',
    bounds: bbox,
    metadata: { name: 'test raster basemap', type: 'baselayer', attribution },
  });
}
