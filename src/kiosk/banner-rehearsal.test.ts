import { describe, expect, it } from 'vitest';
import { vietnameseLetters } from './banner-rehearsal';

describe('vietnameseLetters', () => {
  it('holds every Vietnamese letter once, lower and upper case, each one composed code point (#14)', () => {
    const letters = [...vietnameseLetters()];
    // 12 vowels × 6 tones × 2 cases, and đ/Đ.
    expect(letters).toHaveLength(146);
    expect(new Set(letters).size).toBe(146);
    for (const l of letters) expect(l.normalize('NFC')).toBe(l);
    for (const l of ['ễ', 'ự', 'ỷ', 'Ằ', 'Ợ', 'đ', 'Đ', 'y', 'Ý']) expect(letters).toContain(l);
    // as a name from an ID card is written: decomposed input composes to these
    expect(letters).toContain('Nguyễn'.normalize('NFD').normalize('NFC').at(-2));
  });
});
