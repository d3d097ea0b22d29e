/// <reference lib="webworker" />
import { expose } from 'comlink';
import { DECODER_PREFERENCE, type CameraFrame, type DecodeRequest, type DecodeResult, type Decoder, type DecoderName, type Region } from '../decoder';
import { toImageData } from './frame-pixels';
import { watchFrames } from './frame-watch';

let decoder: Decoder | undefined;
let started: Promise<DecoderName> | undefined;
/** The guide's region of the watched track, as the page last said. */
let watchedRegion: Region | undefined;

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

/** The forced decoder, or the first available in preference order. */
async function start(forced?: DecoderName, onProgress?: (fraction: number) => void): Promise<DecoderName> {
  for (const name of forced ? [forced] : DECODER_PREFERENCE) {
    const d = await create(name, onProgress).catch(() => null);
    if (d) {
      decoder = d;
      return d.name;
    }
  }
  throw new Error(`no decoder available${forced ? ` (${forced})` : ''}`);
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
  init(forced?: DecoderName, onProgress?: (fraction: number) => void): Promise<DecoderName> {
    return (started ??= start(forced, onProgress));
  },

  /**
   * Reads and decodes a track's frames here, once the decoder has started (see watchFrames); reports go to
   * `reports`. `region`: the guide's region, until setRegion says otherwise.
   */
  watch({ frames, reports }: { frames: ReadableStream<VideoFrame>; reports: MessagePort }, region?: Region): void {
    watchedRegion = region;
    void (started ?? Promise.reject(new Error('decoder not initialised'))).then(
      () => watchFrames(frames, reports, api.decode, () => watchedRegion),
      () => reports.close(),
    );
  },

  setRegion(region?: Region): void {
    watchedRegion = region;
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
      for (const [i, pass] of passes.entries()) {
        const t0 = performance.now();
        const pixels = await input(decoder, frame, pass.region);
        const t1 = performance.now();
        // Its pixels copied for the last pass, the frame goes back to the camera now, not after the decode: a camera
        // has few buffers, and frames held while decoding made it drop frames (issue #14).
        if (i === passes.length - 1 && pixels !== frame) frame.close();
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
