import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
// Served from our own origin and precached by the service worker: the default is a CDN, unusable offline.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { Decoder } from '../decoder';
import { toImageData } from './frame-pixels';

const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  maxNumberOfSymbols: 4,
  // No forced characterSet: zxing-cpp's guess reads CCCD's ECI-less UTF-8 correctly, and forcing UTF-8
  // cost 9 points of decode rate on the real photos (ISO-8859-1 and Shift_JIS samples) — bench/decode.ts.
};

/** zxing-cpp compiled to WebAssembly. */
export async function createZxingWasmDecoder(): Promise<Decoder> {
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
  return {
    name: 'zxing-wasm',
    async decode(frame) {
      const results = await readBarcodes(await toImageData(frame), OPTIONS);
      return results.filter((r) => r.isValid).map((r) => r.text);
    },
  };
}
