import { describe, expect, it } from 'vitest';
import { adminEn } from './admin-en';
import { adminVi } from './admin-vi';

describe('admin console messages', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(adminEn).sort()).toEqual(Object.keys(adminVi).sort());
    for (const m of [...Object.values(adminEn), ...Object.values(adminVi)]) expect(m.trim()).not.toBe('');
  });
  it('uses the province form column titles verbatim in Vietnamese', () => {
    expect(adminVi.colCodes).toBe('Tổng số mã QR địa điểm đã tạo và quản lý');
    expect(adminVi.colScans).toBe('Tổng số lượt quét mã QR');
  });
});
