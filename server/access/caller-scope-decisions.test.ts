import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminRole } from '../../src/protocol/admin';
import type { Admin } from '../repositories/admins';
import type { Org } from '../repositories/orgs';
import type { Site } from '../repositories/sites';
import { type TestDatabase } from '../test-support/engines';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { CallerScope } from './caller-scope';
import { describeEngines } from '../test-support/describe-engines';

/**
 * Every decision of CallerScope (issue #5), asked directly with real repositories: for each kind of caller, which
 * orgs and sites it reads, and the exact refusal (status, code, reason) for everything it may not do.
 * (roles.test.ts drives the same rules through the routes.)
 */
describeEngines('CallerScope decisions (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let province: Org, unitA: Org, unitB: Org;
  let a1: Site, a2: Site, b1: Site;

  beforeAll(async () => {
    ({ t, app } = await startTestApp(engine));
    province = (await app.repos.orgs.create({ name: 'Sở' }))!;
    unitA = (await app.repos.orgs.create({ name: 'A', parentId: province.id }))!;
    unitB = (await app.repos.orgs.create({ name: 'B', parentId: province.id }))!;
    a1 = await app.repos.sites.create({ orgId: unitA.id, name: 'A1' });
    a2 = await app.repos.sites.create({ orgId: unitA.id, name: 'A2' });
    b1 = await app.repos.sites.create({ orgId: unitB.id, name: 'B1' });
  });
  afterAll(() => stopTestApp(app, t));

  const scope = (orgId: string, role: AdminRole, siteId?: string) =>
    new CallerScope(app.repos, { id: 'adm', orgId, email: 'x@y.vn', role, ...(siteId ? { siteId } : {}) } satisfies Admin);
  /** The refusal `fn` ends with, as what the client sees: status, code and reason. */
  const refusal = async (fn: () => unknown) => {
    try {
      await fn();
    } catch (e) {
      const err = e as { statusCode: number; code: string; params?: { reason?: string } };
      return [err.statusCode, err.code, err.params?.reason ?? null];
    }
    return 'allowed';
  };
  const SITE_SCOPE = [403, 'forbidden', 'site_scope'];
  const ORG_SCOPE = [403, 'forbidden', 'org_scope'];
  const READ_ONLY = [403, 'read_only', null];
  const ORG_ADMIN_ONLY = [403, 'forbidden', 'org_admin_only'];
  const sorted = async (ids: Promise<Set<string>>) => [...(await ids)].sort();

  it('gives an org admin its subtree to read and manage', async () => {
    const adminA = scope(unitA.id, 'admin');
    expect(adminA.isSiteBound).toBe(false);
    expect(await sorted(adminA.orgIds())).toEqual([unitA.id]);
    expect(await sorted(adminA.siteIds())).toEqual([a1.id, a2.id].sort());
    expect((await adminA.readSite(a2.id)).name).toBe('A2');
    expect((await adminA.manageSite(a1.id)).name).toBe('A1');
    expect((await adminA.manageOrg(unitA.id)).name).toBe('A');
    expect(await refusal(() => adminA.assertCanErase())).toBe('allowed');
    expect(await refusal(() => adminA.readSite(b1.id))).toEqual(SITE_SCOPE);
    expect(await refusal(() => adminA.readSite('no-such-site'))).toEqual(SITE_SCOPE); // same answer: no probing
    expect(await refusal(() => adminA.readOrg(unitB.id))).toEqual(ORG_SCOPE);
    expect(await refusal(() => adminA.readOrg(province.id))).toEqual(ORG_SCOPE);
  });

  it('lets the province admin move a unit within its tree, but never its own root', async () => {
    const top = scope(province.id, 'admin');
    expect(await sorted(top.orgIds())).toEqual([province.id, unitA.id, unitB.id].sort());
    expect(await refusal(() => top.assertCanMoveOrg(unitB.id, unitA.id))).toBe('allowed');
    expect(await refusal(() => top.assertCanMoveOrg(province.id, unitA.id))).toEqual([403, 'forbidden', 'own_root']);
    expect(await refusal(() => scope(unitA.id, 'admin').assertCanMoveOrg(unitA.id, unitB.id))).toEqual(ORG_SCOPE);
    expect(await refusal(() => scope(unitA.id, 'viewer').assertCanMoveOrg(unitA.id, unitA.id))).toEqual(READ_ONLY);
  });

  it('binds a site manager to its one site: manages it, reads no org, erases nothing', async () => {
    const manager = scope(unitA.id, 'site_manager', a1.id);
    expect(manager.isSiteBound).toBe(true);
    expect(await sorted(manager.orgIds())).toEqual([]);
    expect(await sorted(manager.siteIds())).toEqual([a1.id]);
    expect((await manager.manageSite(a1.id)).name).toBe('A1');
    expect(await refusal(() => manager.readSite(a2.id))).toEqual(SITE_SCOPE);
    expect(await refusal(() => manager.readOrg(unitA.id))).toEqual(ORG_SCOPE);
    expect(await refusal(() => manager.assertCanErase())).toEqual(ORG_ADMIN_ONLY);
  });

  it('lets a viewer read its subtree and change nothing', async () => {
    const viewer = scope(unitA.id, 'viewer');
    expect(await sorted(viewer.siteIds())).toEqual([a1.id, a2.id].sort());
    expect((await viewer.readOrg(unitA.id)).name).toBe('A');
    expect(await refusal(() => viewer.assertCanWrite())).toEqual(READ_ONLY);
    expect(await refusal(() => viewer.manageSite(a1.id))).toEqual(READ_ONLY);
    expect(await refusal(() => viewer.manageOrg(unitA.id))).toEqual(READ_ONLY);
    expect(await refusal(() => viewer.assertCanErase())).toEqual(READ_ONLY);
    // Out of scope first: a viewer learns nothing about other units by the kind of refusal.
    expect(await refusal(() => viewer.manageSite(b1.id))).toEqual(SITE_SCOPE);
  });

  it('keeps a site-bound admin to its site for org-wide changes', async () => {
    const bound = scope(unitA.id, 'admin', a1.id);
    expect(await sorted(bound.siteIds())).toEqual([a1.id]);
    expect((await bound.manageSite(a1.id)).name).toBe('A1');
    expect(await refusal(() => bound.assertCanErase())).toEqual(ORG_ADMIN_ONLY);
    expect(await refusal(() => bound.manageOrg(unitA.id))).toEqual(ORG_SCOPE);
  });

  it('explains each refusal in words an API client can show', async () => {
    const message = async (fn: () => unknown) => {
      try {
        await fn();
      } catch (e) {
        return (e as Error).message;
      }
      return 'allowed';
    };
    const adminA = scope(unitA.id, 'admin');
    expect(await message(() => adminA.readSite(b1.id))).toBe('This site is not in your organisation.');
    expect(await message(() => adminA.readOrg(unitB.id))).toBe('This organisation is not in your scope.');
    expect(await message(() => scope(unitA.id, 'viewer').assertCanWrite())).toBe('Your role may read but not change anything.');
    expect(await message(() => scope(unitA.id, 'site_manager', a1.id).assertCanErase())).toBe('Only an organisation admin may do this.');
    expect(await message(() => scope(province.id, 'admin').assertCanMoveOrg(province.id, unitA.id))).toBe('You cannot move your own root organisation.');
  });

  it('refuses a site manager org-admin work even on an org it could otherwise see', async () => {
    // A site manager's row without a site (bad data) must still never manage an org.
    const unbound = scope(unitA.id, 'site_manager');
    expect(await refusal(() => unbound.manageOrg(unitA.id))).toEqual(ORG_ADMIN_ONLY);
    expect(await refusal(() => unbound.assertCanErase())).toEqual(ORG_ADMIN_ONLY);
  });
});
