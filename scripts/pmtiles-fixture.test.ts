// The test PMTiles writer (tests/support/pmtiles-fixture.ts), read back with the pmtiles library
// the app uses, so a test archive is one the browser really reads.
import { describe, it, expect } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { PMTiles, TileType, Compression, tileIdToZxy, zxyToTileId, type RangeResponse, type Source } from 'pmtiles';
import { decodePng } from '../tests/support/map.ts';
import {
  TILE_GRID_COLOUR, TILE_GROUND_COLOUR, TILE_SIZE_PIXELS, crc32, encodePng, gridTilePng, hilbertTileId, rasterBasemapArchive, tileOf,
  tilesCovering, writePmtilesArchive,
} from '../tests/support/pmtiles-fixture.ts';

/** The archive in memory, as the library's Source interface asks for it; counts the reads. */
class BufferSource implements Source {
  reads: [offset: number, length: number][] = [];
  constructor(private readonly bytes: Buffer) {}
  getKey(): string {
    return 'memory.pmtiles';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.reads.push([offset, length]);
    const slice = this.bytes.subarray(offset, offset + length);
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.length) as ArrayBuffer };
  }
}

const sampleBbox = [121.4590016, 31.2226217, 121.4810622, 31.2373306] as const;

describe('PNG encoding', () => {
  it('computes the CRC-32 that zlib computes', () => {
    for (const text of ['', 'IEND', 'IHDR\u0000\u0000\u0001\u0000', '无障碍']) {
      const bytes = Buffer.from(text, 'utf8');
      expect(crc32(bytes), text).toBe(zlibCrc32(bytes));
    }
  });

  it('decodes back to the pixels it was given', () => {
    const colourAt = (x: number, y: number) => [x * 40, y * 60, (x + y) * 10] as const;
    const image = decodePng(encodePng(5, 3, colourAt));
    expect([image.width, image.height, image.channels]).toEqual([5, 3, 3]);
    for (let y = 0; y < 3; y += 1) {
      for (let x = 0; x < 5; x += 1) {
        const offset = (y * 5 + x) * 3;
        expect([...image.pixels.subarray(offset, offset + 3)], `${x},${y}`).toEqual([...colourAt(x, y)]);
      }
    }
  });
});

describe('tile ids', () => {
  it('match the pmtiles library for every tile up to zoom 6, and back', () => {
    for (let zoom = 0; zoom <= 6; zoom += 1) {
      for (let x = 0; x < 2 ** zoom; x += 1) {
        for (let y = 0; y < 2 ** zoom; y += 1) {
          const tileId = hilbertTileId(zoom, x, y);
          expect(tileId, `${zoom}/${x}/${y}`).toBe(zxyToTileId(zoom, x, y));
          expect(tileIdToZxy(tileId)).toEqual([zoom, x, y]);
        }
      }
    }
  });

  it('match at a street zoom above 32 bits', () => {
    const { x, y } = tileOf(121.47, 31.23, 20);
    expect(hilbertTileId(20, x, y)).toBe(zxyToTileId(20, x, y));
    expect(hilbertTileId(20, x, y)).toBeGreaterThan(2 ** 32);
  });

  it('the tile of Shanghai at zoom 10 is the one the slippy-map formula gives', () => {
    // 121.47 E: (121.47 + 180) / 360 × 1024 = 857.5; 31.23 N: y = (1 − asinh(tan φ) / π) / 2 × 1024 = 418.9.
    const latitude = (31.23 * Math.PI) / 180;
    expect(tileOf(121.47, 31.23, 10)).toEqual({ x: Math.floor((301.47 / 360) * 1024), y: Math.floor(((1 - Math.asinh(Math.tan(latitude)) / Math.PI) / 2) * 1024) });
  });

  it('tiles covering a box include the tiles of its corners at each zoom', () => {
    const tiles = tilesCovering(sampleBbox, 12, 14);
    for (let zoom = 12; zoom <= 14; zoom += 1) {
      for (const [longitude, latitude] of [[sampleBbox[0], sampleBbox[1]], [sampleBbox[2], sampleBbox[3]]] as const) {
        expect(tiles).toContainEqual({ zoom, ...tileOf(longitude, latitude, zoom) });
      }
    }
  });
});

