import { MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import type { Visitor } from '../protocol/visitor';
import { normalisePhone } from './pass';
import { CONTROL_RE, cleanText } from './parse-result';

export type ManualEntryError = 'nameRequired' | 'nameInvalid' | 'contactRequired' | 'contactInvalid';

/**
 * Turns the manual-entry form into a visitor. The contact field takes a phone or an ID number
 * (9 or 12 digits with no leading +, 8–15 digits otherwise counts as a phone).
 */
export function visitorFromManualEntry(nameInput: string, contactInput: string): Visitor | ManualEntryError {
  const name = cleanText(nameInput);
  if (!name) return 'nameRequired';
  if (name.length > MAX_NAME_LENGTH || CONTROL_RE.test(nameInput)) return 'nameInvalid';
  const contact = normalisePhone(contactInput.trim());
  if (!contact) return 'contactRequired';
  if (/^\d{12}$/.test(contact) || /^\d{9}$/.test(contact)) {
    return { kind: 'manual', subject: contact, name, idNumber: contact };
  }
  if (/^\+?\d{8,15}$/.test(contact)) return { kind: 'manual', subject: contact, name, phone: contact };
  return 'contactInvalid';
}

export interface ManualEntryErrors {
  name?: 'nameRequired' | 'nameInvalid';
  contact?: 'contactRequired' | 'contactInvalid';
}

/** Every problem with the form at once, by field, so the attendant fixes both fields in one go (issue #11). */
export function manualEntryErrors(nameInput: string, contactInput: string): ManualEntryErrors {
  const errors: ManualEntryErrors = {};
  const name = visitorFromManualEntry(nameInput, '0000000000');
  if (name === 'nameRequired' || name === 'nameInvalid') errors.name = name;
  const contact = visitorFromManualEntry('x', contactInput);
  if (contact === 'contactRequired' || contact === 'contactInvalid') errors.contact = contact;
  return errors;
}
