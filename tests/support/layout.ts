import type { Page } from 'playwright-core';

export interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of boxes that overlap by more than a pixel (touching edges are fine). */
export function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 1 && h > 1) found.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return found;
}

/** Whether `inner` lies inside `outer` (within a pixel). */
export function inside(inner: Box, outer: { x: number; y: number; width: number; height: number }): boolean {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}

/**
 * Boxes of several selectors read in one go, from one layout: a footer that changes while the test reads boxes one
 * by one (a sync finishing) must not make them disagree.
 */
export async function boxesAtOnce(page: Page, selectors: [name: string, selector: string][]): Promise<Box[]> {
  return (await page.evaluate(
    `(${JSON.stringify(selectors)}).flatMap(([name, selector]) => {
      const els = [...document.querySelectorAll(selector)];
      return els.map((el, i) => {
        const r = el.getBoundingClientRect();
        return { name: els.length > 1 ? name + ' #' + (i + 1) : name, x: r.x, y: r.y, width: r.width, height: r.height };
      }).filter((b) => b.width > 0 && b.height > 0);
    })`,
  )) as Box[];
}
