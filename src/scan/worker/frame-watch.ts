import type { CameraFrame, DecodeRequest, DecodeResult, FrameReport, Region } from '../decoder';
import { RegionPlan } from '../region-plan';

const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * A code still in view is reported again only this often: the page's duplicate window (4 s) needs to hear that it
 * stays, not to be told on each of 30 frames a second — every message costs the page's main thread a task.
 */
export const STILL_IN_VIEW_MS = 1000;

/**
 * Reads a camera track's frames here in the worker and decodes each (issue #14): the page's main thread then does
 * nothing per frame — no frame callback, no VideoFrame, no message there and back — and hears only of frames with
 * a new code, of a code still in view every STILL_IN_VIEW_MS, and of the first frame. `frames` comes from a MediaStreamTrackProcessor that keeps one frame: while a frame
 * is decoded, newer ones replace each other, so the next read is the latest and latency stays flat.
 * Ends when the track ends (its stream closes).
 */
export async function watchFrames(
  frames: ReadableStream<VideoFrame>,
  reports: MessagePort,
  decode: (frame: CameraFrame, request: DecodeRequest) => Promise<DecodeResult>,
  region: () => Region | undefined,
): Promise<void> {
  const plan = new RegionPlan();
  const reader = frames.getReader();
  let first = true;
  let last = { key: '', at: -Infinity };
  try {
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done) return;
      const readAt = epochNow();
      const request = plan.next(region());
      const decodeStartedAt = epochNow();
      let result: DecodeResult;
      try {
        result = await decode(frame, request); // closes the frame
      } catch (e) {
        console.warn('frame dropped', (e as Error).name); // the next one is tried
        continue;
      }
      plan.record(result.texts.length > 0);
      const key = result.texts.join('\n');
      const news = result.texts.length > 0 && (key !== last.key || readAt - last.at >= STILL_IN_VIEW_MS);
      if (news) last = { key, at: readAt };
      if (news || first) {
        const report: FrameReport = { ...result, readAt, decodeStartedAt, postedAt: epochNow(), first };
        reports.postMessage(report);
      }
      first = false;
    }
  } finally {
    reader.releaseLock();
    reports.close();
  }
}
