// Photos for the API tests, built byte by byte: a real PNG (deflated pixels, true CRCs) that any
// image viewer opens, and JPEG and WebP files whose container structure is right (markers,
// segments, chunks, frame sizes) around placeholder image data, which is all the server reads.
// Location metadata goes in the way cameras write it: an Exif block (CIPA DC-008, TIFF layout)
// whose first directory has the GPS Info IFD pointer, tag 0x8825.
import { crc32, deflateSync } from 'node:zlib';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

function uint32BigEndian(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function uint16BigEndian(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

function uint32LittleEndian(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

export const EXIF_ORIENTATION_TAG = 0x0112;
export const EXIF_GPS_INFO_TAG = 0x8825;

/**
 * A big-endian TIFF block ("MM", 42, first directory at byte 8) whose one directory holds each of
 * `tags` as a LONG with value 26 (TIFF 6.0, "TIFF Structure": 12-byte entries, then the offset of
 * the next directory, 0 for none). With EXIF_GPS_INFO_TAG, the block says a location is there.
 */
export function exifTiff(tags: readonly number[]): Buffer {
  const entries = tags.map((tag) => Buffer.concat([uint16BigEndian(tag), uint16BigEndian(4), uint32BigEndian(1), uint32BigEndian(26)]));
  return Buffer.concat([ascii('MM'), uint16BigEndian(42), uint32BigEndian(8), uint16BigEndian(tags.length), ...entries, uint32BigEndian(0)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([ascii(type), data]);
  return Buffer.concat([uint32BigEndian(data.length), typeAndData, uint32BigEndian(crc32(typeAndData))]);
}

export interface PngOptions {
  width?: number;
  height?: number;
  /** The colour of every pixel, so photos that should differ do. */
  colour?: readonly [number, number, number];
  /** An eXIf chunk (PNG specification, 3rd edition) holding this TIFF block. */
  exif?: Buffer;
  /** Pads the file to exactly this many bytes with a private ancillary chunk, "bfPd", which viewers skip. */
  totalBytes?: number;
}

/** A real PNG: 8-bit RGB, every row filter 0, one colour. */
export function pngPhoto(options: PngOptions = {}): Buffer {
  const { width = 4, height = 3, colour = [200, 60, 20] } = options;
  const header = Buffer.concat([uint32BigEndian(width), uint32BigEndian(height), Buffer.from([8, 2, 0, 0, 0])]);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, index) => colour[index % 3] ?? 0)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const beforePadding = [signature, pngChunk('IHDR', header), ...(options.exif ? [pngChunk('eXIf', options.exif)] : [])];
  const afterPadding = [pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))];
  const unpadded = Buffer.concat([...beforePadding, ...afterPadding]);
  if (options.totalBytes === undefined) return unpadded;
  // A chunk costs 12 bytes around its data: length, type and CRC.
  const paddingBytes = options.totalBytes - unpadded.length - 12;
  if (paddingBytes < 0) throw new Error(`A PNG of ${options.totalBytes} bytes is too small to pad: it needs at least ${unpadded.length + 12}`);
  return Buffer.concat([...beforePadding, pngChunk('bfPd', Buffer.alloc(paddingBytes, 0x20)), ...afterPadding]);
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), uint16BigEndian(payload.length + 2), payload]);
}

export interface JpegOptions {
  width?: number;
  height?: number;
  /** Placeholder scan data, so photos that should differ do. */
  scanByte?: number;
  /** An APP1 segment "Exif\0\0" holding this TIFF block (CIPA DC-008 §4.5.4). */
  exif?: Buffer;
}

/** A baseline JPEG's structure (ITU-T T.81 Annex B): SOI, APP0 (JFIF), optional APP1 (Exif), SOF0, SOS, scan data, EOI. */
export function jpegPhoto(options: JpegOptions = {}): Buffer {
  const { width = 640, height = 480, scanByte = 0x2a } = options;
  const jfif = jpegSegment(0xe0, Buffer.concat([ascii('JFIF\u0000'), Buffer.from([1, 2, 0, 0, 1, 0, 1, 0, 0])]));
  const exif = options.exif ? [jpegSegment(0xe1, Buffer.concat([ascii('Exif\u0000\u0000'), options.exif]))] : [];
  // Frame header: 8-bit precision, lines, samples per line, one component (id 1, 1×1 sampling, table 0).
  const frame = jpegSegment(0xc0, Buffer.concat([Buffer.from([8]), uint16BigEndian(height), uint16BigEndian(width), Buffer.from([1, 1, 0x11, 0])]));
  const scanHeader = jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, ...exif, frame, scanHeader, Buffer.from([scanByte, scanByte, 0x11]), Buffer.from([0xff, 0xd9])]);
}

/** A lossless WebP's structure (RFC 9649): RIFF, WEBP, one VP8L chunk with its 5-byte header and a placeholder byte. */
export function webpPhoto(width = 320, height = 240): Buffer {
  // Signature 0x2F, then width − 1 and height − 1 in 14 bits each, alpha and version bits 0.
  const header = Buffer.concat([Buffer.from([0x2f]), uint32LittleEndian((width - 1) + (height - 1) * 0x4000), Buffer.from([0])]);
  const chunk = Buffer.concat([ascii('VP8L'), uint32LittleEndian(header.length), header]);
  const body = Buffer.concat([ascii('WEBP'), chunk]);
  return Buffer.concat([ascii('RIFF'), uint32LittleEndian(body.length), body]);
}

/** The first bytes of a GIF (GIF89a): a format report photos are not taken in. */
export function gifStart(): Buffer {
  return Buffer.concat([ascii('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), ascii(';')]);
}
