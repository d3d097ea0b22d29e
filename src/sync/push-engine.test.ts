import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../db/gatelog-db';
import { boundBatch } from './push-engine';

const row = (i: number, name: string): OutboxRow => ({
  id: `0190c5d2-0000-7000-8000-${String(i).padStart(12, '0')}`,
  seq: i,
  direction: 'in',
  deviceTime: 1_732_600_000_000 + i,
  visitor: { kind: 'manual', subject: `09${i}`, name },
  syncState: 'pending',
});

describe('boundBatch', () => {
  it('takes the longest prefix under the byte bound, without local sync state', () => {
    const rows = [row(1, 'A'.repeat(100)), row(2, 'B'.repeat(100)), row(3, 'C'.repeat(100))];
    const batch = boundBatch(rows, 64 + 2 * 260);
    expect(batch.map((r) => r.seq)).toEqual([1, 2]);
    expect(batch[0]).not.toHaveProperty('syncState');
  });
  it('always takes at least one record, so a large record cannot stall the queue', () => {
    expect(boundBatch([row(1, 'x'.repeat(120))], 10)).toHaveLength(1);
  });
  it('counts UTF-8 bytes, not characters', () => {
    const viet = 'Nguyễn Thị Ánh Tuyết';
    const one = new TextEncoder().encode(JSON.stringify({ ...row(1, viet), syncState: undefined })).length;
    expect(boundBatch([row(1, viet), row(2, viet)], 64 + one + 1 + viet.length).length).toBe(1);
  });
});
