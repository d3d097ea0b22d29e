import fc from 'fast-check';
import { encodePass } from '../../src/domain/pass';
import { DIRECTIONS, type CheckIn } from '../../src/protocol/checkin';
import type { Visitor } from '../../src/protocol/visitor';

// Inputs for the property tests and `npm run fuzz` (#10, Fuzzing): well-formed codes, the same codes damaged a few
// characters at a time, and plain junk — so the parsers' deep branches are reached, not only "not a CCCD".

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const digits = (n: number) => fc.string({ unit: pick('0123456789'.split('')), minLength: n, maxLength: n });

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Văn', 'Thị', 'Minh', 'Ánh', 'Tuyết', 'Quốc', 'Hữu', 'Ngọc', 'Đức', 'Thu', 'Hằng', 'Bảo'];

/** A Vietnamese full name, sometimes decomposed (NFD) or padded, as cameras and keyboards deliver them. */
export const vietnameseName = fc
  .tuple(pick(FAMILY), fc.array(pick(GIVEN), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([family, given, nfd, pad]) => {
    const name = [family, ...given].join(pad === '  ' ? '  ' : ' ');
    return `${pad}${nfd ? name.normalize('NFD') : name}${pad}`;
  });

/** Any text: full Unicode including lone surrogates, controls and NUL. */
export const anyText = (maxLength = 80) => fc.string({ unit: 'binary', maxLength });

/** A field as a decoder could return it: usually plausible, sometimes junk, sometimes with a `|`. */
const field = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: anyText(20) },
  { weight: 1, arbitrary: digits(12) },
);

const PROVINCES = ['001', '031', '079', '092', '096'];

/** A well-formed CCCD QR payload whose number agrees with its birth date and gender. */
export const cccdText = fc
  .record({
    province: pick(PROVINCES),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2019-12-31T00:00:00Z'), noInvalidDate: true }),
    female: fc.boolean(),
    serial: digits(6),
    oldId: fc.oneof(fc.constant(''), digits(9)),
    name: vietnameseName,
    address: fc.oneof(fc.constant(''), fc.constant('Số 1, Phường Bạch Đằng, Hạ Long, Quảng Ninh')),
    genderWord: fc.boolean(),
  })
  .map(({ province, birth, female, serial, oldId, name, address, genderWord }) => {
    const yyyy = birth.getUTCFullYear();
    const dd = String(birth.getUTCDate()).padStart(2, '0');
    const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
    const genderDigit = (yyyy >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const id = `${province}${genderDigit}${String(yyyy).slice(2)}${serial}`;
    const gender = female ? (genderWord ? 'Nữ' : 'Female') : genderWord ? 'Nam' : 'Male';
    return `${id}|${oldId}|${name}|${dd}${mm}${yyyy}|${gender}|${address}|01012021`;
  });

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('');
const passId = fc.string({ unit: pick(CROCKFORD), minLength: 10, maxLength: 10 });
const phone = fc.oneof(fc.constant(''), fc.tuple(pick(['09', '+849', '03']), digits(8)).map(([a, b]) => a + b));
const idNumber = fc.oneof(fc.constant(''), digits(12), digits(9));

/** A well-formed self-issued visitor pass (GLP1) with a valid check value. */
export const passText = fc
  .record({ passId, name: vietnameseName, phone, idNumber })
  .map(({ passId, name, phone, idNumber }) => encodePass({ passId, name, ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}) }));

/** A signed pass (GLS1) as far as its shape goes; the signature is junk (parsing does not verify it). */
export const signedPassText = fc
  .record({
    passId,
    name: vietnameseName,
    phone,
    idNumber,
    validUntil: fc.oneof(fc.constant(''), digits(8)),
    kid: fc.string({ unit: pick('abcdef0123_-'.split('')), minLength: 1, maxLength: 16 }),
    signature: fc.string({ unit: pick([...CROCKFORD, 'a', 'z', '_', '-']), minLength: 86, maxLength: 86 }),
  })
  .map((p) => ['GLS1', p.passId, p.name.trim(), p.phone, p.idNumber, p.validUntil, p.kid, p.signature].join('|'));

/** A school badge or port card: a short code, sometimes with a prefix, sometimes just a number. */
export const badgeText = fc.oneof(
  fc.tuple(pick(['HS', 'GV', 'TV', 'CREW-', '']), fc.nat({ max: 999_999 })).map(([p, n]) => `${p}${n}`),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
);

type Edit = { kind: 'replace' | 'insert' | 'delete'; at: number; text: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: pick(['replace', 'insert', 'delete'] as const),
  at: fc.nat(),
  text: fc.oneof(fc.string({ minLength: 1, maxLength: 2 }), pick(['|', '\u0000', '\n', ' ', '9', 'A', '\u202e', '\ud800'])),
});

/** `base` damaged by a few edits: a misread, a truncated scan, a forged field. */
export function damaged(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) =>
    edits.reduce((s, e) => {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      if (e.kind === 'insert') return s.slice(0, at) + e.text + s.slice(at);
      if (e.kind === 'delete') return s.slice(0, at) + s.slice(at + 1);
      return s.slice(0, at) + e.text + s.slice(at + 1);
    }, text),
  );
}

