import { describe, expect, it } from 'vitest';
import { guideRegion } from './guide-region';

describe('guideRegion', () => {
  it('maps the guide of a 1024×700 screen onto a 1280×720 camera frame shown with object-fit: cover', () => {
    // cover: scale = max(1024/1280, 700/720) = 0.9722; the video is 1244×700 on screen, 110 px cut off each side.
    const guide = { left: 302, top: 140, width: 420, height: 420 };
    const r = guideRegion(1280, 720, { left: 0, top: 0, width: 1024, height: 700 }, guide, 0)!;
    // The guide is 432 video px wide, centred: x ≈ (302 + 110) / 0.9722 ≈ 424, y = 140 / 0.9722 = 144.
    expect(r.x).toBeCloseTo(424, -1);
    expect(r.y).toBe(144);
    expect(r.width).toBeCloseTo(432, -1);
    expect(r.height).toBeCloseTo(432, -1);
  });
  it('widens by the margin, stays inside the frame and keeps even edges', () => {
    const r = guideRegion(1280, 720, { left: 0, top: 0, width: 1024, height: 700 }, { left: 302, top: 140, width: 420, height: 420 })!;
    expect(r.x % 2 + r.y % 2 + r.width % 2 + r.height % 2).toBe(0);
    expect(r.y).toBe(36); // 144 - 108
    expect(r.height).toBe(648);
    expect(r.x + r.width).toBeLessThanOrEqual(1280);
    expect(r.y + r.height).toBeLessThanOrEqual(720);
  });
  it('is undefined when the guide covers most of the frame or nothing is laid out', () => {
    expect(guideRegion(640, 480, { left: 0, top: 0, width: 640, height: 480 }, { left: 0, top: 0, width: 600, height: 460 })).toBeUndefined();
    expect(guideRegion(0, 0, { left: 0, top: 0, width: 1024, height: 700 }, { left: 302, top: 140, width: 420, height: 420 })).toBeUndefined();
    expect(guideRegion(1280, 720, { left: 0, top: 0, width: 1024, height: 700 }, { left: 0, top: 0, width: 0, height: 0 })).toBeUndefined();
  });
});
