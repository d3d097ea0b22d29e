/**
 * The pass as one PNG for the visitor's photo gallery ("Lưu ảnh", issue #11): the QR code exactly as drawn on
 * the page, with the visitor's name and the title above it, on white (kiosk cameras need the quiet zone).
 */
export async function passPng(qr: HTMLCanvasElement, title: string, name: string): Promise<Blob> {
  const pad = 32;
  const lineHeight = 40;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(qr.width + pad * 2, 480);
  canvas.height = qr.height + pad * 2 + lineHeight * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#10201a';
  ctx.textAlign = 'center';
  ctx.font = '22px system-ui, sans-serif';
  ctx.fillText(title, canvas.width / 2, pad + 8, canvas.width - pad * 2);
  ctx.font = 'bold 28px system-ui, sans-serif';
  ctx.fillText(name, canvas.width / 2, pad + lineHeight + 8, canvas.width - pad * 2);
  ctx.drawImage(qr, (canvas.width - qr.width) / 2, pad + lineHeight * 2);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}

/** A file name for the saved pass: `phieu-khach-nguyen-thi-hoa.png` (no tones, safe on every phone). */
export function passFileName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `phieu-khach${slug ? `-${slug}` : ''}.png`;
}
