import { describe, it, expect } from 'vitest';
import { photoIdFor } from './photos.ts';

describe('photoIdFor', () => {
  const reportId = '0b6f3c52-1d2e-4f60-9a8b-3c4d5e6f7a8b';
  const key = 'f2a1c0de-5b7e-4a3c-9d10-112233445566';

  it('names the same photo for a retry, and another for another key or report', () => {
    expect(photoIdFor(reportId, key)).toBe(photoIdFor(reportId, key));
    expect(photoIdFor(reportId, `${key.slice(0, -1)}7`)).not.toBe(photoIdFor(reportId, key));
    expect(photoIdFor(`${reportId.slice(0, -1)}c`, key)).not.toBe(photoIdFor(reportId, key));
  });

  it('is a version 8 UUID of the RFC 9562 variant', () => {
    const id = photoIdFor(reportId, key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The version is the 13th hex digit; the variant is the two high bits of the 17th (10xx: 8, 9, a or b).
    expect(id[14]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });
});
