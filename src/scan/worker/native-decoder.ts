import type { Decoder } from '../decoder';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorCtor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The platform's BarcodeDetector when it exists and reads QR codes (Android Chrome; not Linux Chromium). */
export async function createNativeDecoder(scope: { BarcodeDetector?: BarcodeDetectorCtor } = self as never): Promise<Decoder | null> {
  const Ctor = scope.BarcodeDetector;
  if (!Ctor) return null;
  const formats = await Ctor.getSupportedFormats().catch(() => [] as string[]);
  if (!formats.includes('qr_code')) return null;
  const detector = new Ctor({ formats: ['qr_code'] });
  return {
    name: 'native',
    async decode(frame) {
      const found = await detector.detect(frame);
      return found.map((b) => b.rawValue);
    },
  };
}
