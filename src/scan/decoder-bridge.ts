import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { DecoderApi } from './worker/decoder-worker';
import type { CameraFrame, DecodeRequest, DecodeResult, DecoderName, FrameReport, Region } from './decoder';

/** Chrome's (and Android Chrome's) source of a track's frames as a stream, which can be handed to a worker. */
type TrackProcessor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };
const TrackProcessor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessor }).MediaStreamTrackProcessor;

/**
 * The page's handle on the decoder worker: started lazily on the first frame's need,
 * ended when the camera stops so an idle kiosk holds no wasm heap.
 */
export class DecoderBridge {
  private worker: Worker | undefined;
  private api: Remote<DecoderApi> | undefined;
  private ready: Promise<DecoderName> | undefined;
  /** Where a watching worker's reports arrive. */
  private reports: MessagePort | undefined;
  private region: Region | undefined;

  constructor(
    private readonly forced?: DecoderName,
    /** How much of the decoder has downloaded, 0…1 (a first start on a slow link takes seconds). */
    private readonly onProgress?: (fraction: number) => void,
  ) {}

  /** Starts the worker and its decoder; resolves with the decoder's name. */
  start(): Promise<DecoderName> {
    if (!this.ready) {
      this.worker = new Worker(new URL('./worker/decoder-worker.ts', import.meta.url), { type: 'module', name: 'decoder' });
      this.api = wrap<DecoderApi>(this.worker);
      this.ready = this.api.init(this.forced, this.onProgress && proxy(this.onProgress));
    }
    return this.ready;
  }

  /** Decodes a frame (see DecodeRequest); the frame is transferred to the worker, not copied. */
  async decode(frame: CameraFrame, request: DecodeRequest = {}): Promise<DecodeResult> {
    try {
      await this.start();
    } catch (e) {
      frame.close();
      throw e;
    }
    return this.api!.decode(transfer(frame, [frame]), request);
  }

  /**
   * Has the worker read `track`'s frames itself and decode each, the guide's region first (issue #14): the main
   * thread then does nothing per frame and `onReport` hears of each frame with a code, and of the first frame.
   * False where the browser cannot hand a track's frames to a worker: the page grabs them itself then (FrameLoop).
   */
  watch(track: MediaStreamTrack, onReport: (report: FrameReport) => void): boolean {
    if (!TrackProcessor) return false;
    // One frame kept: while the worker decodes, newer frames replace older ones instead of queueing.
    const frames = new TrackProcessor({ track, maxBufferSize: 1 }).readable;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (e: MessageEvent<FrameReport>) => onReport(e.data);
    this.reports = port1;
    void this.start().then(
      () => this.api?.watch(transfer({ frames, reports: port2 }, [frames as unknown as Transferable, port2]), this.region),
      () => port1.close(),
    );
    return true;
  }

  /** The guide's region, for the watching worker (see watch). */
  setRegion(region: Region | undefined): void {
    this.region = region;
    if (this.reports && this.api) void this.api.setRegion(region);
  }

  stop(): void {
    this.reports?.close();
    this.reports = undefined;
    this.worker?.terminate();
    this.worker = this.api = this.ready = undefined;
  }
}
