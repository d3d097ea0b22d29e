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
  it('bounds the batch by UTF-8 bytes: Vietnamese names that fit by characters do not fit by bytes (#13)', () => {
    const viet = 'Nguyễn Thị Ánh Tuyết Lê Đức Phượng Hoàng Bích Ngọc Trường Vũ'.repeat(3);
    const rows = [row(1, viet), row(2, viet)];
    const wire = JSON.stringify(boundBatch([rows[0]!], Infinity)[0]);
    const bytes = new TextEncoder().encode(wire).length + 1;
    const chars = wire.length + 1;
    expect(bytes - chars).toBeGreaterThan(30); // the bound below sits between the two counts
    expect(boundBatch(rows, 64 + 2 * bytes).length).toBe(2); // both fit in bytes
    expect(boundBatch(rows, 64 + 2 * bytes - 1).length).toBe(1); // one byte short: fits in characters, not in bytes
    expect(boundBatch(rows, 64 + 2 * chars + 10).length).toBe(1);
  });
});
