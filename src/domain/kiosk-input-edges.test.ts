import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import { applyFieldPolicy } from './field-policy';
import { recogniseGatelogCode } from './gatelog-code';
import { manualEntryErrors, visitorFromManualEntry } from './manual-entry';
import { parseOpaque } from './opaque';
import { storedClock, wireClock, withAnchor, type ClockAnchor } from './record-clock';
import { uuid7 } from './uuid7';
import { foldText } from './fold-text';

// Edges of what the kiosk makes of its input: Gatelog's own links, the manual form, opaque codes, the policy,
// record clocks and ids (the main cases sit in each module's own test file).
const origin = 'https://gate.example';

describe("recogniseGatelogCode edges", () => {
  it('takes site ids and enrolment codes of the allowed lengths only', () => {
    expect(recogniseGatelogCode(`${origin}/s/${'a'.repeat(64)}`, origin)).toEqual({ kind: 'site', siteId: 'a'.repeat(64) });
    expect(recogniseGatelogCode(`${origin}/s/${'a'.repeat(65)}`, origin)).toBeNull();
    expect(recogniseGatelogCode(`${origin}/s/`, origin)).toBeNull();
    expect(recogniseGatelogCode('#enrol=abcdef', origin)).toEqual({ kind: 'enrol', code: 'abcdef' });
    expect(recogniseGatelogCode('#enrol=abcde', origin)).toBeNull();
    expect(recogniseGatelogCode(`#enrol=${'a'.repeat(65)}`, origin)).toBeNull();
    expect(recogniseGatelogCode('#enrol=abc$defg', origin)).toBeNull();
  });

  it('reads a poster or link with spaces around it, but not a poster link that carries a fragment', () => {
    expect(recogniseGatelogCode(`  ${origin}/s/site1  `, origin)).toEqual({ kind: 'site', siteId: 'site1' });
    expect(recogniseGatelogCode(` #enrol=abcdefgh `, origin)).toEqual({ kind: 'enrol', code: 'abcdefgh' });
    expect(recogniseGatelogCode(`${origin}/s/site1#x`, origin)).toBeNull();
    expect(recogniseGatelogCode(`${origin}/s/site1/`, origin)).toEqual({ kind: 'site', siteId: 'site1' });
    expect(recogniseGatelogCode(`${origin}/x/s/site1`, origin)).toBeNull();
  });

  it('leaves codes that are no URL at all, and relative paths, to the visitor parsers', () => {
    expect(recogniseGatelogCode('http://[', origin)).toBeNull();
    expect(recogniseGatelogCode('s/site1', origin)).toBeNull();
    expect(recogniseGatelogCode('?#enrol=abcdefgh', origin)).toBeNull();
  });
});

describe('manual entry edges', () => {
  it('takes names up to the limit, refuses longer ones and control characters anywhere', () => {
    const long = 'A'.repeat(MAX_NAME_LENGTH);
    expect(visitorFromManualEntry(long, '0903111222')).toMatchObject({ name: long });
    expect(visitorFromManualEntry(`${long}B`, '0903111222')).toBe('nameInvalid');
    expect(visitorFromManualEntry('Bà\u0085Năm', '0903111222')).toBe('nameInvalid');
    expect(visitorFromManualEntry('Bà\tNăm', '0903111222')).toBe('nameInvalid'); // pasted with a tab: refused, not quietly changed
  });

  it('tells a 9- or 12-digit ID number from a phone of 8 to 15 digits', () => {
    expect(visitorFromManualEntry('A', '025123456')).toEqual({ kind: 'manual', subject: '025123456', name: 'A', idNumber: '025123456' });
    expect(visitorFromManualEntry('A', '12345678')).toEqual({ kind: 'manual', subject: '12345678', name: 'A', phone: '12345678' });
    expect(visitorFromManualEntry('A', '1234567')).toBe('contactInvalid');
    expect(visitorFromManualEntry('A', '123456789012345')).toMatchObject({ phone: '123456789012345' });
    expect(visitorFromManualEntry('A', '1234567890123456')).toBe('contactInvalid');
    expect(visitorFromManualEntry('A', '+84903111222')).toMatchObject({ phone: '+84903111222' });
    expect(visitorFromManualEntry('A', '+079190012345')).toMatchObject({ phone: '+079190012345' }); // a + makes it a phone
    expect(visitorFromManualEntry('A', '  (090) 311-1222  ')).toMatchObject({ phone: '0903111222' });
    expect(visitorFromManualEntry('A', ' - ')).toBe('contactRequired');
  });

  it('reports only the field that is wrong', () => {
    expect(manualEntryErrors('', '0903111222')).toEqual({ name: 'nameRequired' });
    expect(manualEntryErrors('Bà Năm', '12')).toEqual({ contact: 'contactInvalid' });
  });
});

