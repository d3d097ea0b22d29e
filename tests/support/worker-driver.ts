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
  // As the kiosk reads a camera frame: a VideoFrame, a centred region first (3/4 of the short side), then the whole frame.
  globalThis.benchDecode = async (bitmap, asKiosk) => {
    let r;
    if (asKiosk) {
      const frame = new VideoFrame(bitmap, { timestamp: 0 });
      bitmap.close();
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
 * `asKiosk`, as the kiosk hands over a camera frame: a VideoFrame, its centre first, then the whole frame.
 */
export function decodeImage(page: Page, base64: string, mime: string, degrees: number, asKiosk = false): Promise<FrameResult> {
  return page.evaluate(`${DECODE}(${JSON.stringify({ base64, mime, degrees, asKiosk })})`) as Promise<FrameResult>;
}