describe('a raster archive read back with the pmtiles library', () => {
  const tiles = tilesCovering(sampleBbox, 12, 15);
  const bytes = rasterBasemapArchive(sampleBbox, 12, 15, '© Test tiles');
  const source = new BufferSource(bytes);
  const archive = new PMTiles(source);

  it('has the header it was written with', async () => {
    const header = await archive.getHeader();
    expect(header.specVersion).toBe(3);
    expect(header.tileType).toBe(TileType.Png);
    expect([header.internalCompression, header.tileCompression]).toEqual([Compression.None, Compression.None]);
    expect([header.minZoom, header.maxZoom]).toEqual([12, 15]);
    expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual([...sampleBbox]);
    expect([header.numAddressedTiles, header.numTileEntries, header.numTileContents]).toEqual([tiles.length, tiles.length, 1]);
    expect(header.tileDataOffset + (header.tileDataLength ?? 0)).toBe(bytes.length);
  });

  it('has its metadata', async () => {
    expect(await archive.getMetadata()).toEqual({ name: 'test raster basemap', type: 'baselayer', attribution: '© Test tiles' });
  });

  it('returns every written tile as the PNG, and nothing for a tile it does not hold', async () => {
    const png = gridTilePng();
    for (const tile of tiles) {
      const read = await archive.getZxy(tile.zoom, tile.x, tile.y);
      expect(read && Buffer.from(read.data).equals(png), `${tile.zoom}/${tile.x}/${tile.y}`).toBe(true);
    }
    const first = tiles[0];
    if (!first) throw new Error('no tiles covered');
    expect(await archive.getZxy(first.zoom, first.x + 5, first.y)).toBeUndefined();
    expect(await archive.getZxy(11, 0, 0)).toBeUndefined();
  });

  it('draws the ground colour with a grid line every 32 pixels', () => {
    const image = decodePng(gridTilePng());
    expect([image.width, image.height]).toEqual([TILE_SIZE_PIXELS, TILE_SIZE_PIXELS]);
    const pixel = (x: number, y: number): number[] => [...image.pixels.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];
    expect(pixel(10, 10)).toEqual([...TILE_GROUND_COLOUR]);
    expect(pixel(32, 10)).toEqual([...TILE_GRID_COLOUR]);
  });

  it('keeps header and root directory in the first 16 KiB, the one read a client prefetches', async () => {
    const header = await new PMTiles(new BufferSource(bytes)).getHeader();
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
  });
});

describe('an archive with distinct tiles', () => {
  it('stores each content once and finds each tile by its own bytes', async () => {
    const addresses = [{ zoom: 3, x: 6, y: 3 }, { zoom: 3, x: 7, y: 3 }, { zoom: 3, x: 6, y: 2 }, { zoom: 2, x: 3, y: 1 }];
    const tiles = addresses.map((address, index) => ({ ...address, data: encodePng(2, 2, () => [index * 50, 0, 0]) }));
    const repeated = { zoom: 4, x: 13, y: 6, data: tiles[1]?.data ?? new Uint8Array() };
    const archive = new PMTiles(new BufferSource(writePmtilesArchive({ tiles: [...tiles, repeated], tileType: 'png', bounds: [90, 0, 180, 67], metadata: {} })));
    const header = await archive.getHeader();
    expect([header.numTileEntries, header.numTileContents]).toEqual([5, 4]);
    for (const tile of [...tiles, repeated]) {
      const read = await archive.getZxy(tile.zoom, tile.x, tile.y);
      expect(read && Buffer.from(read.data).equals(Buffer.from(tile.data)), `${tile.zoom}/${tile.x}/${tile.y}`).toBe(true);
    }
  });

  it('refuses an empty archive and a tile given twice', () => {
    expect(() => writePmtilesArchive({ tiles: [], tileType: 'png', bounds: [0, 0, 1, 1], metadata: {} })).toThrow(/must not be empty/);
    const tile = { zoom: 1, x: 1, y: 0, data: new Uint8Array([1]) };
    expect(() => writePmtilesArchive({ tiles: [tile, tile], tileType: 'png', bounds: [0, 0, 1, 1], metadata: {} })).toThrow(/twice/);
  });
});
