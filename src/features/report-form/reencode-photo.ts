// Re-encodes a chosen photo in the browser: decode, draw on a canvas, encode as JPEG. Only the
// pixels survive the canvas, so EXIF and its GPS position (where the reporter stood) are dropped
// before anything leaves the device. createImageBitmap applies the EXIF orientation when decoding
// ('from-image'), so the photo stays upright without its metadata.
import { PHOTO_JPEG_QUALITY, fittedSize } from './photo-rules.ts';

export interface ReencodedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/** The error when the file's bytes are not an image the browser can decode. */
export class UnreadablePhoto extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} could not be read as an image`);
    this.name = 'UnreadablePhoto';
  }
}

export async function reencodePhoto(file: Blob & { name?: string }): Promise<ReencodedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new UnreadablePhoto(file.name ?? '');
  }
  try {
    const size = fittedSize(bitmap.width, bitmap.height);
    const blob = typeof OffscreenCanvas === 'function' ? await encodeOffscreen(bitmap, size) : await encodeInDocument(bitmap, size);
    if (!blob) throw new UnreadablePhoto(file.name ?? '');
    return { blob, width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}

function draw(context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, bitmap: ImageBitmap, size: { width: number; height: number }): void {
  // JPEG has no transparency: a white ground keeps transparent PNG areas from turning black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
}

// Chrome runs HTMLCanvasElement.toBlob in idle time, which a busy page (a map drawn on the CPU)
// may not have for seconds; OffscreenCanvas.convertToBlob encodes without waiting for idle time.
async function encodeOffscreen(bitmap: ImageBitmap, size: { width: number; height: number }): Promise<Blob | null> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  draw(context, bitmap, size);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
}

async function encodeInDocument(bitmap: ImageBitmap, size: { width: number; height: number }): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  draw(context, bitmap, size);
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
}
