import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FOLD_TABLE, foldText } from '../../../src/domain/fold-text';
import type { AuditList, CheckinList, ErrorBody, SubjectSearch } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, pushCheckIns } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

const PEOPLE = [
  { subject: '001099012345', name: 'Nguyễn Thị Ánh Tuyết' },
  { subject: '001099054321', name: 'TRẦN ĐỨC VIỆT' },
  // Typed on a phone keyboard in decomposed form (base letter + combining marks).
  { subject: '001099099999', name: 'Lê Thị Hồng'.normalize('NFD') },
] as const;

describeEngines('search without tones or case, worded errors, audit names (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let siteId: string;
  let otherSiteId: string;
  let auth: string;
  let deviceId: string;
  const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: auth } });
  // A name is personal data: it travels in the body, never the URL (#10).
  const search = (q: string) => app.inject({ method: 'POST', url: '/api/v1/subject-search', payload: { q }, headers: { authorization: auth } });

  beforeAll(async () => {
    ({ t, app } = await startTestApp(engine));
    const province = (await app.repos.orgs.create({ name: 'Sở Y tế' }))!;
    const other = (await app.repos.orgs.create({ name: 'Tỉnh khác' }))!;
    siteId = (await app.repos.sites.create({ orgId: province.id, name: 'Cảng Cái Rồng' })).id;
    otherSiteId = (await app.repos.sites.create({ orgId: other.id, name: 'Cổng ngoài' })).id;
    const kiosk = await enrolDevice(app, siteId);
    deviceId = kiosk.deviceId;
    const otherKiosk = await enrolDevice(app, otherSiteId);
    // Visits sent by the kiosks through the sync route, which stores the folded name (#10).
    const at = Date.now() - 60_000;
    const visit = (i: number, p: { subject: string; name: string }) => checkIn({ seq: i, deviceTime: at + i, visitor: { subject: p.subject, idNumber: p.subject, name: p.name } });
    await pushCheckIns(app, kiosk.token, PEOPLE.map((p, i) => visit(i + 1, p)));
    await pushCheckIns(app, otherKiosk.token, [visit(9, { subject: '079000000001', name: 'Nguyễn Thị Tuyết Khác' })]);
    auth = await loginAdmin(app, province.id, 'so@yte.vn');
  });
  afterAll(() => stopTestApp(app, t));

  it('folds in SQL exactly as in JavaScript (the function behind both engines)', async () => {
    const samples = ['Nguyễn Thị Ánh Tuyết', 'ĐẶNG VĂN ĐỨC', 'Lê Thị Hồng'.normalize('NFD'), 'Ørsted Ĳssel ǅ', 'abc 123 %_'];
    for (const s of samples) {
      const { rows } = await sql<{ f: string }>`select gatelog_fold(${s}) as f`.execute(t.db);
      expect(rows[0]!.f, s).toBe(foldText(s));
    }
    expect(FOLD_TABLE.from).toContain('ế');
  });

  it('finds names in the live log without tones or case: "tuyet", "nguyen thi", "duc viet", "hong"', async () => {
    const names = async (q: string) => ((await get(`/sites/${siteId}/log?q=${encodeURIComponent(q)}`)).json() as CheckinList).checkins.map((c) => c.visitor.subject);
    expect(await names('tuyet')).toEqual([PEOPLE[0].subject]);
    expect(await names('nguyen thi')).toEqual([PEOPLE[0].subject]);
    expect(await names('Tuyết')).toEqual([PEOPLE[0].subject]);
    expect(await names('duc viet')).toEqual([PEOPLE[1].subject]);
    expect(await names('HỒNG')).toEqual([PEOPLE[2].subject]);
    expect(await names('%')).toEqual([]); // a wildcard is a character here
  });

  it('finds people by name for a data request, only in the caller\'s sites, and audits it without the name', async () => {
    const res = await search('nguyen tuyet');
    expect(res.statusCode).toBe(200);
    const { matches } = res.json() as SubjectSearch;
    expect(matches.map((m) => [m.subject, m.name, m.checkins])).toEqual([[PEOPLE[0].subject, PEOPLE[0].name, 1]]);
    const audit = (await get('/audit')).json() as AuditList;
    const entry = audit.entries.find((e) => e.action === 'subject.search')!;
    expect(entry.detail).toEqual({ found: 1 });
    expect(JSON.stringify(audit)).not.toContain('tuyet');
    expect((await search('a\u0000b')).statusCode).toBe(400);
  });

  it('forgets the folded name with the name: an erased person is not found by name any more', async () => {
    expect(await app.repos.checkins.anonymiseSubject(PEOPLE[2].subject, [siteId])).toBe(1);
    expect(((await search('hong')).json() as SubjectSearch).matches).toEqual([]);
    expect(((await get(`/sites/${siteId}/log?q=hong`)).json() as CheckinList).checkins).toEqual([]);
    const left = await t.db.selectFrom('checkin').select('name_folded').where('name_folded', 'like', '%hong%').execute();
    expect(left).toEqual([]);
  });

  it('answers errors as codes with parameters, and lists the names of what the audit log mentions', async () => {
    const bad = await app.inject({ method: 'POST', url: `/api/v1/sites/${siteId}/passes`, headers: { authorization: auth }, payload: { name: 'Khách', phone: '12' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_pass', params: { field: 'phone' } });
    const outside = (await get(`/sites/${otherSiteId}/log`)).json() as ErrorBody;
    expect(outside).toMatchObject({ code: 'forbidden', params: { reason: 'site_scope' } });
    const invalid = (await app.inject({ method: 'POST', url: '/api/v1/sites', headers: { authorization: auth }, payload: { orgId: 'x'.repeat(500), name: '' } })).json() as ErrorBody;
    expect(invalid).toMatchObject({ code: 'bad_request', params: { fields: 'orgId,name' } });

    await app.inject({ method: 'POST', url: `/api/v1/devices/${deviceId}/revoke`, headers: { authorization: auth } });
    const audit = (await get('/audit')).json() as AuditList;
    const revoke = audit.entries.find((e) => e.action === 'device.revoke')!;
    expect(audit.names[revoke.target!]).toEqual({ kind: 'device', name: null });
    expect(audit.names[revoke.siteId!]).toEqual({ kind: 'site', name: 'Cảng Cái Rồng' });
    expect(audit.names[revoke.orgId]).toEqual({ kind: 'org', name: 'Sở Y tế' });
  });
});
