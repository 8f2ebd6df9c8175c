// Checks a report photo by what its bytes are, not by what the upload says it is: the file name and
// the declared type come from the client and prove nothing. Only the container structure is read
// (signatures, segment and chunk headers, the frame size); pixels are never decoded. Also tells
// whether a photo still carries a location, which the browser was meant to strip by re-encoding.
//
// Formats, as read here:
// - JPEG: ITU-T T.81 Annex B (markers and segments; SOFn frame header B.2.2);
// - PNG: ISO/IEC 15948 / W3C PNG (signature, chunk layout, IHDR first, IEND last; eXIf chunk);
// - WebP: RFC 9649 (RIFF container; VP8, VP8L and VP8X chunks; EXIF and XMP chunks);
// - Exif: CIPA DC-008 (Exif 2.3), TIFF structure and the GPS Info IFD Pointer, tag 0x8825.
import { MAX_PHOTO_BYTES, type PhotoMediaType } from './model.ts';
import type { LocalizedText } from './localized.ts';

/**
 * Widest or tallest photo accepted, in pixels (from the reports issue). A report photo needs far
 * less, and a decoder would need 400 MB for 10000 × 10000 RGBA pixels: larger sides are refused
 * before anything (a thumbnailer, a browser) tries to decode them.
 */
export const MAX_PHOTO_SIDE_PIXELS = 10_000;

/**
 * Why a photo was refused:
 * - `empty`: no bytes; `too_large`: more than MAX_PHOTO_BYTES;
 * - `unsupported_type`: not a JPEG, PNG or WebP (GIF, SVG, HEIC, anything else);
 * - `type_mismatch`: the declared media type is not what the content is;
 * - `damaged`: the structure is broken or the file ends early (a truncated upload);
 * - `invalid_dimensions`: a width or height of 0; `dimensions_too_large`: a side over MAX_PHOTO_SIDE_PIXELS.
 */
export type PhotoProblemCode = 'empty' | 'too_large' | 'unsupported_type' | 'type_mismatch' | 'damaged' | 'invalid_dimensions' | 'dimensions_too_large';

export type PhotoInspection =
  | { ok: true; mediaType: PhotoMediaType; width: number; height: number }
  | {
    ok: false;
    code: PhotoProblemCode;
    message: LocalizedText;
    /** What exactly is wrong and at which byte, in English, for logs and bug reports rather than for people. */
    detail: string;
  };

const FORMAT_NAMES: Readonly<Record<PhotoMediaType, string>> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
const MEGABYTE = 1024 * 1024;

type Dimensions = { width: number; height: number };
/** The outcome of reading a container: the frame size, or what broke and where. */
type StructureReading = { ok: true; dimensions: Dimensions } | { ok: false; detail: string };

const broken = (detail: string): StructureReading => ({ ok: false, detail });

// Byte readers. Callers check bounds first; `?? 0` only satisfies the index type.
const byteAt = (bytes: Uint8Array, offset: number): number => bytes[offset] ?? 0;
const uint16BigEndian = (bytes: Uint8Array, offset: number): number => (byteAt(bytes, offset) << 8) | byteAt(bytes, offset + 1);
const uint16LittleEndian = (bytes: Uint8Array, offset: number): number => byteAt(bytes, offset) | (byteAt(bytes, offset + 1) << 8);
const uint24LittleEndian = (bytes: Uint8Array, offset: number): number => uint16LittleEndian(bytes, offset) + byteAt(bytes, offset + 2) * 0x1_0000;
const uint32BigEndian = (bytes: Uint8Array, offset: number): number => uint16BigEndian(bytes, offset) * 0x1_0000 + uint16BigEndian(bytes, offset + 2);
const uint32LittleEndian = (bytes: Uint8Array, offset: number): number => uint16LittleEndian(bytes, offset) + uint16LittleEndian(bytes, offset + 2) * 0x1_0000;
/** Bytes as Latin-1 text, in pieces: spreading megabytes into one call would overflow the stack. */
function ascii(bytes: Uint8Array, offset: number, length: number): string {
  const pieces: string[] = [];
  const end = Math.min(bytes.length, offset + length);
  for (let start = offset; start < end; start += 8192) pieces.push(String.fromCharCode(...bytes.subarray(start, Math.min(end, start + 8192))));
  return pieces.join('');
}
const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((value, index) => bytes[offset + index] === value);
const startsWithText = (bytes: Uint8Array, text: string, offset = 0): boolean => startsWith(bytes, [...text].map((character) => character.charCodeAt(0)), offset);

