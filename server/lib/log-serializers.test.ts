import { describe, expect, it } from 'vitest';
import { redactPath, serializeError, serializeRequest, stripQuery } from './log-serializers';

describe('request log serializer', () => {
  it('never logs query strings (trace subjects are ID numbers)', () => {
    expect(serializeRequest({ method: 'GET', url: '/api/v1/trace?subject=001099012345&from=x', ip: '10.0.0.1' })).toEqual({
      method: 'GET',
      url: '/api/v1/trace',
      remoteAddress: '10.0.0.1',
    });
    expect(stripQuery('/a#enrol=code')).toBe('/a');
    expect(stripQuery('/plain')).toBe('/plain');
  });

  it('redacts path segments that may be personal data: ID numbers, phones, emails, encoded names (issue #10)', () => {
    expect(serializeRequest({ method: 'GET', url: '/api/v1/subjects/001099012345/erase?x=1' }).url).toBe('/api/v1/subjects/~/erase');
    expect(redactPath('/api/v1/subjects/0912345678')).toBe('/api/v1/subjects/~');
    expect(redactPath('/api/v1/subjects/PASS000001')).toBe('/api/v1/subjects/~');
    expect(redactPath('/api/v1/admins/a@b.vn')).toBe('/api/v1/admins/~');
    expect(redactPath('/api/v1/subjects/Nguy%E1%BB%85n')).toBe('/api/v1/subjects/~');
    // Our own ids and routes stay readable.
    expect(redactPath('/api/v1/sites/site_k3m9x2abcdefghij/log')).toBe('/api/v1/sites/site_k3m9x2abcdefghij/log');
    expect(redactPath('/assets/index-B4a9.js')).toBe('/assets/index-B4a9.js');
  });

  it('logs errors without the driver fields that quote a row, and redacts numbers and emails in their text', () => {
    const err = Object.assign(new Error('duplicate key value 001099012345 for chi@example.vn'), {
      code: '23505',
      detail: 'Key (subject)=(001099012345) already exists.',
      parameters: ['Nguyễn Văn A'],
    });
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toMatch(/001099012345|chi@example\.vn|Nguyễn|Key \(subject\)/);
    expect(serializeError(err)).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key value ~ for ~' });
  });
});
