import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { DecoderApi } from './worker/decoder-worker';
import type { CameraFrame, DecodeRequest, DecodeResult, DecoderName } from './decoder';

/**
 * The page's handle on the decoder worker: started lazily on the first frame's need,
 * ended when the camera stops so an idle kiosk holds no wasm heap.
 */
export class DecoderBridge {
  private worker: Worker | undefined;
  private api: Remote<DecoderApi> | undefined;
  private ready: Promise<DecoderName> | undefined;

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

  stop(): void {
    this.worker?.terminate();
    this.worker = this.api = this.ready = undefined;
  }
}
