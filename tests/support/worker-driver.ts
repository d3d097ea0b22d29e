import type { Page } from 'playwright-core';

// In-page code is kept as plain JavaScript text: tsx's transform would otherwise wrap named functions
// in a `__name` helper that does not exist in the page.
const INSTALL = `(async ({ workerUrl, decoder }) => {
  const w = new Worker(workerUrl, { type: 'module' });
  let next = 0;
  const pending = new Map();
  w.onmessage = (e) => {
    const resolve = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (resolve) resolve(e.data.type === 'HANDLER' ? { error: e.data.value } : e.data.value);
  };
  globalThis.benchCall = (name, arg, transfer = []) => new Promise((resolve) => {
    const id = 'b' + next++;
    pending.set(id, resolve);
    w.postMessage({ id, type: 'APPLY', path: [name], argumentList: [{ type: 'RAW', value: arg }] }, transfer);
  });
  return await globalThis.benchCall('init', decoder);
})`;

const DECODE = `(async ({ base64, mime, degrees }) => {
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
  const frame = await createImageBitmap(canvas);
  const r = await globalThis.benchCall('decode', frame, [frame]);
  return { texts: (r && r.texts) || [], decodeMs: r && typeof r.decodeMs === "number" ? r.decodeMs : NaN, pixelsMs: r && typeof r.pixelsMs === "number" ? r.pixelsMs : NaN };
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
}

/** Decodes an encoded image (any browser format) rotated by `degrees`, transferred as an ImageBitmap. */
export function decodeImage(page: Page, base64: string, mime: string, degrees: number): Promise<FrameResult> {
  return page.evaluate(`${DECODE}(${JSON.stringify({ base64, mime, degrees })})`) as Promise<FrameResult>;
}
