import { describe, it, expect } from 'vitest';
import { MAX_PHOTO_BYTES, PHOTO_MEDIA_TYPES, type PhotoMediaType } from './model.ts';
import { MAX_PHOTO_SIDE_PIXELS, hasLocationMetadata, inspectPhoto } from './photo-content.ts';

// Builders for the smallest files each container format accepts: headers and markers only, no
// real pixels (the inspector never decodes them). Numbers follow the same specifications the
// inspector cites: ITU-T T.81 for JPEG, the PNG specification, RFC 9649 for WebP, Exif 2.3.

const text = (value: string): number[] => [...value].map((character) => character.charCodeAt(0));
const bigEndian16 = (value: number): number[] => [(value >> 8) & 0xff, value & 0xff];
const bigEndian32 = (value: number): number[] => [...bigEndian16(Math.floor(value / 0x1_0000)), ...bigEndian16(value % 0x1_0000)];
const littleEndian16 = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff];
const littleEndian24 = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];
const littleEndian32 = (value: number): number[] => [...littleEndian16(value % 0x1_0000), ...littleEndian16(Math.floor(value / 0x1_0000))];
const bytesOf = (...parts: (number[] | Uint8Array)[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

/** One Exif/TIFF block whose IFD0 holds the given tags (each a SHORT with value 1). */
function tiff(tags: number[], byteOrder: 'II' | 'MM' = 'II'): number[] {
  const sixteen = byteOrder === 'II' ? littleEndian16 : bigEndian16;
  const thirtyTwo = byteOrder === 'II' ? littleEndian32 : bigEndian32;
  const entries = tags.flatMap((tag) => [...sixteen(tag), ...sixteen(3), ...thirtyTwo(1), ...sixteen(1), 0, 0]);
  return [...text(byteOrder), ...sixteen(42), ...thirtyTwo(8), ...sixteen(tags.length), ...entries, ...thirtyTwo(0)];
}
const ORIENTATION_TAG = 0x0112;
const GPS_INFO_TAG = 0x8825;

const jpegSegment = (marker: number, payload: number[]): number[] => [0xff, marker, ...bigEndian16(payload.length + 2), ...payload];

interface JpegParts {
  width: number;
  height: number;
  frameMarker?: number;
  /** Segments after APP0 and before the frame header. */
  before?: number[][];
  /** Adds a scan whose entropy-coded data holds a stuffed 0xFF and a restart marker. */
  scan?: boolean;
}

function jpeg({ width, height, frameMarker = 0xc0, before = [], scan = true }: JpegParts): Uint8Array {
  const app0 = jpegSegment(0xe0, [...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  // Frame header: precision, height, width, 1 component (id 1, sampling 1×1, table 0).
  const frame = jpegSegment(frameMarker, [8, ...bigEndian16(height), ...bigEndian16(width), 1, 1, 0x11, 0]);
  const scanPart = scan ? [...jpegSegment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56] : [];
  return bytesOf([0xff, 0xd8], app0, ...before, frame, scanPart, [0xff, 0xd9]);
}
const exifSegment = (tags: number[], byteOrder: 'II' | 'MM' = 'II'): number[] => jpegSegment(0xe1, [...text('Exif'), 0, 0, ...tiff(tags, byteOrder)]);

/** PNG chunk with a zero CRC: the inspector reads structure, not checksums. */
const pngChunk = (type: string, data: number[]): number[] => [...bigEndian32(data.length), ...text(type), ...data, 0, 0, 0, 0];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(width: number, height: number, extraChunks: number[][] = []): Uint8Array {
  const header = pngChunk('IHDR', [...bigEndian32(width), ...bigEndian32(height), 8, 2, 0, 0, 0]);
  return bytesOf(PNG_SIGNATURE, header, ...extraChunks, pngChunk('IDAT', [0x78, 0x9c, 0x63, 0x00, 0x00]), pngChunk('IEND', []));
}

const riffChunk = (fourCc: string, data: number[]): number[] => [...text(fourCc), ...littleEndian32(data.length), ...data, ...(data.length % 2 === 1 ? [0] : [])];
const webp = (...chunks: number[][]): Uint8Array => {
  const body = [...text('WEBP'), ...chunks.flat()];
  return bytesOf(text('RIFF'), littleEndian32(body.length), body);
};
/** Lossy key frame: frame tag with bit 0 clear, start code, 14-bit sizes, then a few bytes of data. */
const vp8 = (width: number, height: number): number[] => riffChunk('VP8 ', [0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...littleEndian16(width), ...littleEndian16(height), 0, 0]);
/** Lossless header: 0x2F, then width − 1 and height − 1 in 14 bits each, alpha 0, version 0. */
const vp8l = (width: number, height: number): number[] => riffChunk('VP8L', [0x2f, ...littleEndian32((width - 1) + (height - 1) * 0x4000), 0]);
const vp8x = (width: number, height: number, flags = 0): number[] => riffChunk('VP8X', [flags, 0, 0, 0, ...littleEndian24(width - 1), ...littleEndian24(height - 1)]);

const validPhotos: { name: string; bytes: Uint8Array; mediaType: PhotoMediaType; width: number; height: number }[] = [
  { name: 'a baseline JPEG', bytes: jpeg({ width: 640, height: 480 }), mediaType: 'image/jpeg', width: 640, height: 480 },
  { name: 'a JPEG without a scan', bytes: jpeg({ width: 17, height: 9000, scan: false }), mediaType: 'image/jpeg', width: 17, height: 9000 },
  { name: 'a PNG', bytes: png(1200, 900), mediaType: 'image/png', width: 1200, height: 900 },
  { name: 'a lossy WebP', bytes: webp(vp8(1024, 768)), mediaType: 'image/webp', width: 1024, height: 768 },
  { name: 'a lossless WebP', bytes: webp(vp8l(333, 777)), mediaType: 'image/webp', width: 333, height: 777 },
  { name: 'an extended WebP', bytes: webp(vp8x(4032, 3024), vp8l(4032, 3024)), mediaType: 'image/webp', width: 4032, height: 3024 },
];

describe('inspectPhoto', () => {
  it.each(validPhotos)('reads the type and size of $name from its content', ({ bytes, mediaType, width, height }) => {
    expect(inspectPhoto(bytes)).toEqual({ ok: true, mediaType, width, height });
    expect(inspectPhoto(bytes, mediaType)).toEqual({ ok: true, mediaType, width, height });
  });

  it('finds the JPEG frame size after APP segments, fill bytes and comments, for every SOFn marker', () => {
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), T.81 Table B.1.
    const frameMarkers = [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];
    const comment = jpegSegment(0xfe, text('made by hand'));
    // A Huffman table (DHT, C4) sits among the SOFn numbers but is no frame header.
    const huffmanTable = jpegSegment(0xc4, [0x00, ...new Array<number>(16).fill(0)]);
    // A thumbnail inside APP1 holds its own end-of-image marker, which must not end the walk.
    const thumbnail = jpegSegment(0xe1, [...text('Exif'), 0, 0, 0xff, 0xd8, 0xff, 0xd9]);
    for (const frameMarker of frameMarkers) {
      const bytes = jpeg({ width: 800 + frameMarker, height: 600, frameMarker, before: [thumbnail, [0xff, 0xff], comment, huffmanTable] });
      expect(inspectPhoto(bytes)).toEqual({ ok: true, mediaType: 'image/jpeg', width: 800 + frameMarker, height: 600 });
    }
  });

  it('accepts bytes after a JPEG’s end-of-image marker, as some cameras write them', () => {
    const bytes = bytesOf(jpeg({ width: 10, height: 20 }), [0, 0, 0, 1, 2, 3]);
    expect(inspectPhoto(bytes)).toMatchObject({ ok: true, width: 10, height: 20 });
  });

  it.each(validPhotos)('refuses $name cut short at any byte, as a truncated upload', ({ bytes }) => {
    for (let length = 1; length < bytes.length; length += 1) {
      const result = inspectPhoto(bytes.subarray(0, length));
      expect(result.ok, `cut at ${length} of ${bytes.length} bytes`).toBe(false);
      if (!result.ok) expect(['damaged', 'unsupported_type']).toContain(result.code);
    }
  });

  it('refuses a JPEG whose scan comes before its frame header', () => {
    const scanFirst = bytesOf([0xff, 0xd8], jpegSegment(0xda, [1, 1, 0, 0, 63, 0]), [0x12], jpegSegment(0xc0, [8, 0, 10, 0, 10, 1, 1, 0x11, 0]), [0xff, 0xd9]);
    expect(inspectPhoto(scanFirst)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('refuses a JPEG without a frame header, whose size nobody can know', () => {
    expect(inspectPhoto(bytesOf([0xff, 0xd8], exifSegment([]), [0xff, 0xd9]))).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('refuses a PNG that does not start with its IHDR chunk', () => {
    const bytes = bytesOf(PNG_SIGNATURE, pngChunk('tEXt', text('Title\u0000x')), pngChunk('IHDR', [...bigEndian32(5), ...bigEndian32(5), 8, 2, 0, 0, 0]), pngChunk('IEND', []));
    expect(inspectPhoto(bytes)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('refuses a WebP whose first chunk is not an image header, and a VP8 chunk without its start code', () => {
    expect(inspectPhoto(webp(riffChunk('EXIF', tiff([])), vp8(10, 10)))).toMatchObject({ ok: false, code: 'damaged' });
    const noStartCode = webp(riffChunk('VP8 ', [0x50, 0x02, 0x00, 0x00, 0x00, 0x00, ...littleEndian16(10), ...littleEndian16(10)]));
    expect(inspectPhoto(noStartCode)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('ignores the scaling bits above a lossy WebP’s 14-bit width and height', () => {
    const scaled = webp(riffChunk('VP8 ', [0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...littleEndian16(1024 | 0x4000), ...littleEndian16(768 | 0xc000), 0, 0]));
    expect(inspectPhoto(scaled)).toMatchObject({ ok: true, width: 1024, height: 768 });
  });

  it('refuses a lossy WebP that starts with an inter frame, which cannot be shown alone', () => {
    const interFrame = webp(riffChunk('VP8 ', [0x51, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...littleEndian16(10), ...littleEndian16(10), 0, 0]));
    expect(inspectPhoto(interFrame)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('steps over the padding byte after a WebP chunk of odd size', () => {
    const oddExif = riffChunk('EXIF', [...tiff([ORIENTATION_TAG]), 0]);
    const positionXmp = riffChunk('XMP ', text('<rdf:Description exif:GPSLatitude="31,13.8N"/>'));
    const bytes = webp(vp8x(64, 48, 0x0c), vp8l(64, 48), oddExif, positionXmp);
    expect(inspectPhoto(bytes)).toMatchObject({ ok: true, width: 64, height: 48 });
    expect(hasLocationMetadata(bytes)).toBe(true);
  });

  it('refuses a lossless WebP of an unknown version', () => {
    const versionOne = webp(riffChunk('VP8L', [0x2f, ...littleEndian32(9 + 9 * 0x4000 + 0x2000_0000), 0]));
    expect(inspectPhoto(versionOne)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('refuses a WebP whose RIFF size claims more bytes than arrived', () => {
    const bytes = webp(vp8(10, 10));
    const claimsMore = bytesOf(bytes.subarray(0, 4), littleEndian32(bytes.length), bytes.subarray(8));
    expect(inspectPhoto(claimsMore)).toMatchObject({ ok: false, code: 'damaged' });
  });

  const otherFormats: { name: string; bytes: Uint8Array }[] = [
    { name: 'GIF', bytes: bytesOf(text('GIF89a'), littleEndian16(10), littleEndian16(10), [0, 0, 0, 0x3b]) },
    { name: 'SVG', bytes: bytesOf(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')) },
    { name: 'HEIC', bytes: bytesOf(bigEndian32(24), text('ftypheic'), bigEndian32(0), text('mif1heic')) },
    { name: 'AVIF', bytes: bytesOf(bigEndian32(24), text('ftypavif'), bigEndian32(0), text('mif1avif')) },
    { name: 'PDF', bytes: bytesOf(text('%PDF-1.7\n')) },
  ];

  it.each(otherFormats)('refuses a $name file and says what it is', ({ name, bytes }) => {
    const result = inspectPhoto(bytes);
    expect(result).toMatchObject({ ok: false, code: 'unsupported_type' });
    if (!result.ok) {
      expect(result.message.en).toContain(name);
      expect(result.message.zh).toContain(name);
    }
  });

  it('refuses bytes of no known format, even when they claim to be a JPEG', () => {
    const result = inspectPhoto(bytesOf(text('just some text, not a photo')), 'image/jpeg');
    expect(result).toMatchObject({ ok: false, code: 'unsupported_type' });
  });

  it('refuses a photo declared as another type than its content', () => {
    for (const { bytes, mediaType } of validPhotos) {
      for (const declared of PHOTO_MEDIA_TYPES.filter((type) => type !== mediaType)) {
        const result = inspectPhoto(bytes, declared);
        expect(result).toMatchObject({ ok: false, code: 'type_mismatch' });
        if (!result.ok) expect(result.message.en).toContain(declared);
      }
    }
    expect(inspectPhoto(png(4, 4), 'image/jpg')).toMatchObject({ ok: false, code: 'type_mismatch' });
    expect(inspectPhoto(png(4, 4), '')).toMatchObject({ ok: false, code: 'type_mismatch' });
  });

  it('compares declared types without case or parameters', () => {
    expect(inspectPhoto(png(4, 4), ' Image/PNG; charset=binary')).toMatchObject({ ok: true, mediaType: 'image/png' });
  });

  it('refuses an empty file', () => {
    expect(inspectPhoto(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty' });
  });

  it('accepts a photo of exactly the byte limit and refuses one byte more, before reading it', () => {
    const photo = jpeg({ width: 100, height: 100 });
    const atLimit = new Uint8Array(MAX_PHOTO_BYTES);
    atLimit.set(photo);
    expect(inspectPhoto(atLimit)).toMatchObject({ ok: true, width: 100, height: 100 });
    const overLimit = new Uint8Array(MAX_PHOTO_BYTES + 1);
    overLimit.set(photo);
    const result = inspectPhoto(overLimit);
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    if (!result.ok) expect(result.message.en).toContain(`${MAX_PHOTO_BYTES / (1024 * 1024)} MB`);
  });

  it('accepts sides up to the pixel limit and refuses larger ones, in every format', () => {
    const limit = MAX_PHOTO_SIDE_PIXELS;
    const makers = [
      (width: number, height: number) => jpeg({ width, height }),
      (width: number, height: number) => png(width, height),
      (width: number, height: number) => webp(vp8x(width, height), vp8l(Math.min(width, 16384), Math.min(height, 16384))),
      (width: number, height: number) => webp(vp8l(width, height)),
    ];
    for (const make of makers) {
      expect(inspectPhoto(make(limit, limit))).toMatchObject({ ok: true, width: limit, height: limit });
      expect(inspectPhoto(make(limit + 1, 10))).toMatchObject({ ok: false, code: 'dimensions_too_large' });
      const tall = inspectPhoto(make(10, limit + 1));
      expect(tall).toMatchObject({ ok: false, code: 'dimensions_too_large' });
      if (!tall.ok) expect(tall.message.en).toContain(`10 × ${limit + 1}`);
    }
  });

  it('refuses a width or height of zero', () => {
    expect(inspectPhoto(jpeg({ width: 0, height: 10 }))).toMatchObject({ ok: false, code: 'invalid_dimensions' });
    expect(inspectPhoto(png(10, 0))).toMatchObject({ ok: false, code: 'invalid_dimensions' });
    expect(inspectPhoto(webp(vp8(0, 10)))).toMatchObject({ ok: false, code: 'invalid_dimensions' });
  });

  it('words every refusal in Chinese and English', () => {
    const refusals = [
      inspectPhoto(new Uint8Array(0)), inspectPhoto(new Uint8Array(MAX_PHOTO_BYTES + 1)), inspectPhoto(bytesOf(text('GIF89a'))),
      inspectPhoto(png(4, 4), 'image/webp'), inspectPhoto(png(4, 4).subarray(0, 40)), inspectPhoto(png(0, 4)), inspectPhoto(png(4, 10_001)),
    ];
    expect(new Set(refusals.map((result) => (result.ok ? 'ok' : result.code))).size).toBe(refusals.length);
    for (const result of refusals) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.message.zh).toMatch(/\p{Script=Han}/u);
      expect(result.message.en).toMatch(/^The selected (photo|file) /);
      expect(result.detail.length).toBeGreaterThan(0);
    }
  });
});

describe('hasLocationMetadata', () => {
  it('finds the GPS pointer in a JPEG’s Exif IFD0, in either byte order', () => {
    for (const byteOrder of ['II', 'MM'] as const) {
      expect(hasLocationMetadata(jpeg({ width: 8, height: 8, before: [exifSegment([ORIENTATION_TAG, GPS_INFO_TAG], byteOrder)] }))).toBe(true);
      expect(hasLocationMetadata(jpeg({ width: 8, height: 8, before: [exifSegment([ORIENTATION_TAG], byteOrder)] }))).toBe(false);
    }
  });

  it('says no for a JPEG without Exif, as a browser re-encode writes it', () => {
    expect(hasLocationMetadata(jpeg({ width: 8, height: 8 }))).toBe(false);
  });

  it('reads segments rather than searching bytes: Exif text in a comment is no Exif', () => {
    const comment = jpegSegment(0xfe, [...text('Exif'), 0, 0, ...tiff([GPS_INFO_TAG])]);
    expect(hasLocationMetadata(jpeg({ width: 8, height: 8, before: [comment] }))).toBe(false);
  });

  it('finds GPS in a PNG eXIf chunk and in a WebP EXIF chunk, with or without the "Exif" prefix', () => {
    expect(hasLocationMetadata(png(8, 8, [pngChunk('eXIf', tiff([GPS_INFO_TAG]))]))).toBe(true);
    expect(hasLocationMetadata(png(8, 8, [pngChunk('eXIf', [...text('Exif'), 0, 0, ...tiff([GPS_INFO_TAG], 'MM')])]))).toBe(true);
    expect(hasLocationMetadata(png(8, 8, [pngChunk('eXIf', tiff([ORIENTATION_TAG]))]))).toBe(false);
    expect(hasLocationMetadata(webp(vp8x(8, 8, 0x08), vp8l(8, 8), riffChunk('EXIF', tiff([GPS_INFO_TAG]))))).toBe(true);
    expect(hasLocationMetadata(webp(vp8x(8, 8, 0x08), vp8l(8, 8), riffChunk('EXIF', [...text('Exif'), 0, 0, ...tiff([GPS_INFO_TAG])])))).toBe(true);
    expect(hasLocationMetadata(webp(vp8x(8, 8, 0x08), vp8l(8, 8), riffChunk('EXIF', tiff([ORIENTATION_TAG]))))).toBe(false);
    expect(hasLocationMetadata(png(8, 8))).toBe(false);
    expect(hasLocationMetadata(webp(vp8(8, 8)))).toBe(false);
  });

  it('finds a position in XMP, in a JPEG, a PNG and a WebP', () => {
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="31,13.8N" exif:GPSLongitude="121,28.2E"/></x:xmpmeta>';
    const noPosition = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description xmp:CreatorTool="Camera"/></x:xmpmeta>';
    const jpegXmp = (body: string) => jpeg({ width: 8, height: 8, before: [jpegSegment(0xe1, [...text('http://ns.adobe.com/xap/1.0/'), 0, ...text(body)])] });
    const pngXmp = (body: string, compressed = 0) => png(8, 8, [pngChunk('iTXt', [...text('XML:com.adobe.xmp'), 0, compressed, 0, 0, 0, ...text(body)])]);
    const webpXmp = (body: string) => webp(vp8x(8, 8, 0x04), vp8l(8, 8), riffChunk('XMP ', text(body)));
    for (const make of [jpegXmp, pngXmp, webpXmp]) {
      expect(hasLocationMetadata(make(xmp))).toBe(true);
      expect(hasLocationMetadata(make(noPosition))).toBe(false);
    }
    // Compressed XMP cannot be read here, so a position cannot be ruled out.
    expect(hasLocationMetadata(pngXmp(noPosition, 1))).toBe(true);
  });

  it('counts unreadable Exif as a location, since one cannot be ruled out', () => {
    const unknownByteOrder = jpegSegment(0xe1, [...text('Exif'), 0, 0, ...text('XX'), 42, 0, 8, 0, 0, 0]);
    const directoryPastTheEnd = jpegSegment(0xe1, [...text('Exif'), 0, 0, ...text('II'), 42, 0, 0xff, 0, 0, 0]);
    const tooManyEntries = jpegSegment(0xe1, [...text('Exif'), 0, 0, ...text('II'), 42, 0, 8, 0, 0, 0, 50, 0]);
    for (const segment of [unknownByteOrder, directoryPastTheEnd, tooManyEntries]) {
      expect(hasLocationMetadata(jpeg({ width: 8, height: 8, before: [segment] }))).toBe(true);
    }
  });

  it('says no for bytes that are not a photo format', () => {
    expect(hasLocationMetadata(bytesOf(text('GIF89a'), tiff([GPS_INFO_TAG])))).toBe(false);
    expect(hasLocationMetadata(new Uint8Array(0))).toBe(false);
  });
});
