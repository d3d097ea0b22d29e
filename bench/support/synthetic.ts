import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import type { FrameResult } from '../../tests/support/worker-driver';

/** Degradations a gate camera sees, drawn on a 640×480 frame (the kiosk's decode size). */
export const VARIANTS = ['clean-4px', 'small-2px', 'medium-3px', 'large-6px', 'blur', 'low-contrast', 'glare', 'rotated-25', 'perspective', 'jpeg-q25'] as const;
export type Variant = (typeof VARIANTS)[number];

// Plain JavaScript text run in the page (tsx would inject a helper the page lacks into real functions).
const DRAW_AND_DECODE = `(async ({ bits, n, variant, asKiosk }) => {
  const W = 640, H = 480;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const low = variant === 'low-contrast';
  ctx.fillStyle = low ? 'rgb(150,150,150)' : 'rgb(200,200,195)';
  ctx.fillRect(0, 0, W, H);
  const px = variant === 'small-2px' ? 2 : variant === 'medium-3px' ? 3 : variant === 'large-6px' ? 6 : 4;
  const side = (n + 8) * px;
  ctx.save();
  ctx.translate(W / 2, H / 2);
  if (variant === 'rotated-25') ctx.rotate((25 * Math.PI) / 180);
  if (variant === 'perspective') ctx.transform(1, 0.18, -0.22, 0.85, 0, 0);
  if (variant === 'blur') ctx.filter = 'blur(1.6px)';
  ctx.translate(-side / 2, -side / 2);
  ctx.fillStyle = low ? 'rgb(175,175,175)' : '#fff';
  ctx.fillRect(0, 0, side, side);
  ctx.fillStyle = low ? 'rgb(120,120,120)' : '#111';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (bits[r * n + c] === '1') ctx.fillRect((c + 4) * px, (r + 4) * px, px, px);
  ctx.restore();
  if (variant === 'glare') {
    const g = ctx.createRadialGradient(W / 2 + 40, H / 2 - 30, 5, W / 2 + 40, H / 2 - 30, 140);
    g.addColorStop(0, 'rgba(255,255,255,0.85)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W, H);
  }
  let frame = await createImageBitmap(canvas);
  if (variant === 'jpeg-q25') {
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.25 });
    frame.close();
    frame = await createImageBitmap(blob);
  }
  return globalThis.benchDecode(frame, asKiosk);
})`;

/** Draws `text` as a QR with the given degradation in the page and decodes it in the worker started by startWorker (`asKiosk`: see decodeImage). */
export function decodeSynthetic(page: Page, text: string, variant: Variant, asKiosk = false): Promise<FrameResult> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let bits = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) bits += qr.modules.get(r, c) ? '1' : '0';
  return page.evaluate(`${DRAW_AND_DECODE}(${JSON.stringify({ bits, n, variant, asKiosk })})`) as Promise<FrameResult>;
}
