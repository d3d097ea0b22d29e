import type { Region } from './decoder';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How far around the on-screen guide the decoder looks first, as a fraction of the guide's side. */
export const GUIDE_MARGIN = 0.25;

/**
 * The part of the camera frame behind the on-screen frame guide, widened by `margin` on each side, for a
 * video shown with `object-fit: cover` in `element`. Undefined when cropping would not save much (the guide
 * covers most of the frame) or nothing is laid out yet: then the whole frame is decoded. Edges are even so a
 * 4:2:0 VideoFrame can be copied from them.
 */
export function guideRegion(videoWidth: number, videoHeight: number, element: Box, guide: Box, margin = GUIDE_MARGIN): Region | undefined {
  if (!videoWidth || !videoHeight || !element.width || !element.height || !guide.width || !guide.height) return undefined;
  const scale = Math.max(element.width / videoWidth, element.height / videoHeight);
  const left = element.left + (element.width - videoWidth * scale) / 2;
  const top = element.top + (element.height - videoHeight * scale) / 2;
  const w = guide.width / scale;
  const h = guide.height / scale;
  const x0 = clamp((guide.left - left) / scale - w * margin, videoWidth);
  const y0 = clamp((guide.top - top) / scale - h * margin, videoHeight);
  const x1 = clamp((guide.left - left) / scale + w * (1 + margin), videoWidth);
  const y1 = clamp((guide.top - top) / scale + h * (1 + margin), videoHeight);
  const x = even(Math.floor(x0));
  const y = even(Math.floor(y0));
  const width = even(Math.ceil(x1) - x, videoWidth - x);
  const height = even(Math.ceil(y1) - y, videoHeight - y);
  if (width < 32 || height < 32 || width * height > 0.6 * videoWidth * videoHeight) return undefined;
  return { x, y, width, height };
}

const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
/** Rounded down to even, and no more than `max` (itself rounded down to even). */
const even = (v: number, max = v): number => Math.min(v, max) & ~1;

/**
 * Calls `onChange` with the guide's region now and whenever it changes: the video's resolution, or the size of the
 * video's or the guide's box (the window, a notice or a wrapped footer, issue #11). Boxes are read in the
 * ResizeObserver's callback, after layout, never per camera frame: reading them there forced a layout on every
 * frame after each render (issue #14). Returns the watch's end.
 */
export function watchGuide(video: HTMLVideoElement, guide: HTMLElement, onChange: (region: Region | undefined) => void): () => void {
  let key: string | undefined;
  const measure = () => {
    const region = guideRegion(video.videoWidth, video.videoHeight, video.getBoundingClientRect(), guide.getBoundingClientRect());
    const now = region ? `${region.x},${region.y},${region.width},${region.height}` : '';
    if (now === key) return;
    key = now;
    onChange(region);
  };
  const observer = new ResizeObserver(measure);
  observer.observe(video);
  observer.observe(guide);
  video.addEventListener('resize', measure); // videoWidth / videoHeight changed
  return () => {
    observer.disconnect();
    video.removeEventListener('resize', measure);
  };
}
