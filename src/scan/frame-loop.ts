type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

/**
 * Grabs camera frames on the main thread — one per new video frame with requestVideoFrameCallback,
 * else per animation frame — and hands each to `onFrame` as an ImageBitmap. Only one frame is in
 * flight: while the decoder is busy, new frames are skipped rather than queued, so latency stays flat.
 */
export class FrameLoop {
  private running = false;
  private busy = false;
  private handle = 0;

  constructor(
    private readonly video: VideoWithRvfc,
    private readonly onFrame: (frame: ImageBitmap, capturedAt: number) => Promise<void>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.video.cancelVideoFrameCallback) this.video.cancelVideoFrameCallback(this.handle);
    else cancelAnimationFrame(this.handle);
  }

  private schedule(): void {
    if (!this.running) return;
    const tick = (): void => void this.grab();
    this.handle = this.video.requestVideoFrameCallback ? this.video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  }

  private async grab(): Promise<void> {
    const capturedAt = performance.now();
    this.schedule();
    if (this.busy || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !this.video.videoWidth) return;
    this.busy = true;
    try {
      const frame = await createImageBitmap(this.video);
      await this.onFrame(frame, capturedAt);
    } catch (e) {
      // A frame that fails to grab or decode is dropped; the next one is tried.
      console.warn('frame dropped', (e as Error).name);
    } finally {
      this.busy = false;
    }
  }
}
