import { describe, expect, it } from 'vitest';
import { enrolCodeFromUrl } from './enrolment';

describe('enrolCodeFromUrl', () => {
  const origin = 'https://gate.example:8443';
  it('reads the code from a link to this server', () => {
    expect(enrolCodeFromUrl('https://gate.example:8443/#enrol=abcdefgh23456789', origin)).toBe('abcdefgh23456789');
    expect(enrolCodeFromUrl('#enrol=abcdefgh23456789', origin)).toBe('abcdefgh23456789');
  });
  it('ignores other servers, other fragments and visitor codes', () => {
    expect(enrolCodeFromUrl('https://evil.example/#enrol=abcdefgh23456789', origin)).toBeNull();
    expect(enrolCodeFromUrl('https://gate.example:8443/#other=1', origin)).toBeNull();
    expect(enrolCodeFromUrl('079190012345|025123456|A|15031990|Nữ|x|1', origin)).toBeNull();
    expect(enrolCodeFromUrl('https://gate.example:8443/#enrol=<script>', origin)).toBeNull();
  });
});
