import { describe, expect, it } from 'vitest';
import { siteQrUrl } from '../protocol/console';
import { enrolUrl } from '../protocol/enrol';
import { recogniseGatelogCode } from './gatelog-code';

const origin = 'https://gate.example:8443';

describe('recogniseGatelogCode', () => {
  it('knows a location poster of this server', () => {
    expect(recogniseGatelogCode(siteQrUrl(origin, 'site_abc123'), origin)).toEqual({ kind: 'site', siteId: 'site_abc123' });
    expect(recogniseGatelogCode(siteQrUrl(`${origin}/`, 'x1'), origin)).toEqual({ kind: 'site', siteId: 'x1' });
  });
  it('knows an enrolment link of this server', () => {
    expect(recogniseGatelogCode(enrolUrl(origin, 'abcdefgh23456789'), origin)).toEqual({ kind: 'enrol', code: 'abcdefgh23456789' });
    expect(recogniseGatelogCode('#enrol=abcdefgh23456789', origin)).toEqual({ kind: 'enrol', code: 'abcdefgh23456789' });
  });
  it('leaves visitor codes and other servers to the visitor parsers', () => {
    expect(recogniseGatelogCode('https://evil.example/s/site_abc123', origin)).toBeNull();
    expect(recogniseGatelogCode('/s/site_abc123', origin)).toBeNull(); // a badge that happens to look like a path
    expect(recogniseGatelogCode('HS-2024-00187', origin)).toBeNull();
    expect(recogniseGatelogCode('079190012345|025123456|A|15031990|Nữ|x|1', origin)).toBeNull();
    expect(recogniseGatelogCode(`${origin}/s/a/b`, origin)).toBeNull();
  });
});