const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The photo type the bytes start like, before their structure is checked. */
function photoTypeOf(bytes: Uint8Array): PhotoMediaType | null {
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWithText(bytes, 'RIFF') && startsWithText(bytes, 'WEBP', 8)) return 'image/webp';
  return null;
}

// HEIF brands (ISO/IEC 23008-12) and AVIF brands (AV1 Image File Format).
const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'];
const AVIF_BRANDS = ['avif', 'avis'];

/** A name people know for a format we refuse, to say what the file is; null when we cannot tell. */
function otherFormatName(bytes: Uint8Array): string | null {
  if (startsWithText(bytes, 'GIF87a') || startsWithText(bytes, 'GIF89a')) return 'GIF';
  if (startsWithText(bytes, 'ftyp', 4)) {
    const brand = ascii(bytes, 8, 4);
    if (AVIF_BRANDS.includes(brand)) return 'AVIF';
    if (HEIF_BRANDS.includes(brand)) return 'HEIC';
  }
  if (startsWithText(bytes, 'II*\u0000') || startsWithText(bytes, 'MM\u0000*')) return 'TIFF';
  if (startsWithText(bytes, 'BM')) return 'BMP';
  if (startsWithText(bytes, '%PDF-')) return 'PDF';
  // SVG is text: an XML declaration, comments or a doctype may come before the root element.
  const head = ascii(bytes, 0, 1024).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart();
  if (head.startsWith('<') && /<svg[\s>]/i.test(head)) return 'SVG';
  return null;
}

// --- JPEG ---

/** SOFn markers: C0–CF except DHT (C4), JPG (C8, reserved) and DAC (CC) (T.81 Table B.1). */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length: TEM and RST0–RST7 (T.81 B.1.1.3 and Table B.1). */
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
const END_OF_IMAGE = 0xd9;
const START_OF_SCAN = 0xda;
const hex = (value: number): string => value.toString(16).toUpperCase().padStart(2, '0');

/**
 * After a scan header: the offset of the next marker's 0xFF, skipping entropy-coded data, in which
 * a 0xFF byte is followed by 0x00 (a stuffed byte) or an RST marker (T.81 B.1.1.5). -1 when the
 * file ends first.
 */
function skipEntropyCodedData(bytes: Uint8Array, from: number): number {
  let offset = from;
  while (offset < bytes.length - 1) {
    if (byteAt(bytes, offset) !== 0xff) {
      offset += 1;
      continue;
    }
    const next = byteAt(bytes, offset + 1);
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) offset += 2;
    else if (next === 0xff) offset += 1;
    else return offset;
  }
  return -1;
}

interface JpegSegment {
  marker: number;
  /** Where the segment's payload (after the length field) starts and ends. */
  start: number;
  end: number;
}

/**
 * The segments of a JPEG from SOI to EOI (or to the first scan header, with `untilFirstScan`), and
 * what broke when the walk could not get there.
 */
interface JpegWalk {
  segments: JpegSegment[];
  failure: string | null;
}

