/** Decoders the worker can run; `native` is the platform's BarcodeDetector (Android Chrome). */
export const DECODER_NAMES = ['native', 'zxing-wasm', 'zxing-js'] as const;
export type DecoderName = (typeof DECODER_NAMES)[number];

/** Preference when nothing is forced: the platform's own detector, then zxing-cpp, then the JS baseline. */
export const DECODER_PREFERENCE: readonly DecoderName[] = ['native', 'zxing-wasm', 'zxing-js'];

/** One QR decoder. Implementations live in src/scan/worker and run off the main thread. */
export interface Decoder {
  readonly name: DecoderName;
  /** Texts of the QR codes found in the frame (empty when none). */
  decode(frame: ImageBitmap | ImageData): Promise<string[]>;
}

export interface DecodeResult {
  texts: string[];
  /** Time spent decoding inside the worker, ms (pixels already read). */
  decodeMs: number;
  /** Time spent reading the frame's pixels (drawImage + getImageData), ms; 0 for the native detector. */
  pixelsMs: number;
}
