import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLICY, type AuditList, type CheckinList, type OrgTree, type SitePolicy, type SubjectData, type TraceResult } from '../../src/protocol';
import type { Org } from '../repositories/orgs';
import type { Site } from '../repositories/sites';
import { loginAdmin } from '../test-support/admin';
import type { TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, pushCheckIns } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';

const POLICY: SitePolicy = { keptFields: ['name'], retentionDays: 7 };

describeEngines('what each role may see and change (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let province: Org, unitA: Org, unitB: Org;
  let a1: Site, a2: Site, b1: Site;
  let deviceA1: string, deviceB1: string, tokenA1: string;
  const auth: Record<'province' | 'adminA' | 'adminB' | 'managerA1' | 'viewerA' | 'viewerA1', string> = {} as never;

  const call = (who: keyof typeof auth, method: InjectOptions['method'], url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: auth[who] }, ...(payload ? { payload } : {}) });

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    province = (await app.repos.orgs.create({ name: 'Sở Y tế' }))!;
    unitA = (await app.repos.orgs.create({ name: 'Unit A', parentId: province.id }))!;
    unitB = (await app.repos.orgs.create({ name: 'Unit B', parentId: province.id }))!;
    a1 = await app.repos.sites.create({ orgId: unitA.id, name: 'A1 gate' });
    a2 = await app.repos.sites.create({ orgId: unitA.id, name: 'A2 gate' });
    b1 = await app.repos.sites.create({ orgId: unitB.id, name: 'B1 gate' });
    const kioskA1 = await enrolDevice(app, a1.id);
    const kioskB1 = await enrolDevice(app, b1.id);
    ({ deviceId: deviceA1, token: tokenA1 } = kioskA1);
    deviceB1 = kioskB1.deviceId;
    // One visit at A1 and one at B1, sent by their kiosks through the sync route.
    const at = Date.now() - 60_000;
    const cccd = (subject: string, name: string) => ({ subject, idNumber: subject, name });
    await pushCheckIns(app, kioskA1.token, [checkIn({ seq: 1, deviceTime: at, visitor: cccd('001099000001', 'An') })]);
    await pushCheckIns(app, kioskB1.token, [checkIn({ seq: 1, deviceTime: at + 1, visitor: cccd('001099000002', 'Bảo') })]);
    auth.province = await loginAdmin(app, province.id, 'p@so.vn');
    auth.adminA = await loginAdmin(app, unitA.id, 'a@unit.vn');
    auth.adminB = await loginAdmin(app, unitB.id, 'b@unit.vn');
    auth.managerA1 = await loginAdmin(app, unitA.id, 'm@a1.vn', { role: 'site_manager', siteId: a1.id });
    auth.viewerA = await loginAdmin(app, unitA.id, 'v@unit.vn', { role: 'viewer' });
    auth.viewerA1 = await loginAdmin(app, unitA.id, 'v@a1.vn', { role: 'viewer', siteId: a1.id });
  });
  afterEach(() => stopTestApp(app, t));

  it('shows each role only its own part of the tree', async () => {
    const tree = async (who: keyof typeof auth) => {
      const body = (await call(who, 'GET', '/orgs')).json() as OrgTree;
      return { orgs: body.orgs.map((o) => o.name).sort(), sites: body.sites.map((s) => s.name).sort() };
    };
    expect(await tree('province')).toEqual({ orgs: ['Sở Y tế', 'Unit A', 'Unit B'], sites: ['A1 gate', 'A2 gate', 'B1 gate'] });
    expect(await tree('adminA')).toEqual({ orgs: ['Unit A'], sites: ['A1 gate', 'A2 gate'] });
    expect(await tree('adminB')).toEqual({ orgs: ['Unit B'], sites: ['B1 gate'] });
    expect(await tree('managerA1')).toEqual({ orgs: [], sites: ['A1 gate'] });
    expect(await tree('viewerA')).toEqual({ orgs: ['Unit A'], sites: ['A1 gate', 'A2 gate'] });
  });

  it('lets a unit admin manage its subtree and nothing of another unit, even by guessed id', async () => {
    expect((await call('adminA', 'PATCH', `/sites/${a1.id}`, { name: 'A1 main gate', policy: POLICY })).json()).toMatchObject({ name: 'A1 main gate', policy: POLICY });
    const created = await call('adminA', 'POST', '/sites', { orgId: unitA.id, name: 'A3' });
    expect(created.statusCode).toBe(200);
    const sub = await call('adminA', 'POST', '/orgs', { parentId: unitA.id, name: 'Team A.1' });
    expect(sub.statusCode).toBe(200);
    expect((await call('adminA', 'PATCH', `/sites/${a2.id}`, { orgId: (sub.json() as Org).id })).statusCode).toBe(200);
    expect((await call('adminA', 'GET', `/sites/${a1.id}/log`)).json()).toMatchObject({ checkins: [{ visitor: { name: 'An' } }] });

    const forbidden: Array<[InjectOptions['method'], string, object?]> = [
      ['PATCH', `/sites/${b1.id}`, { name: 'taken over' }],
      ['PATCH', `/sites/${b1.id}`, { policy: POLICY }],
      ['GET', `/sites/${b1.id}/log`],
      ['GET', `/sites/${b1.id}/occupancy`],
      ['GET', `/sites/${b1.id}/devices`],
      ['POST', `/sites/${b1.id}/devices`, {}],
      ['POST', `/devices/${deviceB1}/revoke`],
      ['POST', '/sites', { orgId: unitB.id, name: 'intruder' }],
      ['POST', '/orgs', { parentId: province.id, name: 'sibling' }],
      ['PATCH', `/orgs/${unitB.id}`, { name: 'renamed' }],
      ['PATCH', `/orgs/${unitA.id}`, { parentId: unitB.id }],
      ['PATCH', `/sites/${a1.id}`, { orgId: unitB.id }],
      ['GET', `/checkins?site=${b1.id}`],
      ['GET', `/reports/units?org=${unitB.id}&from=2025-01-01&to=2025-01-31`],
      ['GET', `/reports/heatmap?site=${b1.id}&from=2025-01-01&to=2025-01-31`],
      ['GET', '/sites/site_doesnotexist/log'],
      ['POST', '/devices/dev_doesnotexist/revoke'],
    ];
    for (const [method, url, payload] of forbidden) {
      const res = await call('adminA', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    // Nothing of unit B changed, and its device still works.
    expect(await app.repos.sites.get(b1.id)).toMatchObject({ name: 'B1 gate', orgId: unitB.id, policy: DEFAULT_POLICY });
    expect((await app.repos.devices.get(deviceB1))!.revokedAt).toBeNull();
    expect((await app.repos.orgs.get(unitA.id))!.parentId).toBe(province.id);
    // Trace sees only unit A's visits.
    expect((await call('adminA', 'POST', '/trace', { subject: '001099000002' })).json()).toMatchObject({ visits: [] });
  });

  it('lets the province admin move units and sites but never make a cycle', async () => {
    expect((await call('province', 'PATCH', `/orgs/${unitB.id}`, { parentId: unitA.id })).statusCode).toBe(200);
    expect((await call('province', 'PATCH', `/orgs/${unitA.id}`, { parentId: unitB.id })).statusCode).toBe(409);
    expect((await call('province', 'PATCH', `/orgs/${province.id}`, { parentId: unitA.id })).statusCode).toBe(403);
    expect((await call('province', 'PATCH', `/sites/${b1.id}`, { orgId: unitA.id })).json()).toMatchObject({ orgId: unitA.id });
    // unit B is now under A: A's admin manages it.
    expect((await call('adminA', 'PATCH', `/orgs/${unitB.id}`, { name: 'Unit B (in A)' })).statusCode).toBe(200);
  });

  it('lets a site manager run its site and nothing else', async () => {
    expect((await call('managerA1', 'PATCH', `/sites/${a1.id}`, { policy: POLICY })).statusCode).toBe(200);
    const enrolled = await call('managerA1', 'POST', `/sites/${a1.id}/devices`, { name: 'Tablet 2' });
    expect(enrolled.statusCode).toBe(200);
    expect(enrolled.json()).toMatchObject({ device: { siteId: a1.id, name: 'Tablet 2' }, code: expect.any(String) });
    expect((await call('managerA1', 'POST', `/devices/${deviceA1}/revoke`)).json()).toMatchObject({ revokedAt: expect.any(Number) });
    expect((await call('managerA1', 'GET', `/sites/${a1.id}/occupancy`)).json()).toMatchObject({ inside: [{ subject: '001099000001', name: 'An' }] });
    for (const [method, url, payload] of [
      ['GET', `/sites/${a2.id}/log`],
      ['PATCH', `/sites/${a2.id}`, { name: 'x' }],
      ['PATCH', `/sites/${a1.id}`, { orgId: unitB.id }],
      ['POST', '/sites', { orgId: unitA.id, name: 'x' }],
      ['POST', '/orgs', { parentId: unitA.id, name: 'x' }],
      ['PATCH', `/orgs/${unitA.id}`, { name: 'x' }],
      ['GET', `/reports/units?org=${unitA.id}&from=2025-01-01&to=2025-01-31`],
      ['POST', `/devices/${deviceB1}/revoke`],
    ] as Array<[InjectOptions['method'], string, object?]>) {
      expect((await call('managerA1', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('lets a viewer read and export but change nothing', async () => {
    expect((await call('viewerA', 'GET', `/sites/${a1.id}/log`)).statusCode).toBe(200);
    expect((await call('viewerA', 'GET', `/sites/${a1.id}/devices`)).statusCode).toBe(200);
    expect((await call('viewerA', 'GET', `/reports/units?org=${unitA.id}&from=2025-01-01&to=2025-01-31`)).statusCode).toBe(200);
    expect((await call('viewerA', 'POST', '/trace.csv', { subject: '001099000001', part: 'contacts' })).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['PATCH', `/sites/${a1.id}`, { policy: POLICY }],
      ['POST', `/sites/${a1.id}/devices`, {}],
      ['POST', `/devices/${deviceA1}/revoke`],
      ['POST', '/sites', { orgId: unitA.id, name: 'x' }],
      ['POST', '/orgs', { parentId: unitA.id, name: 'x' }],
      ['PATCH', `/orgs/${unitA.id}`, { name: 'x' }],
    ] as Array<[InjectOptions['method'], string, object?]>) {
      const res = await call('viewerA', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'read_only' });
    }
    expect((await app.repos.devices.get(deviceA1))!.revokedAt).toBeNull();
  });

  it('holds a viewer bound to one site to that site: every other site of its org is refused (#13)', async () => {
    // A visit at A2, sent by A2's kiosk through the sync route: the unit's viewer sees it, A1's viewer must not.
    const a2Kiosk = await enrolDevice(app, a2.id);
    await pushCheckIns(app, a2Kiosk.token, [checkIn({ seq: 1, deviceTime: Date.now() - 30_000, visitor: { subject: '001099000003', idNumber: '001099000003', name: 'Chi' } })]);
    const traced = async (who: keyof typeof auth) => ((await call(who, 'POST', '/trace', { subject: '001099000003' })).json() as TraceResult).visits.map((v) => v.siteId);
    expect(await traced('viewerA')).toEqual([a2.id]);
    expect(await traced('viewerA1')).toEqual([]);
    const held = async (who: keyof typeof auth) => ((await call(who, 'POST', '/subjects/find', { subject: '001099000003' })).json() as SubjectData).checkins.length;
    expect([await held('viewerA'), await held('viewerA1')]).toEqual([1, 0]);

    const tree = (await call('viewerA1', 'GET', '/orgs')).json() as OrgTree;
    expect({ orgs: tree.orgs.map((o) => o.name), sites: tree.sites.map((s) => s.name) }).toEqual({ orgs: [], sites: ['A1 gate'] });
    expect((await call('viewerA1', 'GET', `/sites/${a1.id}/log`)).json()).toMatchObject({ checkins: [{ visitor: { name: 'An' } }] });
    for (const [method, url, payload] of [
      ['GET', `/sites/${a2.id}/log`],
      ['GET', `/sites/${a2.id}/occupancy`],
      ['GET', `/sites/${a2.id}/devices`],
      ['GET', `/checkins?site=${a2.id}`],
      ['GET', `/reports/units?org=${unitA.id}&from=2025-01-01&to=2025-01-31`],
      ['GET', `/reports/heatmap?site=${a2.id}&from=2025-01-01&to=2025-01-31`],
    ] as Array<[InjectOptions['method'], string, object?]>) {
      expect((await call('viewerA1', method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('audits changes and personal-data exports, readable only inside the subtree', async () => {
    await call('adminA', 'PATCH', `/sites/${a1.id}`, { policy: POLICY });
    await call('adminA', 'POST', `/devices/${deviceA1}/revoke`);
    await call('viewerA', 'POST', '/trace.csv', { subject: '001099000001', part: 'visits' });
    await call('adminB', 'PATCH', `/sites/${b1.id}`, { name: 'B1 renamed' });
    const actions = async (who: keyof typeof auth) =>
      ((await call(who, 'GET', '/audit')).json() as AuditList).entries.map((e) => `${e.actor} ${e.action}`);
    expect(await actions('adminA')).toEqual(['v@unit.vn export.trace', 'a@unit.vn device.revoke', 'a@unit.vn site.update']);
    expect(await actions('adminB')).toEqual(['b@unit.vn site.update']);
    expect(await actions('managerA1')).toEqual(['a@unit.vn device.revoke', 'a@unit.vn site.update']);
    expect(await actions('province')).toHaveLength(4);
    const update = ((await call('adminA', 'GET', '/audit')).json() as AuditList).entries.find((e) => e.action === 'site.update');
    expect(update?.detail).toMatchObject({ before: { policy: DEFAULT_POLICY }, after: { policy: POLICY } });
  });

  it('filters the live log by day, direction and text (wildcards are literal), newest first', async () => {
    const at = Date.now() - 30_000;
    const names = ['Nguyễn 100%', 'Trần_B', '<img src=x onerror=alert(1)>'];
    await pushCheckIns(
      app,
      tokenA1,
      names.map((name, i) => checkIn({ seq: 10 + i, deviceTime: at + i, direction: i === 1 ? 'out' : 'in', visitor: { subject: `07909900000${i}`, idNumber: undefined, name } })),
    );
    const log = async (query: string) =>
      ((await call('adminA', 'GET', `/sites/${a1.id}/log?${query}`)).json() as CheckinList).checkins.map((c) => c.visitor.name);
    expect(await log('')).toEqual([...names].reverse().concat('An'));
    expect(await log('direction=out')).toEqual(['Trần_B']);
    expect(await log('q=100%25')).toEqual(['Nguyễn 100%']);
    expect(await log('q=_')).toEqual(['Trần_B']);
    expect(await log('q=079099000002')).toEqual(['<img src=x onerror=alert(1)>']);
    expect(await log('day=2001-01-01')).toEqual([]);
    expect((await call('adminA', 'GET', `/sites/${a1.id}/log?day=yesterday`)).statusCode).toBe(400);
  });
});