function walkJpeg(bytes: Uint8Array, untilFirstScan = false): JpegWalk {
  const segments: JpegSegment[] = [];
  const fail = (failure: string): JpegWalk => ({ segments, failure });
  let offset = 2;
  for (;;) {
    if (offset >= bytes.length) return fail('JPEG ends before its end-of-image marker (FFD9)');
    if (byteAt(bytes, offset) !== 0xff) return fail(`JPEG has 0x${hex(byteAt(bytes, offset))} at byte ${offset} where a marker should start`);
    const markerAt = offset;
    // Any number of 0xFF fill bytes may come before a marker (T.81 B.1.1.2).
    while (offset < bytes.length && byteAt(bytes, offset) === 0xff) offset += 1;
    if (offset >= bytes.length) return fail('JPEG ends inside a marker');
    const marker = byteAt(bytes, offset);
    offset += 1;
    if (marker === END_OF_IMAGE) return { segments, failure: null };
    if (isStandalone(marker)) continue;
    if (marker === 0x00 || marker === 0xd8) return fail(`JPEG has the marker FF${hex(marker)} at byte ${markerAt}, which cannot appear there`);
    if (offset + 2 > bytes.length) return fail(`JPEG ends inside the length of segment FF${hex(marker)} at byte ${markerAt}`);
    const length = uint16BigEndian(bytes, offset);
    const end = offset + length;
    if (length < 2) return fail(`JPEG segment FF${hex(marker)} at byte ${markerAt} has the impossible length ${length}`);
    if (end > bytes.length) return fail(`JPEG segment FF${hex(marker)} at byte ${markerAt} runs past the end of the file`);
    segments.push({ marker, start: offset + 2, end });
    if (marker === START_OF_SCAN && untilFirstScan) return { segments, failure: null };
    if (marker === START_OF_SCAN) {
      const next = skipEntropyCodedData(bytes, end);
      if (next < 0) return fail(`JPEG ends inside the scan data that starts at byte ${end}`);
      offset = next;
    } else {
      offset = end;
    }
  }
}

function readJpeg(bytes: Uint8Array): StructureReading {
  const walk = walkJpeg(bytes);
  if (walk.failure !== null) return broken(walk.failure);
  const frameIndex = walk.segments.findIndex((segment) => isStartOfFrame(segment.marker));
  const scanIndex = walk.segments.findIndex((segment) => segment.marker === START_OF_SCAN);
  const frame = walk.segments[frameIndex];
  if (!frame) return broken('JPEG has no frame header (SOFn), so its size is unknown');
  if (scanIndex >= 0 && scanIndex < frameIndex) return broken('JPEG has a scan before its frame header (SOFn)');
  // Frame header: sample precision (1 byte), lines Y (2), samples per line X (2), … (T.81 B.2.2).
  if (frame.end - frame.start < 5) return broken(`JPEG frame header FF${hex(frame.marker)} is too short`);
  return { ok: true, dimensions: { height: uint16BigEndian(bytes, frame.start + 1), width: uint16BigEndian(bytes, frame.start + 3) } };
}

// --- PNG ---

interface PngChunk {
  type: string;
  start: number;
  end: number;
}

/** The PNG spec caps chunk lengths at 2^31 − 1 (PNG specification, "Chunk layout"). */
const MAX_PNG_CHUNK_LENGTH = 0x7fff_ffff;

/** The chunks of a PNG from the signature to IEND, and what broke when the walk could not reach IEND. */
function walkPng(bytes: Uint8Array): { chunks: PngChunk[]; failure: string | null } {
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (offset + 8 > bytes.length) return { chunks, failure: 'PNG ends before its IEND chunk' };
    const length = uint32BigEndian(bytes, offset);
    const type = ascii(bytes, offset + 4, 4);
    if (length > MAX_PNG_CHUNK_LENGTH) return { chunks, failure: `PNG chunk at byte ${offset} has the impossible length ${length}` };
    // Length, type, data, then a 4-byte CRC.
    const end = offset + 8 + length + 4;
    if (end > bytes.length) return { chunks, failure: `PNG chunk "${type}" at byte ${offset} runs past the end of the file` };
    chunks.push({ type, start: offset + 8, end: offset + 8 + length });
    if (type === 'IEND') return { chunks, failure: null };
    offset = end;
  }
}

function readPng(bytes: Uint8Array): StructureReading {
  const walk = walkPng(bytes);
  if (walk.failure !== null) return broken(walk.failure);
  const header = walk.chunks[0];
  // IHDR comes first and holds width, height (4 bytes each), bit depth and four more bytes (PNG specification, IHDR).
  if (!header || header.type !== 'IHDR' || header.end - header.start !== 13) {
    return broken(`PNG starts with chunk "${header?.type ?? ''}" where a 13-byte IHDR should be`);
  }
  return { ok: true, dimensions: { width: uint32BigEndian(bytes, header.start), height: uint32BigEndian(bytes, header.start + 4) } };
}

// --- WebP ---

interface RiffChunk {
  fourCc: string;
  start: number;
  end: number;
}

