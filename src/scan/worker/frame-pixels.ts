let canvas: OffscreenCanvas | undefined;
let ctx: OffscreenCanvasRenderingContext2D | undefined;

/** Pixels of a frame; ImageBitmaps are drawn once on a reused canvas (no per-frame allocation of the canvas). */
export function toImageData(frame: ImageBitmap | ImageData): ImageData {
  if (!('close' in frame)) return frame;
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
    ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  }
  ctx!.drawImage(frame, 0, 0);
  return ctx!.getImageData(0, 0, frame.width, frame.height);
}
