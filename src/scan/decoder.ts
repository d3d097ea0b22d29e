/** Decoders the worker can run; `native` is the platform's BarcodeDetector (Android Chrome). */
export const DECODER_NAMES = ['native', 'zxing-wasm', 'zxing-js'] as const;
export type DecoderName = (typeof DECODER_NAMES)[number];

/** Preference when nothing is forced: the platform's own detector, then zxing-cpp, then the JS baseline. */
export const DECODER_PREFERENCE: readonly DecoderName[] = ['native', 'zxing-wasm', 'zxing-js'];

/** A rectangle in video pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A camera frame as the page hands it to the worker: a VideoFrame where WebCodecs exists, else an ImageBitmap. */
export type CameraFrame = ImageBitmap | VideoFrame;

/** One QR decoder. Implementations live in src/scan/worker and run off the main thread. */
export interface Decoder {
  readonly name: DecoderName;
  /** Texts of the QR codes found in the frame (empty when none). */
  decode(frame: ImageData | ImageBitmap | VideoFrame): Promise<string[]>;
}

/**
 * What to decode of a frame (issue #14): the region behind the on-screen guide first, then — when it held
 * no code and `fallback` is set — the whole frame. Without a region the whole frame is decoded.
 */
export interface DecodeRequest {
  region?: Region;
  fallback?: boolean;
}

export interface DecodeResult {
  texts: string[];
  /** Time spent decoding inside the worker, ms (pixels already read). */
  decodeMs: number;
  /** Time spent reading the frame's pixels (VideoFrame.copyTo or drawImage + getImageData), ms. */
  pixelsMs: number;
  /** Which pass found the texts: the guide's region or the whole frame (none when nothing was found). */
  foundIn?: 'region' | 'frame';
}

/**
 * What the worker posts about a frame it read from the camera itself (DecoderApi.watch, issue #14): each frame
 * with texts, and the first frame read. Times are epoch ms (the worker's timeOrigin + now), for the page to place
 * on its own clock.
 */
export interface FrameReport extends DecodeResult {
  /** The worker read the frame from the track. */
  readAt: number;
  /** Its decode started (the wait for the region's plan, nearly nothing). */
  decodeStartedAt: number;
  /** This report was posted. */
  postedAt: number;
  /** The first frame the worker read from this track. */
  first: boolean;
}
