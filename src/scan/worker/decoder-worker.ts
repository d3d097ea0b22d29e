/// <reference lib="webworker" />
import { expose } from 'comlink';
import { DECODER_PREFERENCE, type CameraFrame, type DecodeRequest, type DecodeResult, type Decoder, type DecoderName, type Region } from '../decoder';
import { toImageData } from './frame-pixels';

let decoder: Decoder | undefined;

/** Builds one decoder by name; each is a lazy chunk so only the chosen one is fetched. */
async function create(name: DecoderName, onProgress?: (fraction: number) => void): Promise<Decoder | null> {
  switch (name) {
    case 'native':
      return (await import('./native-decoder')).createNativeDecoder();
    case 'zxing-wasm':
      return (await import('./zxing-wasm-decoder')).createZxingWasmDecoder(onProgress);
    case 'zxing-js':
      return (await import('./zxing-js-decoder')).createZxingJsDecoder();
  }
}

/** What one decoder reads of a frame: the native detector takes the frame itself (cropped to a bitmap), zxing its pixels. */
async function input(d: Decoder, frame: CameraFrame, region: Region | undefined): Promise<ImageData | ImageBitmap | VideoFrame> {
  if (d.name !== 'native') return toImageData(frame, region);
  return region ? createImageBitmap(frame, region.x, region.y, region.width, region.height) : frame;
}

const api = {
  /**
   * Starts the forced decoder, or the first available in preference order; returns its name. `onProgress`
   * (a Comlink proxy) hears how much of a downloaded decoder has arrived, 0…1.
   */
  async init(forced?: DecoderName, onProgress?: (fraction: number) => void): Promise<DecoderName> {
    for (const name of forced ? [forced] : DECODER_PREFERENCE) {
      const d = await create(name, onProgress).catch(() => null);
      if (d) {
        decoder = d;
        return d.name;
      }
    }
    throw new Error(`no decoder available${forced ? ` (${forced})` : ''}`);
  },

  /** Decodes one frame, its guide region first (see DecodeRequest); a transferred frame is closed here, its owner now. */
  async decode(frame: CameraFrame, request: DecodeRequest = {}): Promise<DecodeResult> {
    const passes: { region?: Region; foundIn: 'region' | 'frame' }[] = request.region
      ? [{ region: request.region, foundIn: 'region' }, ...(request.fallback ? [{ foundIn: 'frame' as const }] : [])]
      : [{ foundIn: 'frame' }];
    let pixelsMs = 0;
    let decodeMs = 0;
    try {
      if (!decoder) throw new Error('decoder not initialised');
      for (const pass of passes) {
        const t0 = performance.now();
        const pixels = await input(decoder, frame, pass.region);
        const t1 = performance.now();
        const texts = await decoder.decode(pixels).finally(() => pixels !== frame && 'close' in pixels && pixels.close());
        pixelsMs += t1 - t0;
        decodeMs += performance.now() - t1;
        if (texts.length) return { texts, decodeMs, pixelsMs, foundIn: pass.foundIn };
      }
      return { texts: [], decodeMs, pixelsMs };
    } finally {
      frame.close();
    }
  },
};

export type DecoderApi = typeof api;
expose(api);