/** The chunks inside a WebP's RIFF container, in order, or what broke. */
function webpChunks(bytes: Uint8Array): { ok: true; chunks: RiffChunk[] } | { ok: false; detail: string } {
  if (bytes.length < 12) return { ok: false, detail: 'WebP ends inside its RIFF header' };
  // The RIFF size counts everything after the size field itself (RFC 9649, "RIFF Header").
  const riffEnd = 8 + uint32LittleEndian(bytes, 4);
  if (riffEnd > bytes.length) return { ok: false, detail: `WebP says it is ${riffEnd} bytes long but has only ${bytes.length}` };
  const chunks: RiffChunk[] = [];
  let offset = 12;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) return { ok: false, detail: `WebP ends inside the chunk header at byte ${offset}` };
    const fourCc = ascii(bytes, offset, 4);
    const size = uint32LittleEndian(bytes, offset + 4);
    const end = offset + 8 + size;
    if (end > riffEnd) return { ok: false, detail: `WebP chunk "${fourCc}" at byte ${offset} runs past the end of the file` };
    chunks.push({ fourCc, start: offset + 8, end });
    // Chunks of odd size are followed by one padding byte (RFC 9649, "RIFF File Format").
    offset = end + (size % 2);
  }
  return { ok: true, chunks };
}

function readWebp(bytes: Uint8Array): StructureReading {
  const read = webpChunks(bytes);
  if (!read.ok) return broken(read.detail);
  const first = read.chunks[0];
  if (!first) return broken('WebP holds no chunks');
  const size = first.end - first.start;
  switch (first.fourCc) {
    case 'VP8 ': {
      // Lossy: a 3-byte frame tag (bit 0 clear on a key frame), the start code 9D 01 2A, then
      // 14-bit width and height, each with 2 scaling bits above (RFC 6386 §9.1).
      if (size < 10) return broken('WebP VP8 chunk is too short for a frame header');
      if ((byteAt(bytes, first.start) & 1) !== 0) return broken('WebP VP8 chunk does not start with a key frame');
      if (!startsWith(bytes, [0x9d, 0x01, 0x2a], first.start + 3)) return broken('WebP VP8 chunk lacks the key frame start code 9D 01 2A');
      return { ok: true, dimensions: { width: uint16LittleEndian(bytes, first.start + 6) & 0x3fff, height: uint16LittleEndian(bytes, first.start + 8) & 0x3fff } };
    }
    case 'VP8L': {
      // Lossless: signature 0x2F, then 14 bits of width − 1, 14 bits of height − 1, 1 alpha bit
      // and a 3-bit version that must be 0 (RFC 9649, the lossless bitstream header).
      if (size < 5) return broken('WebP VP8L chunk is too short for its header');
      if (byteAt(bytes, first.start) !== 0x2f) return broken('WebP VP8L chunk lacks its signature byte 0x2F');
      const bits = uint32LittleEndian(bytes, first.start + 1);
      if (bits >>> 29 !== 0) return broken(`WebP VP8L chunk has the unknown version ${bits >>> 29}`);
      return { ok: true, dimensions: { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 } };
    }
    case 'VP8X':
      // Extended: flags (1 byte), reserved (3), canvas width − 1 and height − 1 (3 bytes each) (RFC 9649, "Extended File Format").
      if (size < 10) return broken('WebP VP8X chunk is too short');
      return { ok: true, dimensions: { width: uint24LittleEndian(bytes, first.start + 4) + 1, height: uint24LittleEndian(bytes, first.start + 7) + 1 } };
    default:
      return broken(`WebP starts with chunk "${first.fourCc}" where VP8, VP8L or VP8X should be`);
  }
}

// --- The check ---

const refuse = (code: PhotoProblemCode, zh: string, en: string, detail: string): PhotoInspection => ({ ok: false, code, message: { zh, en }, detail });

/** A declared type as compared: lower case, without parameters ("image/PNG; q=1" is "image/png"). */
const normaliseMediaType = (declared: string): string => (declared.split(';')[0] ?? '').trim().toLowerCase();

/**
 * Decides what a photo is from its bytes and whether to keep it. Accepted: a JPEG, PNG or WebP of
 * at most MAX_PHOTO_BYTES whose structure holds together up to its end marker (so a truncated upload
 * is refused) and whose sides are 1 to MAX_PHOTO_SIDE_PIXELS pixels. `declaredType`, when given
 * (the part's Content-Type, or the report's photo declaration), must name the same type; pass
 * undefined when nothing was declared. Checks run cheapest first and stop at the first problem.
 * Messages follow the GOV.UK Design System's file upload error messages.
 */
