import type { Visitor } from '../protocol/visitor';

/** Why a code was refused; each maps to a sentence for the attendant in src/i18n. */
export type RejectReason =
  | 'empty'
  | 'tooLong'
  | 'controlChars'
  | 'cccdFields'
  | 'cccdNumber'
  | 'cccdProvince'
  | 'cccdCentury'
  | 'cccdBirthDate'
  | 'cccdBirthYear'
  | 'cccdGender'
  | 'cccdName'
  | 'passVersion'
  | 'passFields'
  | 'passCheck'
  | 'passSignature'
  | 'passKeyUnknown'
  | 'passExpired';

export type ParseResult = { ok: true; visitor: Visitor } | { ok: false; reason: RejectReason };

export const reject = (reason: RejectReason): ParseResult => ({ ok: false, reason });

/** C0/C1 control characters; tab and newlines are not allowed inside a field either. */
export const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** Collapse runs of spaces and use NFC so "Nguyễn" typed or decoded either way compares equal. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}
