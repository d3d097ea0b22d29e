/**
 * Where one scan's time goes, ms per stage (issue #14): the kiosk records them on the
 * `scan-to-logged` measure's detail so the benchmark can show a breakdown, not just a total.
 */
export interface FrameStages {
  /** Camera frame callback → frame handed to the worker (main thread). */
  grab: number;
  /** Round trip to the decoder worker, less the worker's own work (messaging and queueing). */
  transfer: number;
  /** Reading the frame's pixels in the worker. */
  pixels: number;
  /** The decoder itself. */
  decode: number;
  /** Whether the guide's region or the whole frame held the code. */
  foundIn?: 'region' | 'frame';
}

export interface ScanStages extends FrameStages {
  /** Texts back on the main thread → check-in write started (duplicate window, parsers, roster). */
  parse: number;
  /** The IndexedDB transaction, until committed with strict durability. */
  commit: number;
}

/** Records one logged scan: capture → commit, with its stages as the measure's detail. */
export function measureScan(capturedAt: number, decodedAt: number, writeStartedAt: number, committedAt: number, frame: FrameStages): void {
  const detail: ScanStages = { ...frame, parse: writeStartedAt - decodedAt, commit: committedAt - writeStartedAt };
  performance.measure('scan-to-logged', { start: capturedAt, end: committedAt, detail });
}

/** Records when the outcome of a scan captured at `capturedAt` reached the screen: after the next paint. */
export function measureBannerShown(capturedAt: number): void {
  requestAnimationFrame(() => {
    // rAF callbacks run before the frame is painted; a message posted from one is handled after it.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.measure('scan-to-banner', { start: capturedAt, end: performance.now() });
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
