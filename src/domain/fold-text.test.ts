import { describe, expect, it } from 'vitest';
import { FOLD_TABLE, foldText } from './fold-text';

describe('foldText (search without tones or case, issue #11)', () => {
  it('drops tones, marks and case, đ included, in composed and decomposed text', () => {
    expect(foldText('Nguyễn Thị Ánh Tuyết')).toBe('nguyen thi anh tuyet');
    expect(foldText('ĐẶNG ĐỨC')).toBe('dang duc');
    expect(foldText('Hồng'.normalize('NFD'))).toBe('hong');
    expect(foldText('HS-0007 abc')).toBe('hs-0007 abc');
  });
  it('has a translate() table that maps each letter to one character and deletes combining marks', () => {
    const from = [...FOLD_TABLE.from];
    const to = [...FOLD_TABLE.to];
    expect(from.length - to.length).toBe(0x036f - 0x0300 + 1);
    for (const [i, c] of to.entries()) expect(foldText(from[i]!)).toBe(c);
    for (const letter of 'ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂÂĐÊÔƠƯỲỴỶỸ') expect(from).toContain(letter);
  });
});

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
