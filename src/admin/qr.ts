import QRCode from 'qrcode';

/** A QR code as an SVG data URL, for an <img> (allowed by the console's `img-src 'self' data:`). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
