import type { Page } from 'playwright-core';

/**
 * Starts the app's own built decoder worker (dist/assets/decoder-worker-*.js) in a page and speaks
 * Comlink's wire protocol to it, so the benchmark measures exactly what the kiosk runs.
 */
export async function startWorker(page: Page, workerUrl: string, decoder: string): Promise<string> {
  return page.evaluate(
    async ({ workerUrl, decoder }) => {
      const w = new Worker(workerUrl, { type: 'module' });
      let next = 0;
      const pending = new Map<string, (v: unknown) => void>();
      w.onmessage = (e: MessageEvent<{ id: string; value: unknown; type: string }>) => {
        pending.get(e.data.id)?.(e.data.type === 'HANDLER' ? { error: e.data.value } : e.data.value);
        pending.delete(e.data.id);
      };
      const call = (name: string, arg: unknown, transfer: Transferable[] = []) =>
        new Promise<unknown>((resolve) => {
          const id = `b${next++}`;
          pending.set(id, resolve);
          w.postMessage({ id, type: 'APPLY', path: [name], argumentList: [{ type: 'RAW', value: arg }] }, transfer);
        });
      (globalThis as unknown as { benchCall: typeof call }).benchCall = call;
      return (await call('init', decoder)) as string;
    },
    { workerUrl, decoder },
  );
}

export interface FrameResult {
  texts: string[];
  decodeMs: number;
}

/** Decodes an encoded image (any browser format) rotated by `degrees`, transferred as an ImageBitmap. */
export function decodeImage(page: Page, base64: string, mime: string, degrees: number): Promise<FrameResult> {
  return page.evaluate(
    async ({ base64, mime, degrees }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const src = await createImageBitmap(new Blob([bytes], { type: mime }));
      const swap = degrees % 180 !== 0;
      const canvas = new OffscreenCanvas(swap ? src.height : src.width, swap ? src.width : src.height);
      const ctx = canvas.getContext('2d')!;
      ctx.translate(canvas.width / 2, canvas.height / 2);
      ctx.rotate((degrees * Math.PI) / 180);
      ctx.drawImage(src, -src.width / 2, -src.height / 2);
      const frame = await createImageBitmap(canvas);
      const call = (globalThis as unknown as { benchCall: (n: string, a: unknown, t: Transferable[]) => Promise<unknown> }).benchCall;
      const r = (await call('decode', frame, [frame])) as { texts?: string[]; decodeMs?: number; error?: unknown };
      return { texts: r.texts ?? [], decodeMs: r.decodeMs ?? NaN };
    },
    { base64, mime, degrees },
  );
}
