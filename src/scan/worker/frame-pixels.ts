import type { Region } from '../decoder';

let canvas: OffscreenCanvas | undefined;
let ctx: OffscreenCanvasRenderingContext2D | undefined;
/** Set once a VideoFrame refused to convert to RGBA in copyTo (older Chromium): draw it instead. */
let copyToRgbaFails = false;

/** The frame's own size in pixels. */
export function frameSize(frame: ImageBitmap | ImageData | VideoFrame): { width: number; height: number } {
  return 'displayWidth' in frame ? { width: frame.displayWidth, height: frame.displayHeight } : { width: frame.width, height: frame.height };
}

/** 8-bit pixel formats whose first plane is luma: a camera's (I420, NV12 on Android). */
const LUMA_FIRST = new Set<string>(['I420', 'I420A', 'I422', 'I444', 'NV12']);

/** Grey RGBA for each 8-bit luma value, as a 32-bit pixel: limited range (16–235) stretched as an RGB conversion would. */
const greys = (fullRange: boolean): Uint32Array =>
  Uint32Array.from({ length: 256 }, (_, y) => {
    const v = fullRange ? y : Math.min(255, Math.max(0, Math.round(((y - 16) * 255) / 219)));
    return (0xff << 24) | (v << 16) | (v << 8) | v; // R, G, B = v and alpha 255 in little-endian memory
  });
const GREYS = { full: greys(true), limited: greys(false) };

/** Buffers reused from frame to frame (one frame is read at a time), by size. */
let planes: Uint8Array | undefined;
let rgba: Uint8ClampedArray<ArrayBuffer> | undefined;

/**
 * A camera frame's region as grey RGBA, from its luma plane alone (issue #14). A QR code needs nothing else, and
 * VideoFrame.copyTo's conversion to RGBA asks the page's main thread for a GPU context on every frame in Chromium
 * (and waits for it), so a busy page stalled the worker's reads.
 */
async function lumaImageData(frame: VideoFrame, rect: Region): Promise<ImageData> {
  const size = frame.allocationSize({ rect });
  if (planes?.length !== size) planes = new Uint8Array(size);
  const [luma] = await frame.copyTo(planes, { rect });
  const { width, height } = rect;
  if (rgba?.length !== width * height * 4) rgba = new Uint8ClampedArray(width * height * 4);
  const out = new Uint32Array(rgba.buffer);
  const grey = frame.colorSpace?.fullRange ? GREYS.full : GREYS.limited;
  for (let row = 0, o = 0; row < height; row++) {
    for (let i = luma!.offset + row * luma!.stride, end = i + width; i < end; i++, o++) out[o] = grey[planes[i]!]!;
  }
  return new ImageData(rgba, width, height);
}

/**
 * RGBA pixels of a frame, or of `region` only (issue #14: never read the whole 1280×720 frame when the
 * code is behind the guide). A camera's VideoFrame gives its luma plane (lumaImageData), another VideoFrame converts
 * straight into our buffer; an ImageBitmap is drawn on a reused canvas the size of what is read, then read back.
 */
export async function toImageData(frame: ImageBitmap | ImageData | VideoFrame, region?: Region): Promise<ImageData> {
  const size = frameSize(frame);
  const r = region ?? { x: 0, y: 0, ...size };
  if (!('close' in frame)) return region ? cropImageData(frame, r) : frame;
  if ('copyTo' in frame && frame.format && LUMA_FIRST.has(frame.format)) {
    const visible = frame.visibleRect ?? { x: 0, y: 0 };
    return lumaImageData(frame, { x: visible.x + r.x, y: visible.y + r.y, width: r.width, height: r.height });
  }
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
