import type { CameraFrame } from './decoder';

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

/**
 * Grabs camera frames on the main thread — one per new video frame with requestVideoFrameCallback,
 * else per animation frame — and hands each to `onFrame`. Only one frame is in flight: while the
 * decoder is busy, new frames are skipped rather than queued, so latency stays flat.
 *
 * A frame is a VideoFrame where WebCodecs exists: it wraps the camera's buffer without reading a pixel
 * on the main thread, and the worker then copies only the part it decodes (issue #14). createImageBitmap
 * (the fallback) converts the whole frame here first.
 */
export class FrameLoop {
  private running = false;
  private busy = false;
  private handle = 0;

  constructor(
    private readonly video: VideoWithRvfc,
    private readonly onFrame: (frame: CameraFrame, capturedAt: number) => Promise<void>,
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
      const frame: CameraFrame = typeof VideoFrame === 'function' ? new VideoFrame(this.video) : await createImageBitmap(this.video);
      await this.onFrame(frame, capturedAt);
    } catch (e) {
      // A frame that fails to grab or decode is dropped; the next one is tried.
      console.warn('frame dropped', (e as Error).name);
    } finally {
      this.busy = false;
    }
  }
}
