import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDesk } from './desk-bridge';

const CARD = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1, TP. Hồ Chí Minh|10082021';

/** A browser whose module worker fails to load (an old WebView, a blocked script): it says so with an `error` event. */
class FailingWorker extends EventTarget {
  constructor() {
    super();
    setTimeout(() => this.dispatchEvent(new Event('error')), 5);
  }
  postMessage(): void {}
  terminate(): void {}
}

afterEach(() => vi.unstubAllGlobals());

describe('startDesk', () => {
  it('where the desk worker cannot start, runs the desk in the page: scans are logged and the screen read', async () => {
    vi.stubGlobal('Worker', FailingWorker);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const desk = startDesk();
    const outcome = await desk.scanned(CARD, Date.now(), { direction: 'in' });
    expect(outcome?.kind).toBe('logged');
    const screen = await desk.screen(Date.now());
    expect(screen.counts.in).toBe(1);
    expect(screen.recent[0]?.visitor.name).toBe('Nguyễn Thị Ánh Tuyết');
    expect(warn).toHaveBeenCalledWith('desk worker failed to start: the page runs the desk');
  });

  it('where module workers do not exist at all, runs the desk in the page', async () => {
    vi.stubGlobal('Worker', undefined);
    const desk = startDesk();
    expect((await desk.screen(Date.now())).settings).toBeDefined();
  });
});
