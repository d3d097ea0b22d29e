import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GatelogDb } from '../db/gatelog-db';
import { logCheckIn } from '../db/outbox';
import { setSetting } from '../db/settings';
import { pushOutbox } from './push-engine';

describe('push engine on a full disk (issue #12)', () => {
  it('deletes the records the server confirmed when marking them synced cannot be written', async () => {
    const db = new GatelogDb('push-full-1');
    await setSetting(db, 'deviceToken', 'token');
    for (let i = 0; i < 3; i++) await logCheckIn(db, { kind: 'manual', subject: `09120000${i}`, name: 'Khách', phone: `09120000${i}` }, 'in');
    // The disk is full: any write that grows a record fails as Chromium fails it.
    db.outbox.bulkUpdate = (() => Promise.reject(new DOMException('quota', 'QuotaExceededError'))) as unknown as typeof db.outbox.bulkUpdate;
    const answer = { serverTime: Date.now(), results: [0, 1, 2].map((index) => ({ index, status: index === 1 ? 'rejected' : 'accepted', ...(index === 1 ? { id: null, reason: 'x' } : {}) })) };
    const fetchStub = (async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
    await pushOutbox(db, { fetch: fetchStub });
    const left = await db.outbox.toArray();
    expect(left.map((r) => [r.seq, r.syncState])).toEqual([[1, 'pending']]); // the refused one stays, to be refused again
  });
});
