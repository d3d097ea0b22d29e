import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MAX_ORG_DEPTH } from '../../repositories/org-tree';
import type { Org } from '../../repositories/orgs';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

/** Issue #10 item 3: two crossed moves sent together must never make the org tree a cycle. */
describeEngines('moving organisations (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let province: Org;
  let auth: string;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    province = (await app.repos.orgs.create({ name: 'Sở' }))!;
    auth = await loginAdmin(app, province.id, 'p@so.vn');
  });
  afterEach(() => stopTestApp(app, t));

  const move = (id: string, parentId: string) => app.inject({ method: 'PATCH', url: `/api/v1/orgs/${id}`, headers: { authorization: auth }, payload: { parentId } });

  /** Walks every org up to a root over the stored rows (no recursive SQL): true when some walk loops. */
  const hasCycle = async () => {
    const rows = await t.db.selectFrom('org').select(['id', 'parent_id']).execute();
    const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
    return rows.some((r) => {
      const seen = new Set<string>();
      for (let at: string | null | undefined = r.id; at; at = parent.get(at)) {
        if (seen.has(at)) return true;
        seen.add(at);
      }
      return false;
    });
  };

  it('answers one of two crossed moves sent together with 409, and the tree stays a tree', async () => {
    for (let round = 0; round < 3; round++) {
      const x = (await app.repos.orgs.create({ name: `X${round}`, parentId: province.id }))!;
      const y = (await app.repos.orgs.create({ name: `Y${round}`, parentId: province.id }))!;
      const answers = await Promise.all([move(x.id, y.id), move(y.id, x.id)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.statusCode === 409)!.json()).toMatchObject({ code: 'cycle' });
      expect(await hasCycle()).toBe(false);
    }
  });

  it('bounds every recursive query: a cycle already in the table cannot hang the server', async () => {
    const a = (await app.repos.orgs.create({ name: 'A', parentId: province.id }))!;
    const b = (await app.repos.orgs.create({ name: 'B', parentId: a.id }))!;
    const site = await app.repos.sites.create({ orgId: b.id, name: 'Cổng' });
    // As a crossed move used to leave it: A under B under A (written past the API on purpose).
    await t.db.updateTable('org').set({ parent_id: b.id }).where('id', '=', a.id).execute();
    expect(await hasCycle()).toBe(true);
    expect([...(await app.repos.scope.subtreeOrgIds(a.id))].sort()).toEqual([a.id, b.id].sort());
    expect([...(await app.repos.scope.allowedSiteIds(a.id))]).toEqual([site.id]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { authorization: await loginAdmin(app, a.id, 'a@a.vn') } })).statusCode).toBe(200);
    // Moving within the cycle is refused rather than looping.
    expect((await move(a.id, province.id)).statusCode).toBe(403);
  });

  it(`refuses a move that would make the tree deeper than ${MAX_ORG_DEPTH} levels`, async () => {
    let parent = province;
    const chain: Org[] = [];
    for (let depth = 1; depth < MAX_ORG_DEPTH; depth++) {
      parent = (await app.repos.orgs.create({ name: `L${depth}`, parentId: parent.id }))!;
      chain.push(parent);
    }
    const leaf = (await app.repos.orgs.create({ name: 'leaf', parentId: province.id }))!;
    const child = (await app.repos.orgs.create({ name: 'child', parentId: leaf.id }))!;
    expect((await move(leaf.id, chain.at(-3)!.id)).statusCode).toBe(200);
    expect((await move(child.id, chain.at(-1)!.id)).json()).toMatchObject({ code: 'too_deep' });
    expect((await app.repos.scope.subtreeOrgIds(province.id)).size).toBe(MAX_ORG_DEPTH + 2);
  });
});
