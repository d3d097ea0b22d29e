import { describe, expect, it } from 'vitest';
import { oneLine, terminalSafe, terminalSafeJson } from './terminal-text';

const NASTY = [
  'Nguyễn\x1b[2J\x1b[31mVăn A', // clear screen, red
  '\x1b]52;c;ZWNobyBoaQ==\x07', // OSC 52: write the clipboard (BEL-terminated)
  '\x1b]0;owned\x1b\\', // OSC 0: window title (ST-terminated)
  '\x9b31m\x9d8;;http://evil\x9c', // 8-bit CSI and OSC
  'a\bb\rc\x07\x00\x7f', // backspace, carriage return, bell, NUL, DEL
  '\u202eabc\u202c', // right-to-left override
].join(' ');

describe('terminal-safe CLI output (#10 item 13)', () => {
  it('removes escape sequences and control characters, keeps text and newlines', () => {
    const safe = terminalSafe(`${NASTY}\nline 2`);
    expect(safe).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(safe).toContain('NguyễnVăn A');
    expect(safe).not.toContain('ZWNobyBoaQ');
    expect(safe).not.toContain('owned');
    expect(safe).not.toContain('evil');
    expect(safe.endsWith('\nline 2')).toBe(true);
  });

  it('keeps a data field on its line', () => {
    expect(oneLine('Trần\nfake line\r\tB')).toBe('Trần fake line B');
    expect(oneLine(null)).toBe('');
  });

  it('escapes JSON so a terminal sees no controls, and parsing gives the exact value back', () => {
    const value = { name: NASTY, sep: '\u2028' };
    const text = terminalSafeJson(value);
    expect(text).not.toMatch(/[\x00-\x1f\x7f-\x9f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
