import { describe, expect, it } from 'vitest';
import { serializeRequest, stripQuery } from './log-serializers';

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
});
