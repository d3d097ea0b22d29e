import type { Page } from 'playwright-core';

// In-page code is kept as plain JavaScript text: tsx's transform would otherwise wrap named functions
// in a `__name` helper that does not exist in the page.
const INSTALL = `(async ({ workerUrl, decoder }) => {
  const w = new Worker(workerUrl, { type: 'module' });
  let next = 0;
  const pending = new Map();
  // A call the worker threw on (Comlink's HANDLER answer), or a worker that failed, rejects: an error is never
  // taken for "decoded nothing".
  w.onmessage = (e) => {
    const call = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (!call) return;
    if (e.data.type === 'HANDLER') call.reject(new Error('decoder worker threw: ' + JSON.stringify(e.data.value)));
    else call.resolve(e.data.value);
  };
  w.onerror = (e) => {
    for (const call of pending.values()) call.reject(new Error('decoder worker failed: ' + e.message));
    pending.clear();
  };
  globalThis.benchCall = (name, arg, transfer = [], extra = []) => new Promise((resolve, reject) => {
    const id = 'b' + next++;
    pending.set(id, { resolve, reject });
    w.postMessage({ id, type: 'APPLY', path: [name], argumentList: [arg, ...extra].map((value) => ({ type: 'RAW', value })) }, transfer);
  });
  // A camera's frame: I420, BT.601 limited range (chroma from each 2×2 block's top-left pixel). 4:2:0 needs even
  // sides: an odd-sized photo gets a white edge, as a camera frame holds the paper around a code, rather than losing
  // its last row or column (a 65×65 code cropped to 64×64 is a different, unreadable symbol).
  const cameraFrame = (bitmap) => {
    const w = (bitmap.width + 1) & ~1, h = (bitmap.height + 1) & ~1;
    const ctx = new OffscreenCanvas(w, h).getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const yuv = new Uint8Array((w * h * 3) / 2);
    for (let i = 0, p = 0; i < w * h; i++, p += 4) yuv[i] = 16 + ((66 * rgba[p] + 129 * rgba[p + 1] + 25 * rgba[p + 2] + 128) >> 8);
    const u = w * h, v = u + (w / 2) * (h / 2);
    for (let y = 0; y < h / 2; y++) {
      for (let x = 0; x < w / 2; x++) {
        const p = (2 * y * w + 2 * x) * 4, r = rgba[p], g = rgba[p + 1], b = rgba[p + 2];
        yuv[u + y * (w / 2) + x] = 128 + ((-38 * r - 74 * g + 112 * b + 128) >> 8);
        yuv[v + y * (w / 2) + x] = 128 + ((112 * r - 94 * g - 18 * b + 128) >> 8);
      }
    }
    const colorSpace = { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange: false };
    return new VideoFrame(yuv, { format: 'I420', codedWidth: w, codedHeight: h, timestamp: 0, colorSpace });
  };
  // As the kiosk reads a camera frame: an I420 VideoFrame, a centred region first (3/4 of the short side), then the whole frame.
  globalThis.benchDecode = async (bitmap, asKiosk) => {
    let r;
    if (asKiosk === 'frameAsRgb') {
      // The same camera frame as the browser converts it to RGB (what the kiosk read before it took the luma alone).
      const frame = cameraFrame(bitmap);
      const rgb = await createImageBitmap(frame);
      frame.close();
      r = await globalThis.benchCall('decode', rgb, [rgb]);
    } else if (asKiosk === 'wholeFrame') {
      const frame = cameraFrame(bitmap);
      r = await globalThis.benchCall('decode', frame, [frame]);
    } else if (asKiosk) {
      const frame = cameraFrame(bitmap);
      const side = Math.floor((Math.min(frame.displayWidth, frame.displayHeight) * 0.75) / 2) * 2;
      const region = { x: Math.floor((frame.displayWidth - side) / 4) * 2, y: Math.floor((frame.displayHeight - side) / 4) * 2, width: side, height: side };
      r = await globalThis.benchCall('decode', frame, [frame], [{ region, fallback: true }]);
    } else {
      r = await globalThis.benchCall('decode', bitmap, [bitmap]);
    }
    if (!r || !Array.isArray(r.texts)) throw new Error('decoder worker answered without texts: ' + JSON.stringify(r));
    return { texts: r.texts, decodeMs: r && typeof r.decodeMs === "number" ? r.decodeMs : NaN, pixelsMs: r && typeof r.pixelsMs === "number" ? r.pixelsMs : NaN, foundIn: r && r.foundIn };
  };
  return await globalThis.benchCall('init', decoder);
})`;

const DECODE = `(async ({ base64, mime, degrees, asKiosk }) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const src = await createImageBitmap(new Blob([bytes], { type: mime }));
  const swap = degrees % 180 !== 0;
  const canvas = new OffscreenCanvas(swap ? src.height : src.width, swap ? src.width : src.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(src, -src.width / 2, -src.height / 2);
  return globalThis.benchDecode(await createImageBitmap(canvas), asKiosk);
})`;

/**
 * Starts the app's own built decoder worker (dist/assets/decoder-worker-*.js) in a page and speaks
 * Comlink's wire protocol to it, so the benchmark measures exactly what the kiosk runs.
 */
export function startWorker(page: Page, workerUrl: string, decoder: string): Promise<string> {
  return page.evaluate(`${INSTALL}(${JSON.stringify({ workerUrl, decoder })})`) as Promise<string>;
}

export interface FrameResult {
  texts: string[];
  decodeMs: number;
  pixelsMs: number;
  /** With `asKiosk`: whether the centred region or the whole frame held the code. */
  foundIn?: 'region' | 'frame';
}

/**
 * Decodes an encoded image (any browser format) rotated by `degrees`, transferred as an ImageBitmap — or, with
 * `asKiosk`, as the kiosk reads a camera frame: an I420 VideoFrame, its centre first, then the whole frame
 * (`'wholeFrame'`: the same camera frame read whole at once; `'frameAsRgb'`: that frame converted to RGB by the
 * browser, read whole).
 */
export function decodeImage(page: Page, base64: string, mime: string, degrees: number, asKiosk: boolean | 'wholeFrame' | 'frameAsRgb' = false): Promise<FrameResult> {
  return page.evaluate(`${DECODE}(${JSON.stringify({ base64, mime, degrees, asKiosk })})`) as Promise<FrameResult>;
}
