import { describe, expect, it } from 'vitest';
import { UUID_RE } from '../protocol/checkin';
import { applyFieldPolicy } from './field-policy';
import { manualEntryErrors, visitorFromManualEntry } from './manual-entry';
import { uuid7 } from './uuid7';

describe('uuid7', () => {
  it('is a valid v7 UUID that sorts in creation order within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => uuid7(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(UUID_RE);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });
  it('encodes the time in the first 48 bits', () => {
    const id = uuid7(Date.UTC(2030, 0, 1));
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 1));
  });
});

describe('applyFieldPolicy', () => {
  const v = { kind: 'cccd' as const, subject: '079190012345', idNumber: '079190012345', name: 'A', birthYear: 1990,
    birthDate: '1990-03-15', gender: 'Nữ', address: 'Hà Nội' };
  it('keeps only the configured fields and always the subject', () => {
    expect(applyFieldPolicy(v, ['name', 'birthYear'])).toEqual({ kind: 'cccd', subject: '079190012345', name: 'A', birthYear: 1990 });
  });
  it('drops the address under the default policy', () => {
    expect(applyFieldPolicy(v, ['idNumber', 'name', 'birthYear', 'gender', 'phone'])).not.toHaveProperty('address');
  });
});

describe('visitorFromManualEntry', () => {
  it('takes a phone or an ID number', () => {
    expect(visitorFromManualEntry(' Bà  Năm ', '0903 111 222')).toEqual({ kind: 'manual', subject: '0903111222', name: 'Bà Năm', phone: '0903111222' });
    expect(visitorFromManualEntry('Ông Sáu', '079190012345')).toEqual({ kind: 'manual', subject: '079190012345', name: 'Ông Sáu', idNumber: '079190012345' });
  });
  it('names what is missing or wrong', () => {
    expect(visitorFromManualEntry('', '0903111222')).toBe('nameRequired');
    expect(visitorFromManualEntry('A', '')).toBe('contactRequired');
    expect(visitorFromManualEntry('A', 'abc')).toBe('contactInvalid');
    expect(visitorFromManualEntry('A\u0000', '0903111222')).toBe('nameInvalid');
  });
});

describe('manualEntryErrors', () => {
  it('reports both fields at once', () => {
    expect(manualEntryErrors('', 'abc')).toEqual({ name: 'nameRequired', contact: 'contactInvalid' });
    expect(manualEntryErrors('A\u0000', '')).toEqual({ name: 'nameInvalid', contact: 'contactRequired' });
    expect(manualEntryErrors('Bà Năm', '0903 111 222')).toEqual({});
  });
});
