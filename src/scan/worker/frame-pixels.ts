import type { Region } from '../decoder';

let canvas: OffscreenCanvas | undefined;
let ctx: OffscreenCanvasRenderingContext2D | undefined;
/** Set once a VideoFrame refused to convert to RGBA in copyTo (older Chromium): draw it instead. */
let copyToRgbaFails = false;

/** The frame's own size in pixels. */
export function frameSize(frame: ImageBitmap | ImageData | VideoFrame): { width: number; height: number } {
  return 'displayWidth' in frame ? { width: frame.displayWidth, height: frame.displayHeight } : { width: frame.width, height: frame.height };
}

/**
 * RGBA pixels of a frame, or of `region` only (issue #14: never read the whole 1280×720 frame when the
 * code is behind the guide). A VideoFrame converts straight into our buffer; an ImageBitmap is drawn on a
 * reused canvas the size of what is read, then read back.
 */
export async function toImageData(frame: ImageBitmap | ImageData | VideoFrame, region?: Region): Promise<ImageData> {
  const size = frameSize(frame);
  const r = region ?? { x: 0, y: 0, ...size };
  if (!('close' in frame)) return region ? cropImageData(frame, r) : frame;
  if ('copyTo' in frame && !copyToRgbaFails) {
    const visible = frame.visibleRect ?? { x: 0, y: 0 };
    const data = new Uint8ClampedArray(r.width * r.height * 4);
    try {
      await frame.copyTo(data, { rect: { x: visible.x + r.x, y: visible.y + r.y, width: r.width, height: r.height }, format: 'RGBA' });
      return new ImageData(data, r.width, r.height);
    } catch {
      copyToRgbaFails = true;
    }
  }
  if (!canvas || canvas.width !== r.width || canvas.height !== r.height) {
    canvas = new OffscreenCanvas(r.width, r.height);
    ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  }
  ctx!.drawImage(frame, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
  return ctx!.getImageData(0, 0, r.width, r.height);
}

function cropImageData(img: ImageData, r: Region): ImageData {
  const out = new Uint8ClampedArray(r.width * r.height * 4);
  for (let row = 0; row < r.height; row++) {
    const from = ((r.y + row) * img.width + r.x) * 4;
    out.set(img.data.subarray(from, from + r.width * 4), row * r.width * 4);
  }
  return new ImageData(out, r.width, r.height);
}
