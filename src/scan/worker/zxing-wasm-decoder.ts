import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
// Served from our own origin and precached by the service worker: the default is a CDN, unusable offline.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { Decoder } from '../decoder';
import { toImageData } from './frame-pixels';
import { instantiateWithProgress } from './wasm-download';

const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  maxNumberOfSymbols: 4,
  // A symbol found but not read comes back marked invalid: the cue for the SECOND_LOOKS below.
  returnErrors: true,
  // No forced characterSet: zxing-cpp's guess reads CCCD's ECI-less UTF-8 correctly, and forcing UTF-8
  // cost 9 points of decode rate on the real photos (ISO-8859-1 and Shift_JIS samples) — bench/decode.ts.
};

/**
 * Tried in turn on a frame that showed a symbol it could not read: zxing-cpp's denoising (a morphological closing)
 * and its global-histogram binarizer read blotchy, low-contrast or unevenly lit modules the default misses. Each
 * costs a full decode (denoising doubles the time of a frame with no code, most frames at a gate), so a frame
 * without a symbol never pays: +10 real photos of 424 (365 → 375) for the kiosk's camera frames in bench/decode.ts.
 */
const SECOND_LOOKS: ReaderOptions[] = [{ tryDenoise: true }, { binarizer: 'GlobalHistogram' }, { binarizer: 'GlobalHistogram', tryDenoise: true }];

const validTexts = (results: ReadResult[]): string[] => results.filter((r) => r.isValid).map((r) => r.text);

/** zxing-cpp compiled to WebAssembly; `onProgress` hears how much of the .wasm has arrived (0…1). */
export async function createZxingWasmDecoder(onProgress: (fraction: number) => void = () => {}): Promise<Decoder> {
  let failed!: (e: unknown) => void;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  await Promise.race([
    prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
        instantiateWasm: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
          const expected = typeof __DECODER_WASM_BYTES__ === 'number' ? __DECODER_WASM_BYTES__ : 1_000_000;
          instantiateWithProgress(wasmUrl, imports, expected, onProgress).then((r) => receive(r.instance, r.module), failed);
          return {}; // Emscripten's contract: exports arrive later through `receive`
        },
      },
      fireImmediately: true,
    }),
    failure,
  ]);
  return {
    name: 'zxing-wasm',
    async decode(frame) {
      const pixels = await toImageData(frame);
      const results = await readBarcodes(pixels, OPTIONS);
      // Only QR codes are asked for, so any result at all (every one invalid when none is read) is the cue.
      if (results.length === 0 || results.some((r) => r.isValid)) return validTexts(results);
      for (const second of SECOND_LOOKS) {
        const again = validTexts(await readBarcodes(pixels, { ...OPTIONS, ...second }));
        if (again.length) return again;
      }
      return [];
    },
  };
}
