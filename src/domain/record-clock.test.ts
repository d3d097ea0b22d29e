import { describe, expect, it } from 'vitest';
import { storedClock, wireClock, withAnchor, type ClockAnchor } from './record-clock';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 27, 3);

describe('record clock', () => {
  const anchor: ClockAnchor = { session: 's1', serverTime: T, perf: 1000, deviceTime: T };

  it('places a record of the anchored session by the monotonic clock, whatever the device clock said', () => {
    // Scanned 10 minutes after the anchor while the device clock ran a day fast.
    const row = { deviceTime: T + DAY + 600_000, session: 's1', perfAt: 1000 + 600_000 };
    const clock = wireClock(row, [anchor]);
    expect(clock).toEqual({ basis: 'monotonic', offsetMs: -DAY });
    expect(row.deviceTime + clock!.offsetMs).toBe(T + 600_000);
    // And a scan before the anchor (the session heard from the server only later).
    expect(wireClock({ deviceTime: T - DAY - 5000, session: 's1', perfAt: -4000 }, [anchor])).toEqual({ basis: 'monotonic', offsetMs: DAY });
  });

  it("falls back to the row's stored offset for a session that never heard from the server", () => {
    const stored = storedClock([anchor, { session: 's0', serverTime: T - DAY, perf: 5, deviceTime: T - DAY - 3000 }]);
    expect(stored).toEqual({ basis: 'stored', offsetMs: 0, measuredAt: T });
    expect(wireClock({ deviceTime: T + 5, session: 's2', perfAt: 3, clock: stored }, [anchor])).toBe(stored);
    expect(wireClock({ deviceTime: T }, [anchor])).toBeUndefined();
  });

  it('keeps one anchor per session, newest first, for a bounded number of sessions', () => {
    let anchors: ClockAnchor[] = [];
    for (let i = 0; i < 30; i++) anchors = withAnchor(anchors, { session: `s${i % 25}`, serverTime: i, perf: i, deviceTime: i });
    expect(anchors).toHaveLength(20);
    expect(anchors[0]).toMatchObject({ session: 's4', serverTime: 29 });
    expect(new Set(anchors.map((a) => a.session)).size).toBe(20);
  });
});
