import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text';

describe('foldText', () => {
  it('drops tones, marks and case, and reads đ as d', () => {
    expect(foldText('Nguyễn Thị Ánh Tuyết')).toBe('nguyen thi anh tuyet');
    expect(foldText('ĐẶNG Thuỳ Dương')).toBe('dang thuy duong');
    expect(foldText('Nguye\u0302\u0303n')).toBe('nguyen'); // typed decomposed (NFD) on some keyboards
  });
  it('lets a plain query find an accented name', () => {
    expect(foldText('Nguyễn Thị Ánh Tuyết').includes(foldText('  nguyen  thi '))).toBe(true);
    expect(foldText('Trần Văn Đức').includes(foldText('duc'))).toBe(true);
  });
});