describe('opaque code edges', () => {
  it('trims a badge code and keeps it whole', () => {
    expect(parseOpaque('  HS-2024-00187 \n')).toEqual({ ok: true, visitor: { kind: 'opaque', subject: 'HS-2024-00187' } });
    expect(parseOpaque(` ${'a'.repeat(512)} `)).toEqual({ ok: true, visitor: { kind: 'opaque', subject: 'a'.repeat(512) } });
    expect(parseOpaque('HS\u009f1')).toEqual({ ok: false, reason: 'controlChars' });
  });
});

describe('field policy edges', () => {
  it('keeps the pass id and the roster group whatever the policy, and drops fields the visitor lacks', () => {
    const pass = { kind: 'pass' as const, subject: 'P1', passId: 'P1', name: 'A', phone: '0903111222' };
    expect(applyFieldPolicy(pass, [])).toEqual({ kind: 'pass', subject: 'P1', passId: 'P1' });
    const badge = { kind: 'badge' as const, subject: 'HS1', name: 'B', group: '10A1' };
    expect(applyFieldPolicy(badge, ['name', 'address'])).toEqual({ kind: 'badge', subject: 'HS1', name: 'B', group: '10A1' });
    expect(applyFieldPolicy(badge, ['address'])).not.toHaveProperty('address');
  });
});

describe('record clock edges', () => {
  const T = Date.UTC(2026, 10, 27, 3);
  it('takes the newest measurement as the stored offset, rounded to the millisecond', () => {
    const anchors: ClockAnchor[] = [
      { session: 'old', serverTime: T - 1000, perf: 0, deviceTime: T - 9000 },
      { session: 'new', serverTime: T, perf: 0, deviceTime: T - 2000.6 },
      { session: 'older', serverTime: T - 5000, perf: 0, deviceTime: T },
    ];
    expect(storedClock(anchors)).toEqual({ basis: 'stored', offsetMs: 2001, measuredAt: T });
    expect(storedClock([])).toBeUndefined();
    // Two answers at the same server time: the first one kept.
    expect(storedClock([anchors[1]!, { ...anchors[1]!, session: 'twin', deviceTime: T }])).toMatchObject({ offsetMs: 2001 });
  });

  it('rounds a monotonic placement, and falls back when the row has a session but no monotonic time', () => {
    const anchor: ClockAnchor = { session: 's', serverTime: T, perf: 100.4, deviceTime: T };
    expect(wireClock({ deviceTime: T, session: 's', perfAt: 200.9 }, [anchor])).toEqual({ basis: 'monotonic', offsetMs: 101 });
    const stored = { basis: 'stored' as const, offsetMs: 7, measuredAt: T };
    expect(wireClock({ deviceTime: T, session: 's', clock: stored }, [anchor])).toBe(stored);
    expect(wireClock({ deviceTime: T, perfAt: 5, clock: stored }, [anchor])).toBe(stored);
  });
});

describe('uuid7 edges', () => {
  it('keeps ids in creation order past 4096 in one millisecond, and when the clock goes back', () => {
    const t = Date.UTC(2031, 0, 1);
    const ids = Array.from({ length: 5000 }, () => uuid7(t));
    ids.push(uuid7(t - 60_000)); // the clock went back a minute
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Past 4096 the counter borrows the next millisecond rather than wrapping.
    expect(parseInt(ids[4096]!.replace(/-/g, '').slice(0, 12), 16)).toBe(t + 1);
    expect(ids[0]!.slice(14, 18)).toBe('7000');
    expect(ids[1]!.slice(14, 18)).toBe('7001');
    expect('89ab').toContain(ids[0]![19]);
  });
});

describe('more input edges', () => {
  it('keeps characters the fold table does not know', () => {
    expect(foldText('Giá 5€ — 日本')).toBe('gia 5€ — 日本');
  });

  it('leaves a relative path with a colon later in it to the visitor parsers', () => {
    expect(recogniseGatelogCode('/s/site1?x=a:b', origin)).toBeNull();
  });

  it('borrows the next millisecond at the 4097th id, not before', () => {
    const t = Date.UTC(2032, 0, 1);
    const ids = Array.from({ length: 4097 }, () => uuid7(t));
    expect(parseInt(ids[4095]!.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    expect(parseInt(ids[4096]!.replace(/-/g, '').slice(0, 12), 16)).toBe(t + 1);
  });
});

describe('clock anchors per session', () => {
  it('replaces the anchor of a session that hears from the server again, keeping one per session', () => {
    const a = (session: string, serverTime: number): ClockAnchor => ({ session, serverTime, perf: 0, deviceTime: 0 });
    expect(withAnchor([a('s1', 1), a('s2', 2)], a('s1', 3))).toEqual([a('s1', 3), a('s2', 2)]);
  });
});
