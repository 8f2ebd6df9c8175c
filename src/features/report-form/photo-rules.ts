// What the form checks about a photo before re-encoding it. The rules (media types, size, count)
// are the reports core's: a chosen file is declared to validateNewReport exactly as the server
// would see it, and only the photo errors of its answer are kept, so the form has no rules of its own.
import {
  MAX_PHOTOS_PER_REPORT, validateNewReport, type FieldError, type PhotoDeclaration,
} from '../../domain/reports/index.ts';

/** Photos are re-encoded to fit this many pixels on their longest side: plenty to see a fault, a fraction of a phone camera's bytes (a project choice). */
export const MAX_PHOTO_SIDE_PIXELS = 2048;
/** JPEG quality of the re-encoded photo (0 to 1). */
export const PHOTO_JPEG_QUALITY = 0.85;

/** A file as the browser describes it: its declared type and its size in bytes. */
export interface ChosenFile {
  type: string;
  size: number;
}

export interface PhotoCheck {
  /** The files that may go on to be re-encoded, in the order chosen. */
  accepted: number[];
  /** The core's errors about the files refused, numbered as the photos would be. */
  errors: FieldError[];
}

/**
 * Checks newly chosen files against the core's photo rules, after the `keptCount` photos the
 * draft already has. Files past the limit of MAX_PHOTOS_PER_REPORT are refused with the core's
 * "at most" message; each other file is declared in its place, so "Photo 3 …" names the third photo.
 */
export function checkChosenFiles(keptCount: number, files: readonly ChosenFile[]): PhotoCheck {
  const room = Math.max(0, MAX_PHOTOS_PER_REPORT - keptCount);
  const errors: FieldError[] = [];
  if (files.length > room) {
    const tooMany = Array.from({ length: MAX_PHOTOS_PER_REPORT + 1 }, (): PhotoDeclaration => ({ mediaType: 'image/jpeg', byteLength: 1 }));
    errors.push(...photoErrors(tooMany).filter((error) => error.field === '/photos'));
  }
  const considered = files.slice(0, room);
  // Earlier photos are already accepted: they are declared as valid placeholders so numbering matches.
  const placeholders = Array.from({ length: keptCount }, (): PhotoDeclaration => ({ mediaType: 'image/jpeg', byteLength: 1 }));
  const declarations = [...placeholders, ...considered.map((file) => ({ mediaType: file.type, byteLength: file.size }))];
  const found = photoErrors(declarations);
  const accepted: number[] = [];
  considered.forEach((_file, index) => {
    const prefix = `/photos/${keptCount + index}`;
    const own = found.filter((error) => error.field === prefix || error.field.startsWith(`${prefix}/`));
    if (own.length === 0) accepted.push(index);
    else errors.push(...own);
  });
  return { accepted, errors };
}

function photoErrors(photos: readonly unknown[]): FieldError[] {
  const validation = validateNewReport({ photos }, { now: new Date(), districts: [], findFacility: () => null });
  return validation.ok ? [] : validation.errors.filter((error) => error.field === '/photos' || error.field.startsWith('/photos/'));
}

/** The size a width × height image is drawn at so its longest side is at most `maxSide`; never enlarged. */
export function fittedSize(width: number, height: number, maxSide: number = MAX_PHOTO_SIDE_PIXELS): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