/** Any QR payload a kiosk could decode: valid codes of every kind, damaged ones, lookalikes and junk. */
export const qrPayload: fc.Arbitrary<string> = fc.oneof(
  cccdText,
  damaged(cccdText),
  passText,
  damaged(passText),
  signedPassText,
  damaged(signedPassText),
  badgeText,
  fc.array(field, { minLength: 6, maxLength: 9 }).map((f) => f.join('|')), // CCCD-shaped junk
  fc.tuple(pick(['GLP1|', 'GLS1|', 'GLP2|', 'GLP01|', 'GLP9999999999999999999|']), fc.array(field, { maxLength: 9 })).map(([p, f]) => p + f.join('|')),
  fc.tuple(digits(12), anyText(40)).map(([d, rest]) => `${d}|${rest}`),
  anyText(80),
  fc.tuple(fc.integer({ min: 505, max: 520 }), pick(['x', ' ', 'ệ', '|'])).map(([n, c]) => c.repeat(n)), // around MAX_CODE_LENGTH
  fc.string({ unit: 'binary', minLength: 500, maxLength: 3000 }),
);

/** What an attendant could type into the manual-entry form: plausible values and junk. */
export const manualEntryInput = fc.record({
  name: fc.oneof({ weight: 4, arbitrary: vietnameseName }, { weight: 2, arbitrary: anyText(140) }, { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(121)) }),
  contact: fc.oneof(
    fc.tuple(pick(['090 ', '+84 ', '(028) ', '0912.', '']), digits(7), pick(['', ' 1', '-23'])).map(([a, b, c]) => a + b + c),
    digits(12),
    digits(9),
    anyText(30),
  ),
});

/** A visitor the kiosk could record: from a parsed code, a roster badge or the manual form. */
export const visitor: fc.Arbitrary<Visitor> = fc.oneof(
  fc.record({ kind: fc.constant('opaque' as const), subject: badgeText.map((s) => s.trim() || 'X') }),
  fc.record({ kind: fc.constant('badge' as const), subject: badgeText.map((s) => s.trim() || 'X'), name: vietnameseName.map((n) => n.trim()), group: pick(['6A1', '10A2', 'Tổ bảo vệ']) }),
  fc.record({ kind: fc.constant('manual' as const), subject: digits(10), name: vietnameseName.map((n) => n.trim()), phone: digits(10) }),
  fc.record({ kind: fc.constant('cccd' as const), subject: digits(12), idNumber: digits(12), name: vietnameseName.map((n) => n.trim()), birthYear: fc.integer({ min: 1900, max: 2020 }), gender: pick(['Nam', 'Nữ']) }),
);

/** A check-in record the kiosk could send (device time anywhere a real clock could be). */
export const checkIn: fc.Arbitrary<CheckIn> = fc.record({
  id: fc.uuid({ version: 7 }),
  seq: fc.nat(),
  direction: pick(DIRECTIONS),
  deviceTime: fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }),
  visitor,
});

/** A JSON value with the shapes and traps of real bodies: big and negative numbers, NUL, long strings, nesting. */
const trickyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  pick([null, true, 0, -1, 1e308, -1e308, 2 ** 53, 9e15, 0.5, '', '\u0000', 'x'.repeat(600), [], {}]),
  anyText(40),
);

/** A record damaged one field at a time: a wrong type, a missing or extra field, a hostile string. */
const damagedRecord: fc.Arbitrary<unknown> = fc
  .tuple(checkIn, pick(['id', 'seq', 'direction', 'deviceTime', 'visitor', 'visitor.subject', 'visitor.name', 'visitor.kind', 'extra']), trickyJson, fc.boolean())
  .map(([rec, key, value, remove]) => {
    const copy = structuredClone(rec) as unknown as Record<string, unknown> & { visitor: Record<string, unknown> };
    const [outer, inner] = key.split('.') as [string, string | undefined];
    const target = inner ? copy.visitor : copy;
    const name = inner ?? outer;
    if (remove) delete target[name];
    else target[name] = value;
    return copy;
  });

/** A sync push body: mostly batches a kiosk could send, some with damaged records, some not batches at all. */
export const pushBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ sentAt: fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }), records: fc.array(checkIn, { minLength: 1, maxLength: 5 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      sentAt: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: Date.parse('2035-01-01') }) }, { weight: 1, arbitrary: trickyJson }),
      pending: fc.oneof(fc.nat(), trickyJson),
      appVersion: fc.oneof(fc.string({ maxLength: 50 }), trickyJson),
      records: fc.array(fc.oneof(checkIn, damagedRecord, damagedRecord, trickyJson), { minLength: 1, maxLength: 6 }),
    }, { requiredKeys: ['sentAt', 'records'] }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      trickyJson,
      fc.record({ sentAt: trickyJson, pending: trickyJson, appVersion: trickyJson, records: fc.oneof(trickyJson, fc.array(trickyJson, { maxLength: 3 })) }, { requiredKeys: [] }),
    ),
  },
);
