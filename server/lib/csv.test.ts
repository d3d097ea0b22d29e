import { describe, expect, it } from 'vitest';
import { localTimeCell, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['Nguyễn, "Văn" A', 3], ['=HYPERLINK("x")', -1], ['<img src=x onerror=alert(1)>', null]])).toBe(
      '\uFEFFa,b\r\n"Nguyễn, ""Văn"" A",3\r\n"\'=HYPERLINK(""x"")",-1\r\n<img src=x onerror=alert(1)>,\r\n',
    );
  });
});

describe('formula defusing after leading spaces (#10 item 12)', () => {
  it.each([
    ['  =HYPERLINK("http://x")'],
    [' +1+1'],
    ['   -2+3'],
    [' @SUM(A1)'],
    [' \t=1'],
    ['\u00a0=1'],
    ['  \r=1'],
  ])('defuses %j', (value) => {
    const line = toCsv(['a'], [[value]]).split('\r\n')[1]!;
    expect(line.replace(/^"/, '').startsWith(`'`)).toBe(true);
  });

  it('leaves plain text and numbers alone', () => {
    expect(toCsv(['a', 'b', 'c'], [['  Cảng A', -5, 'a=b']])).toBe('\uFEFFa,b,c\r\n  Cảng A,-5,a=b\r\n');
  });
});

describe('localTimeCell', () => {
  it('writes an instant as wall time in the given zone', () => {
    expect(localTimeCell('2025-03-10T01:05:09.000Z', 'Asia/Ho_Chi_Minh')).toBe('2025-03-10 08:05:09');
    expect(localTimeCell('2025-03-09T23:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2025-03-10 06:30:00');
    expect(localTimeCell('2025-03-10T01:05:09Z', 'UTC')).toBe('2025-03-10 01:05:09');
  });

  it('never throws on a value that is no time', () => {
    expect(localTimeCell(null, 'UTC')).toBe('');
    expect(localTimeCell('+275760-09-13T00:00:00.001Z', 'UTC')).toBe('+275760-09-13T00:00:00.001Z');
    expect(localTimeCell('not a time', 'UTC')).toBe('not a time');
  });
});
