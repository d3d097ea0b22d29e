import { describe, expect, it } from 'vitest';
import type { Direction } from '../../src/protocol';
import { findContacts } from './find-contacts';
import { pairVisits, type GateEvent, type VisitSpan } from './pair-visits';

const TZ = 'Asia/Ho_Chi_Minh';
/** Local wall time on 10 March 2025 in UTC+7 → epoch ms. */
const t = (hhmm: string, day = 10) => Date.parse(`2025-03-${String(day).padStart(2, '0')}T${hhmm}:00+07:00`);
let seq = 0;
const ev = (subject: string, siteId: string, direction: Direction, time: number, name: string | null = null): GateEvent => ({
  id: `id-${++seq}`,
  siteId,
  subject,
  name,
  direction,
  seq,
  correctedTime: time,
});
const visit = (subject: string, siteId: string, timeIn: number, timeOut: number | null, effectiveOut: number, name: string | null = null): VisitSpan => ({
  siteId,
  subject,
  name,
  timeIn,
  timeOut,
  effectiveOut,
});

describe('pairVisits', () => {
  it('pairs an IN with the next OUT', () => {
    expect(pairVisits([ev('s', 'A', 'out', t('10:00')), ev('s', 'A', 'in', t('08:00'), 'An')], TZ)).toEqual([
      visit('s', 'A', t('08:00'), t('10:00'), t('10:00'), 'An'),
    ]);
  });

  it('opens an OUT-only visit at the start of its local day', () => {
    expect(pairVisits([ev('s', 'A', 'out', t('08:30'))], TZ)).toEqual([visit('s', 'A', t('00:00'), t('08:30'), t('08:30'))]);
  });

  it('keeps an IN without OUT open until the end of its local day', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('20:00'))], TZ)).toEqual([visit('s', 'A', t('20:00'), null, t('00:00', 11))]);
  });

  it('closes an IN at the next IN of the same subject and site', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('12:00')), ev('s', 'A', 'in', t('14:00')), ev('s', 'A', 'out', t('15:00'))], TZ)).toEqual([
      visit('s', 'A', t('12:00'), null, t('14:00')),
      visit('s', 'A', t('14:00'), t('15:00'), t('15:00')),
    ]);
  });

  it('does not carry a visit across local midnight', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('23:00')), ev('s', 'A', 'out', t('01:00', 11))], TZ)).toEqual([
      visit('s', 'A', t('00:00', 11), t('01:00', 11), t('01:00', 11)),
      visit('s', 'A', t('23:00'), null, t('00:00', 11)),
    ].sort((a, b) => a.timeIn - b.timeIn));
  });

  it('pairs per site and per subject, and orders equal times by seq', () => {
    const events = [
      ev('s', 'A', 'in', t('08:00')),
      ev('s', 'B', 'in', t('09:00')),
      ev('x', 'A', 'out', t('09:30')),
      ev('s', 'A', 'out', t('10:00')),
      ev('s', 'B', 'in', t('11:00')),
      ev('s', 'B', 'out', t('11:00')),
    ];
    expect(pairVisits(events, TZ)).toEqual([
      visit('x', 'A', t('00:00'), t('09:30'), t('09:30')),
      visit('s', 'A', t('08:00'), t('10:00'), t('10:00')),
      visit('s', 'B', t('09:00'), null, t('11:00')),
      visit('s', 'B', t('11:00'), t('11:00'), t('11:00')),
    ]);
  });
});

describe('pairVisits with a closing time (issue #16)', () => {
  /** Site A closes at 17:30; site B has no closing time. */
  const closing = new Map([['A', 17 * 60 + 30]]);

  it('ends an IN without OUT at closing time, not midnight', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('07:00')), ev('s', 'B', 'in', t('07:00'))], TZ, closing)).toEqual([
      visit('s', 'A', t('07:00'), null, t('17:30')),
      visit('s', 'B', t('07:00'), null, t('00:00', 11)),
    ]);
  });

  it('still pairs an IN with an OUT before closing time', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('07:00')), ev('s', 'A', 'out', t('16:00'))], TZ, closing)).toEqual([visit('s', 'A', t('07:00'), t('16:00'), t('16:00'))]);
  });

  it('does not let an OUT after closing close an IN before it: that OUT is a visit from closing time', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('07:00')), ev('s', 'A', 'out', t('18:30'))], TZ, closing)).toEqual([
      visit('s', 'A', t('07:00'), null, t('17:30')),
      visit('s', 'A', t('17:30'), t('18:30'), t('18:30')),
    ]);
  });

  it('keeps a scan after closing open until midnight', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('19:00'))], TZ, closing)).toEqual([visit('s', 'A', t('19:00'), null, t('00:00', 11))]);
    expect(pairVisits([ev('s', 'A', 'out', t('08:00'))], TZ, closing)).toEqual([visit('s', 'A', t('00:00'), t('08:00'), t('08:00'))]);
  });

  it('treats a closing time of 00:00 as none', () => {
    expect(pairVisits([ev('s', 'A', 'in', t('07:00'))], TZ, new Map([['A', 0]]))).toEqual([visit('s', 'A', t('07:00'), null, t('00:00', 11))]);
  });
});

describe('findContacts', () => {
  it('lists overlapping visits of others at the same site, longest first, ignoring touching ones', () => {
    const mine = [visit('s', 'A', t('08:00'), t('10:00'), t('10:00')), visit('s', 'B', t('13:00'), null, t('00:00', 11))];
    const others = [
      visit('p2', 'A', t('09:00'), t('11:00'), t('11:00')),
      visit('p3', 'A', t('00:00'), t('08:30'), t('08:30')),
      visit('p4', 'A', t('10:00'), t('10:30'), t('10:30')),
      visit('p6', 'B', t('20:00'), null, t('00:00', 11)),
      visit('p9', 'C', t('08:00'), t('10:00'), t('10:00')),
      visit('s', 'A', t('08:00'), t('10:00'), t('10:00')),
    ];
    expect(findContacts(mine, others).map((c) => [c.visit.subject, c.overlapStart, c.overlapEnd, c.overlapSeconds])).toEqual([
      ['p6', t('20:00'), t('00:00', 11), 14_400],
      ['p2', t('09:00'), t('10:00'), 3_600],
      ['p3', t('08:00'), t('08:30'), 1_800],
    ]);
  });
});
