import { transfer, wrap, type Remote } from 'comlink';
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

  constructor(private readonly forced?: DecoderName) {}

  /** Starts the worker and its decoder; resolves with the decoder's name. */
  start(): Promise<DecoderName> {
    if (!this.ready) {
      this.worker = new Worker(new URL('./worker/decoder-worker.ts', import.meta.url), { type: 'module', name: 'decoder' });
      this.api = wrap<DecoderApi>(this.worker);
      this.ready = this.api.init(this.forced);
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
