import { MAX_CODE_LENGTH, MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import { CONTROL_RE, cleanText, reject, type ParseResult } from './parse-result';

/** Province codes printed in the first three digits of a 12-digit CCCD number (63 provinces). */
const PROVINCE_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

/** 4th digit: even = male, odd = female; pairs give the century (0/1 → 1900s, 2/3 → 2000s, … 8/9 → 1800s). */
const CENTURY_BY_DIGIT = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800] as const;

/** Quick test used by the dispatcher: a CCCD QR starts with a 12-digit number and a `|`. */
export function looksLikeCccd(text: string): boolean {
  return /^\s*\d{9,13}\|/.test(text);
}

/** Parses DDMMYYYY into ISO YYYY-MM-DD, or null when it is not a real calendar date. */
export function parseDdMmYyyy(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const d = new Date(Date.UTC(+yyyy, +mm - 1, +dd));
  if (d.getUTCFullYear() !== +yyyy || d.getUTCMonth() !== +mm - 1 || d.getUTCDate() !== +dd) return null;
  return `${yyyy}-${mm}-${dd}`;
}

/** Normalises the card's gender word to "Nam"/"Nữ", or null if it is neither. */
function parseGender(s: string): 'Nam' | 'Nữ' | null {
  const g = cleanText(s).toLowerCase();
  if (g === 'nam' || g === 'male') return 'Nam';
  if (g === 'nữ' || g === 'nu' || g === 'female') return 'Nữ';
  return null;
}

/**
 * Parses a Vietnamese chip ID card QR: `ID12|oldID9|Full name|DDMMYYYY birth|gender|address|DDMMYYYY issued`.
 * The number's structure is checked against the printed birth date and gender, so a misread or forged
 * code is refused with a reason instead of being logged under a wrong identity.
 */
export function parseCccd(text: string, now: Date = new Date()): ParseResult {
  if (text.length > MAX_CODE_LENGTH) return reject('tooLong');
  const fields = text.replace(/[\r\n]+$/, '').split('|');
  if (fields.length < 7) return reject('cccdFields');
  if (fields.some((f) => CONTROL_RE.test(f))) return reject('controlChars');
  const [id, oldId, rawName, birth, rawGender, rawAddress] = fields.map((f) => f.trim()) as string[] as [
    string, string, string, string, string, string,
  ];

  if (!/^\d{12}$/.test(id)) return reject('cccdNumber');
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return reject('cccdNumber');
  if (!PROVINCE_CODES.has(id.slice(0, 3))) return reject('cccdProvince');

  const birthDate = parseDdMmYyyy(birth);
  if (!birthDate) return reject('cccdBirthDate');
  const birthYear = +birthDate.slice(0, 4);
  if (birthYear < 1900 || birthYear > now.getUTCFullYear()) return reject('cccdBirthDate');

  const genderDigit = +id[3]!;
  const century = CENTURY_BY_DIGIT[genderDigit]!;
  if (century !== Math.floor(birthYear / 100) * 100) return reject('cccdCentury');
  if (id.slice(4, 6) !== birthDate.slice(2, 4)) return reject('cccdBirthYear');

  const gender = parseGender(rawGender);
  if (!gender) return reject('cccdGender');
  if ((genderDigit % 2 === 0 ? 'Nam' : 'Nữ') !== gender) return reject('cccdGender');

  const name = cleanText(rawName);
  if (name === '' || name.length > MAX_NAME_LENGTH) return reject('cccdName');
  const address = cleanText(rawAddress);

  return {
    ok: true,
    visitor: {
      kind: 'cccd',
      subject: id,
      idNumber: id,
      name,
      birthDate,
      birthYear,
      gender,
      ...(address ? { address: address.slice(0, 300) } : {}),
    },
  };
}