export function inspectPhoto(bytes: Uint8Array, declaredType?: string): PhotoInspection {
  if (bytes.length === 0) return refuse('empty', '所选照片是空文件，请另选一张', 'The selected photo is empty: choose another one', 'no bytes');
  if (bytes.length > MAX_PHOTO_BYTES) {
    return refuse(
      'too_large', `所选照片不能超过 ${MAX_PHOTO_BYTES / MEGABYTE} MB`, `The selected photo must be ${MAX_PHOTO_BYTES / MEGABYTE} MB or smaller`,
      `${bytes.length} bytes, more than ${MAX_PHOTO_BYTES}`,
    );
  }
  const mediaType = photoTypeOf(bytes);
  if (mediaType === null) {
    const name = otherFormatName(bytes);
    return name === null
      ? refuse('unsupported_type', '所选文件应为 JPEG、PNG 或 WebP 格式的照片', 'The selected file must be a JPEG, PNG or WebP photo', 'no known signature')
      : refuse(
        'unsupported_type', `所选文件是 ${name} 格式：请选择 JPEG、PNG 或 WebP 格式的照片`, `The selected file is a ${name}: choose a JPEG, PNG or WebP photo`,
        `${name} signature`,
      );
  }
  const actualName = FORMAT_NAMES[mediaType];
  if (declaredType !== undefined && normaliseMediaType(declaredType) !== mediaType) {
    // The declared type comes from the client: quote only a bounded piece of it.
    const declared = normaliseMediaType(declaredType).slice(0, 100);
    return refuse(
      'type_mismatch',
      `所选照片声明为“${declared}”，实际内容却是 ${actualName}：请重新选择照片`,
      `The selected photo is declared as "${declared}" but its content is a ${actualName}: choose the photo again`,
      `declared "${declared}", content ${mediaType}`,
    );
  }
  const reading = mediaType === 'image/jpeg' ? readJpeg(bytes) : mediaType === 'image/png' ? readPng(bytes) : readWebp(bytes);
  if (!reading.ok) {
    return refuse('damaged', '所选照片不完整或已损坏：请重新选择，或重新拍一张', 'The selected photo is incomplete or damaged: choose it again, or take a new one', reading.detail);
  }
  const { width, height } = reading.dimensions;
  if (width === 0 || height === 0) {
    return refuse('invalid_dimensions', '所选照片的宽度或高度为 0 像素：请另选一张', 'The selected photo has a width or height of 0 pixels: choose another one', `${width} × ${height}`);
  }
  if (width > MAX_PHOTO_SIDE_PIXELS || height > MAX_PHOTO_SIDE_PIXELS) {
    return refuse(
      'dimensions_too_large',
      `所选照片的宽和高不能超过 ${MAX_PHOTO_SIDE_PIXELS} 像素（现在是 ${width} × ${height}）`,
      `The selected photo must be at most ${MAX_PHOTO_SIDE_PIXELS} pixels wide and high (it is ${width} × ${height})`,
      `${width} × ${height}`,
    );
  }
  return { ok: true, mediaType, width, height };
}

// --- Location metadata ---

const EXIF_HEADER = 'Exif\u0000\u0000';
const XMP_HEADERS = ['http://ns.adobe.com/xap/1.0/\u0000', 'http://ns.adobe.com/xmp/extension/\u0000'];
const GPS_INFO_TAG = 0x8825;
/** XMP properties that hold a position (Exif 2.3 metadata for XMP, exif: namespace). */
const XMP_POSITION = /GPS(?:Latitude|Longitude)/;

type MetadataBlock = { kind: 'exif'; bytes: Uint8Array } | { kind: 'xmp'; text: string } | { kind: 'unreadable' };

/** A TIFF-structured Exif payload, without the "Exif\0\0" prefix some writers put before it. */
const exifPayload = (bytes: Uint8Array): MetadataBlock => ({ kind: 'exif', bytes: startsWithText(bytes, EXIF_HEADER) ? bytes.subarray(EXIF_HEADER.length) : bytes });

