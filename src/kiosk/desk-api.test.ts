import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db/gatelog-db';
import { setSetting } from '../db/settings';
import { createDeskApi } from './desk-api';

const CARD = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1, TP. Hồ Chí Minh|10082021';
const OTHER = '001205000001|025123457|Trần Văn Bình|01012005|Nam|Hà Nội|01012021';
const DAY = 86_400_000;

// The desk worker's API, run here in-process over fake-indexeddb (the worker only exposes it through Comlink).
describe('desk API', () => {
  it('logs a scan in the page’s session, on the page’s clock, and the next screen read shows it', async () => {
    const api = createDeskApi();
    // The page started 1.5 s before this context: its clock reads 1.5 s more.
    api.init('page-session', performance.timeOrigin - 1500);
    const before = performance.now() + 1500;
    const outcome = await api.scanned(CARD, Date.now(), { direction: 'in' });
    const after = performance.now() + 1500;
    if (outcome?.kind !== 'logged') throw new Error(`not logged: ${outcome?.kind}`);
    expect(outcome.row.session).toBe('page-session');
    expect(outcome.row.perfAt).toBeGreaterThanOrEqual(before);
    expect(outcome.row.perfAt).toBeLessThanOrEqual(after);
    expect(outcome.writeStartedAt).toBe(outcome.row.perfAt);
    expect(outcome.committedAt).toBeGreaterThanOrEqual(outcome.writeStartedAt);
    expect(outcome.committedAt).toBeLessThanOrEqual(after);

    const screen = await api.screen(Date.now());
    expect(screen.counts).toEqual({ in: 1, out: 0, inside: 1 });
    expect(screen.pending).toBe(1);
    expect(screen.recent.map((r) => r.id)).toEqual([outcome.row.id]);
    expect(screen.settings.nextSeq).toBe(1);
  });

  it('acts on the settings each call brings, and the screen counts overdue records by the stored retention', async () => {
    const db = getDb();
    const api = createDeskApi();
    api.init('page-2', performance.timeOrigin);
    const out = await api.scanned(OTHER, Date.now(), { direction: 'out', policy: { keptFields: ['name'], retentionDays: 30 } });
    if (out?.kind !== 'logged') throw new Error('not logged');
    expect(out.row.direction).toBe('out');
    expect(out.row.visitor.idNumber).toBeUndefined(); // the policy the call brought keeps the name only
    await db.outbox.update(out.row.id, { deviceTime: Date.now() - 10 * DAY });
    expect((await api.screen(Date.now())).overdue).toBe(0);
    await setSetting(db, 'policy', { keptFields: ['name'], retentionDays: 7 });
    expect((await api.screen(Date.now())).overdue).toBe(1);
  });
});
