import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';

describe('messages', () => {
  it('has the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const m of [...Object.values(en), ...Object.values(vi)]) expect(m.trim()).not.toBe('');
  });
  it('has a sentence for every reject reason the parsers can give', async () => {
    const reasons = ['empty', 'tooLong', 'controlChars', 'cccdFields', 'cccdNumber', 'cccdProvince', 'cccdCentury',
      'cccdBirthDate', 'cccdBirthYear', 'cccdGender', 'cccdName', 'passVersion', 'passFields', 'passCheck'];
    for (const r of reasons) expect(vi).toHaveProperty(`reason_${r}`);
  });
});
