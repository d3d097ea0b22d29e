/// <reference lib="webworker" />
import { expose } from 'comlink';
import { DECODER_PREFERENCE, type DecodeResult, type Decoder, type DecoderName } from '../decoder';
import { toImageData } from './frame-pixels';

let decoder: Decoder | undefined;

/** Builds one decoder by name; each is a lazy chunk so only the chosen one is fetched. */
async function create(name: DecoderName): Promise<Decoder | null> {
  switch (name) {
    case 'native':
      return (await import('./native-decoder')).createNativeDecoder();
    case 'zxing-wasm':
      return (await import('./zxing-wasm-decoder')).createZxingWasmDecoder();
    case 'zxing-js':
      return (await import('./zxing-js-decoder')).createZxingJsDecoder();
  }
}

const api = {
  /** Starts the forced decoder, or the first available in preference order; returns its name. */
  async init(forced?: DecoderName): Promise<DecoderName> {
    for (const name of forced ? [forced] : DECODER_PREFERENCE) {
      const d = await create(name).catch(() => null);
      if (d) {
        decoder = d;
        return d.name;
      }
    }
    throw new Error(`no decoder available${forced ? ` (${forced})` : ''}`);
  },

  /** Decodes one frame; a transferred ImageBitmap is closed here, its owner now. */
  async decode(frame: ImageBitmap | ImageData): Promise<DecodeResult> {
    if (!decoder) throw new Error('decoder not initialised');
    const t0 = performance.now();
    try {
      // The native detector takes the bitmap as is; the zxing decoders need its pixels.
      const input = decoder.name === 'native' ? frame : toImageData(frame);
      const t1 = performance.now();
      const texts = await decoder.decode(input);
      return { texts, decodeMs: performance.now() - t1, pixelsMs: t1 - t0 };
    } finally {
      if ('close' in frame) frame.close();
    }
  },
};

export type DecoderApi = typeof api;
expose(api);
