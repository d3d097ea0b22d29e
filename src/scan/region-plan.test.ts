import { describe, expect, it } from 'vitest';
import { RegionPlan } from './region-plan';

const region = { x: 316, y: 36, width: 648, height: 648 };

describe('RegionPlan', () => {
  it('decodes the guide region, and the whole frame every 4th frame without a code', () => {
    const plan = new RegionPlan(4);
    const asked = Array.from({ length: 8 }, () => {
      const r = plan.next(region);
      plan.record(false);
      return r.region ? 'region' : 'whole';
    });
    expect(asked).toEqual(['region', 'region', 'region', 'whole', 'region', 'region', 'region', 'whole']);
  });
  it('starts counting again after a code was found', () => {
    const plan = new RegionPlan(4);
    for (let i = 0; i < 2; i++) plan.record(false);
    plan.record(true);
    expect([0, 1, 2].map(() => (plan.next(region).region ? (plan.record(false), 'region') : 'whole'))).toEqual(['region', 'region', 'region']);
    expect(plan.next(region)).toEqual({});
  });
  it('decodes the whole frame when there is no region', () => {
    expect(new RegionPlan().next(undefined)).toEqual({});
  });
});
