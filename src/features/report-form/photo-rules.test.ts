import { describe, it, expect } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT } from '../../domain/reports/index.ts';
import { MAX_PHOTO_SIDE_PIXELS, checkChosenFiles, fittedSize } from './photo-rules.ts';

describe('chosen photo files', () => {
  it('accepts JPEG, PNG and WebP up to the size limit', () => {
    const check = checkChosenFiles(0, [
      { type: 'image/jpeg', size: MAX_PHOTO_BYTES }, { type: 'image/png', size: 1 }, { type: 'image/webp', size: 2048 },
    ]);
    expect(check.accepted).toEqual([0, 1, 2]);
    expect(check.errors).toEqual([]);
  });

  it('refuses a file that is not one of the image types, and one over the limit, with the core\'s messages', () => {
    const check = checkChosenFiles(0, [{ type: 'text/plain', size: 10 }, { type: 'image/jpeg', size: MAX_PHOTO_BYTES + 1 }, { type: 'image/png', size: 10 }]);
    expect(check.accepted).toEqual([2]);
    expect(check.errors.map((error) => [error.field, error.code])).toEqual([['/photos/0/mediaType', 'wrong_media_type'], ['/photos/1/byteLength', 'too_large']]);
    expect(check.errors[1]?.message.en).toContain(`${MAX_PHOTO_BYTES / (1024 * 1024)} MB`);
  });

  it('numbers a refused file after the photos the draft already has', () => {
    const check = checkChosenFiles(2, [{ type: 'image/gif', size: 10 }]);
    expect(check.errors[0]?.field).toBe('/photos/2/mediaType');
    expect(check.errors[0]?.message.en).toMatch(/^Photo 3 /);
  });

  it('takes only as many as there is room for, and says so', () => {
    const files = Array.from({ length: MAX_PHOTOS_PER_REPORT }, () => ({ type: 'image/jpeg', size: 10 }));
    const check = checkChosenFiles(1, files);
    expect(check.accepted).toHaveLength(MAX_PHOTOS_PER_REPORT - 1);
    expect(check.errors.map((error) => error.code)).toEqual(['too_many']);
  });

  it('refuses an empty file', () => {
    expect(checkChosenFiles(0, [{ type: 'image/png', size: 0 }]).errors.map((error) => error.code)).toEqual(['empty']);
  });
});

describe('the re-encoded size', () => {
  it('brings the longest side down to the limit and keeps the proportions', () => {
    const size = fittedSize(4032, 3024);
    expect(Math.max(size.width, size.height)).toBe(MAX_PHOTO_SIDE_PIXELS);
    expect(size.width / size.height).toBeCloseTo(4032 / 3024, 2);
    const portrait = fittedSize(3000, 6000);
    expect(portrait.height).toBe(MAX_PHOTO_SIDE_PIXELS);
    expect(portrait.width).toBe(MAX_PHOTO_SIDE_PIXELS / 2);
  });

  it('never enlarges a small photo', () => {
    expect(fittedSize(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fittedSize(MAX_PHOTO_SIDE_PIXELS, 10)).toEqual({ width: MAX_PHOTO_SIDE_PIXELS, height: 10 });
  });

  it('keeps a very thin image at least one pixel wide', () => {
    expect(fittedSize(100_000, 1).height).toBe(1);
  });
});