function jpegMetadata(bytes: Uint8Array): MetadataBlock[] {
  // Metadata sits before the first scan; a walk that breaks still yields the segments before the break.
  return walkJpeg(bytes, true).segments.filter((segment) => segment.marker === 0xe1).flatMap((segment): MetadataBlock[] => {
    const payload = bytes.subarray(segment.start, segment.end);
    if (startsWithText(payload, EXIF_HEADER)) return [exifPayload(payload)];
    const xmpHeader = XMP_HEADERS.find((header) => startsWithText(payload, header));
    return xmpHeader ? [{ kind: 'xmp', text: ascii(payload, xmpHeader.length, payload.length - xmpHeader.length) }] : [];
  });
}

const XMP_KEYWORD = 'XML:com.adobe.xmp\u0000';

function pngMetadata(bytes: Uint8Array): MetadataBlock[] {
  return walkPng(bytes).chunks.flatMap((chunk): MetadataBlock[] => {
    const payload = bytes.subarray(chunk.start, chunk.end);
    if (chunk.type === 'eXIf') return [exifPayload(payload)];
    // iTXt: keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, text (PNG specification, iTXt chunk).
    if (chunk.type !== 'iTXt' || !startsWithText(payload, XMP_KEYWORD)) return [];
    // Compressed XMP needs inflating, which this core does not do: it counts as unreadable.
    if (byteAt(payload, XMP_KEYWORD.length) !== 0) return [{ kind: 'unreadable' }];
    return [{ kind: 'xmp', text: ascii(payload, XMP_KEYWORD.length, payload.length - XMP_KEYWORD.length) }];
  });
}

function webpMetadata(bytes: Uint8Array): MetadataBlock[] {
  const read = webpChunks(bytes);
  if (!read.ok) return [];
  return read.chunks.flatMap((chunk): MetadataBlock[] => {
    const payload = bytes.subarray(chunk.start, chunk.end);
    if (chunk.fourCc === 'EXIF') return [exifPayload(payload)];
    if (chunk.fourCc === 'XMP ') return [{ kind: 'xmp', text: ascii(payload, 0, payload.length) }];
    return [];
  });
}

/**
 * Whether IFD0 of a TIFF-structured Exif block has the GPS Info IFD pointer (tag 0x8825). A block
 * too broken to read counts as having one: a location we cannot rule out is not "no location".
 */
function exifHasGpsPointer(tiff: Uint8Array): boolean {
  const littleEndian = startsWithText(tiff, 'II');
  if (!littleEndian && !startsWithText(tiff, 'MM')) return true;
  const uint16 = littleEndian ? uint16LittleEndian : uint16BigEndian;
  const uint32 = littleEndian ? uint32LittleEndian : uint32BigEndian;
  if (tiff.length < 8 || uint16(tiff, 2) !== 42) return true;
  const directory = uint32(tiff, 4);
  if (directory + 2 > tiff.length) return true;
  const entryCount = uint16(tiff, directory);
  // Each IFD entry is 12 bytes: tag, type, count, value or offset (TIFF 6.0, "TIFF Structure").
  if (directory + 2 + entryCount * 12 > tiff.length) return true;
  for (let index = 0; index < entryCount; index += 1) {
    if (uint16(tiff, directory + 2 + index * 12) === GPS_INFO_TAG) return true;
  }
  return false;
}

/**
 * Whether a photo may still say where it was taken: Exif with a GPS Info IFD (in a JPEG APP1
 * segment, a PNG eXIf chunk or a WebP EXIF chunk), or XMP naming a GPS latitude or longitude.
 * Metadata that is there but cannot be read (a broken Exif block, compressed XMP in a PNG) counts
 * as a location. Bytes that are not a JPEG, PNG or WebP give false: inspectPhoto refuses them.
 */
export function hasLocationMetadata(bytes: Uint8Array): boolean {
  const type = photoTypeOf(bytes);
  const blocks = type === 'image/jpeg' ? jpegMetadata(bytes) : type === 'image/png' ? pngMetadata(bytes) : type === 'image/webp' ? webpMetadata(bytes) : [];
  return blocks.some((block) => {
    switch (block.kind) {
      case 'exif':
        return exifHasGpsPointer(block.bytes);
      case 'xmp':
        return XMP_POSITION.test(block.text);
      case 'unreadable':
        return true;
    }
  });
}
