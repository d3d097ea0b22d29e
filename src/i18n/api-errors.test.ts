import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, DEVICE_ERROR, FORBIDDEN_REASONS, ROSTER_ERROR_CODES } from '../protocol';
import { API_ERROR_WORDING, ROSTER_ERROR_WORDING, wordApiError, wordRosterError } from './api-errors';

const SERVER = new URL('../../server', import.meta.url).pathname;

/** Every non-test .ts file under server/. */
function serverSources(dir = SERVER): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? serverSources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * The codes the server's source can answer with: ApiError and parseOr400 literals, DEVICE_ERROR values, and the
 * error handler's own codes. Read from the source so that a code added there without wording fails here, even
 * before anyone adds it to API_ERROR_CODES.
 */
function codesInServerSource(): Set<string> {
  const codes = new Set<string>(Object.values(DEVICE_ERROR));
  for (const file of serverSources()) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new ApiError\(\s*\d+,\s*'([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/parseOr400\([^;]*?,\s*'([a-z_]+)'\s*\)/g)) codes.add(m[1]!);
    if (file.endsWith('error-handler.ts')) for (const m of text.matchAll(/(?:code: |: |\? |')\s*'([a-z_]+)'/g)) codes.add(m[1]!);
  }
  return codes;
}

describe('server error codes are worded by the clients (issue #11)', () => {
  it('finds the codes in the server source (the scan itself works)', () => {
    const found = codesInServerSource();
    for (const code of ['forbidden', 'bad_request', 'bad_query', 'invalid_credentials', 'revoked', 'device_unknown', 'internal', 'not_found', 'rate_limited', 'body_too_large', 'bad_pass']) {
      expect(found, code).toContain(code);
    }
  });

  it('has a vi and an en wording for every code the server can answer with', () => {
    const known = new Set<string>(API_ERROR_CODES);
    const missing = [...codesInServerSource()].filter((c) => !known.has(c));
    expect(missing, 'codes thrown by the server but not in API_ERROR_CODES (and so not worded)').toEqual([]);
    for (const lang of ['vi', 'en'] as const) {
      for (const code of API_ERROR_CODES) {
        const text = API_ERROR_WORDING[lang][code]({});
        expect(text.trim(), `${lang}:${code}`).not.toBe('');
        expect(text, `${lang}:${code} must not be the bare code`).not.toBe(code);
      }
    }
  });

  it('words each roster row error and each forbidden reason in both languages, differently', () => {
    for (const code of ROSTER_ERROR_CODES) {
      const params = { missing: 'name', max: 5, expected: 4, found: 3, column: 'name', code: 'A1', otherLine: 2 };
      expect(wordRosterError('vi', code, params)).not.toBe(wordRosterError('en', code, params));
      expect(ROSTER_ERROR_WORDING.vi[code](params).trim()).not.toBe('');
    }
    const forbidden = FORBIDDEN_REASONS.map((reason) => wordApiError('vi', 'forbidden', { reason }));
    expect(new Set(forbidden).size).toBe(FORBIDDEN_REASONS.length);
  });

  it('names fields in the reader\'s language and never leaves English in Vietnamese', () => {
    expect(wordApiError('vi', 'bad_pass', { field: 'phone' })).toBe('Không thể cấp phiếu này: số điện thoại không hợp lệ.');
    expect(wordApiError('en', 'bad_pass', { field: 'phone' })).toBe('This pass cannot be issued: the phone number is not valid.');
    expect(wordRosterError('vi', 'column_count', { expected: 4, found: 3 })).toBe('Cần 4 cột, dòng này có 3.');
    expect(wordRosterError('vi', 'missing_name')).toBe('Thiếu họ tên.');
    expect(wordApiError('vi', 'some_future_code')).toBe('Có lỗi (some_future_code).');
  });
});
