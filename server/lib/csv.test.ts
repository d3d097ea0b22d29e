import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['Nguyễn, "Văn" A', 3], ['=HYPERLINK("x")', -1], ['<img src=x onerror=alert(1)>', null]])).toBe(
      '\uFEFFa,b\r\n"Nguyễn, ""Văn"" A",3\r\n"\'=HYPERLINK(""x"")",-1\r\n<img src=x onerror=alert(1)>,\r\n',
    );
  });
});
