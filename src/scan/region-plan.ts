import type { DecodeRequest, Region } from './decoder';

/** Every how many frames without a code the whole frame is decoded instead of the guide's region. */
export const WHOLE_FRAME_EVERY = 4;

/**
 * Decides per camera frame what the worker decodes (issue #14): the region behind the guide, where the
 * attendant holds the code, and every WHOLE_FRAME_EVERY-th frame without a code the whole frame, so a code
 * held beside the guide is still read, a few frames later. A whole-frame pass never follows a region pass on
 * the same frame: one frame in flight must stay short.
 */
export class RegionPlan {
  private misses = 0;

  constructor(private readonly wholeEvery = WHOLE_FRAME_EVERY) {}

  next(region: Region | undefined): DecodeRequest {
    return region && (this.misses + 1) % this.wholeEvery !== 0 ? { region } : {};
  }

  /** Counts frames without a code; a code found resets the count (the next frame is most likely the same code). */
  record(found: boolean): void {
    this.misses = found ? 0 : this.misses + 1;
  }
}
