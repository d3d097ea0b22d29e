import { describe, expect, it } from 'vitest';
import { encodePass, newPassId, parsePass, passCheck } from './pass';
import { parseCode } from './parse-code';

const passId = '7K3M9Q2XAB';

describe('Gatelog pass v1', () => {
  it('round-trips name and phone, with diacritics', () => {
    const text = encodePass({ passId, name: 'Phạm Thị Hồng Nhung', phone: '090 123 4567' });
    expect(text).toMatch(/^GLP1\|7K3M9Q2XAB\|Phạm Thị Hồng Nhung\|0901234567\|\|[0-9A-Z]{6}$/);
    expect(parseCode(text)).toEqual({
      ok: true,
      visitor: { kind: 'pass', subject: passId, passId, name: 'Phạm Thị Hồng Nhung', phone: '0901234567' },
    });
  });

  it('carries an optional ID number', () => {
    const r = parsePass(encodePass({ passId, name: 'Lê Văn Tám', idNumber: '079190012345' }));
    expect(r).toEqual({ ok: true, visitor: { kind: 'pass', subject: passId, passId, name: 'Lê Văn Tám', idNumber: '079190012345' } });
    expect(() => encodePass({ passId, name: 'A', idNumber: '12345' })).toThrow();
  });

  it('works without a phone', () => {
    const r = parsePass(encodePass({ passId, name: 'Khách' }));
    expect(r).toEqual({ ok: true, visitor: { kind: 'pass', subject: passId, passId, name: 'Khách' } });
  });

  it('catches a one-character typo anywhere through the check value', () => {
    const text = encodePass({ passId, name: 'Lê Văn Tám', phone: '0912345678' });
    for (let i = 5; i < text.length; i++) {
      if (text[i] === '|') continue;
      const typo = text.slice(0, i) + (text[i] === '1' ? '2' : '1') + text.slice(i + 1);
      expect(parsePass(typo).ok, typo).toBe(false);
    }
  });

  it('refuses other versions, wrong field counts and control characters', () => {
    const body = `GLP2|${passId}|A||`;
    expect(parsePass(`${body}|${passCheck(body)}`)).toEqual({ ok: false, reason: 'passVersion' });
    expect(parsePass(`GLP1|${passId}|A`)).toEqual({ ok: false, reason: 'passFields' });
    const v0 = `GLP1|${passId}|A|`; // the 4-field body without an ID number slot
    expect(parsePass(`${v0}|${passCheck(v0)}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLP1|${passId}|A\u0000|`)).toEqual({ ok: false, reason: 'controlChars' });
    expect(parseCode('GLP1|' + 'x'.repeat(3000))).toEqual({ ok: false, reason: 'tooLong' });
  });

  it('refuses to encode what it could not parse back', () => {
    expect(() => encodePass({ passId, name: 'a|b' })).toThrow();
    expect(() => encodePass({ passId, name: '' })).toThrow();
    expect(() => encodePass({ passId: 'short', name: 'A' })).toThrow();
    expect(() => encodePass({ passId, name: 'A', phone: '12' })).toThrow();
  });

  it('makes ids the parser accepts', () => {
    for (let i = 0; i < 50; i++) expect(parsePass(encodePass({ passId: newPassId(), name: 'A' })).ok).toBe(true);
  });
});
