import { describe, expect, it } from 'vitest';
import { describeEngines } from '../test-support/describe-engines';
import { enrolDevice, seedSite, uuidv7 } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { EXACT_VISITOR_SCANS, splitMonths } from './site-counts';

describe('report periods', () => {
  it('splits local days into whole months and partial ends', () => {
    expect(splitMonths('2025-01-01', '2025-12-31')).toEqual({ whole: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'], partial: [] });
    expect(splitMonths('2024-12-15', '2025-02-28')).toEqual({ whole: ['2025-01', '2025-02'], partial: [{ from: '2024-12-15', to: '2024-12-31' }] });
    expect(splitMonths('2024-02-10', '2024-02-12')).toEqual({ whole: [], partial: [{ from: '2024-02-10', to: '2024-02-12' }] });
    expect(splitMonths('2024-01-31', '2024-03-01')).toEqual({ whole: ['2024-02'], partial: [{ from: '2024-01-31', to: '2024-01-31' }, { from: '2024-03-01', to: '2024-03-01' }] });
  });
});

describeEngines('distinct visitors (%s)', (engine) => {
  it('estimates from month sketches and partial-month days what the exact count says, per org and in all', async () => {
    const { t, app } = await startTestApp(engine, { timeZone: 'Asia/Ho_Chi_Minh' });
    try {
      const { org, site } = await seedSite(app.repos);
      const unit = (await app.repos.orgs.create({ name: 'Unit', parentId: org.id }))!;
      const other = await app.repos.sites.create({ orgId: unit.id, name: 'B' });
      const devA = (await enrolDevice(app, site.id)).deviceId;
      const devB = (await enrolDevice(app, other.id)).deviceId;
      // 300 people over three months at two sites; 100 of them at both.
      const rows = [];
      for (let i = 0; i < 600; i++) {
        const subject = `0010990${String(i % 300).padStart(5, '0')}`;
        const at = Date.parse('2025-01-05T08:00:00+07:00') + (i % 85) * 86_400_000 + i * 1000;
        const atB = i % 3 === 0;
        rows.push({ id: uuidv7(at), device_id: atB ? devB : devA, site_id: atB ? other.id : site.id, seq: i, direction: 'in', subject, kind: 'cccd', name: null, visitor: '{}', device_time: at, received_at: at, corrected_time: at });
      }
      await app.repos.checkins.insertBatch(rows);
      const sites = [site.id, other.id];
      for (const [from, to] of [['2025-01-01', '2025-03-31'], ['2025-01-10', '2025-03-20'], ['2025-02-01', '2025-02-28']] as const) {
        const exact = await app.repos.siteCounts.visitors(sites, from, to, 0);
        const estimated = await app.repos.siteCounts.visitors(sites, from, to, EXACT_VISITOR_SCANS + 1);
        expect(exact.estimated).toBe(false);
        expect(estimated.estimated).toBe(true);
        expect(exact.total).toBeGreaterThan(50);
        // Linear counting: a few hundred are within a couple of the truth.
        expect(Math.abs(estimated.total - exact.total)).toBeLessThanOrEqual(3);
        for (const [orgId, n] of exact.byOrg) expect(Math.abs(estimated.byOrg.get(orgId)! - n)).toBeLessThanOrEqual(3);
      }
    } finally {
      await stopTestApp(app, t);
    }
  }, 60_000);
});
