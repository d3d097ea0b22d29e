import { ApiError } from '../lib/api-error';
import type { Admin } from '../repositories/admins';
import type { Repositories } from '../repositories';
import type { Org } from '../repositories/orgs';
import type { Site } from '../repositories/sites';

/** One answer for anything outside the caller's scope, whether it exists or not (no probing by guessed id). */
const OUT_OF_SCOPE_SITE = () => new ApiError(403, 'forbidden', 'This site is not in your organisation.', { reason: 'site_scope' });
const OUT_OF_SCOPE_ORG = () => new ApiError(403, 'forbidden', 'This organisation is not in your scope.', { reason: 'org_scope' });
const READ_ONLY = () => new ApiError(403, 'read_only', 'Your role may read but not change anything.');
const ORG_ADMIN_ONLY = () => new ApiError(403, 'forbidden', 'Only an organisation admin may do this.', { reason: 'org_admin_only' });

/**
 * THE place that decides what a signed-in admin may see and change (issue #5). Routes never compare ids or
 * roles themselves: they ask this object, and pass `siteIds()` / `orgIds()` to repository queries (WHERE … IN).
 * - admin: every org and site in the subtree of its org; manages all of them (but never moves its own root).
 * - site_manager: its one site; changes that site's settings and kiosks, nothing else.
 * - viewer: like admin (or like a site manager when bound to a site) for reading; changes nothing.
 */
export class CallerScope {
  #orgIds: Promise<Set<string>> | undefined;
  #siteIds: Promise<Set<string>> | undefined;

  constructor(
    private readonly repos: Repositories,
    readonly caller: Admin,
  ) {}

  /** True when the caller sees one site rather than an org subtree. */
  get isSiteBound(): boolean {
    return this.caller.siteId !== undefined;
  }

  /** Orgs whose rows the caller may read: the subtree, or none when bound to a site. */
  orgIds(): Promise<Set<string>> {
    this.#orgIds ??= this.isSiteBound ? Promise.resolve(new Set()) : this.repos.scope.subtreeOrgIds(this.caller.orgId);
    return this.#orgIds;
  }

  /** Sites whose rows the caller may read. */
  siteIds(): Promise<Set<string>> {
    this.#siteIds ??= this.caller.siteId !== undefined
      ? Promise.resolve(new Set([this.caller.siteId]))
      : this.repos.scope.allowedSiteIds(this.caller.orgId);
    return this.#siteIds;
  }

  /** Refuses any change by a viewer. */
  assertCanWrite(): void {
    if (this.caller.role === 'viewer') throw READ_ONLY();
  }

  /** The site, if the caller may read it; 403 otherwise (also for ids that do not exist). */
  async readSite(siteId: string): Promise<Site> {
    const site = (await this.siteIds()).has(siteId) ? await this.repos.sites.get(siteId) : undefined;
    if (!site) throw OUT_OF_SCOPE_SITE();
    return site;
  }

  /** The site, if the caller may change its settings and kiosks. */
  async manageSite(siteId: string): Promise<Site> {
    const site = await this.readSite(siteId);
    this.assertCanWrite();
    return site;
  }

  /** The org, if the caller may read it (site-bound callers read their site's org by name only via the tree). */
  async readOrg(orgId: string): Promise<Org> {
    const org = (await this.orgIds()).has(orgId) ? await this.repos.orgs.get(orgId) : undefined;
    if (!org) throw OUT_OF_SCOPE_ORG();
    return org;
  }

  /** The org, if the caller may create, rename and move things in it (org admins only). */
  async manageOrg(orgId: string): Promise<Org> {
    const org = await this.readOrg(orgId);
    this.assertCanWrite();
    if (this.caller.role !== 'admin' || this.isSiteBound) throw ORG_ADMIN_ONLY();
    return org;
  }

  /**
   * Refuses an erasure (issue #6) by anyone but an organisation admin: erasing is irreversible, so site
   * managers and viewers may look a subject up but not erase. The erasure then covers `siteIds()` only.
   */
  assertCanErase(): void {
    this.assertCanWrite();
    if (this.caller.role !== 'admin' || this.isSiteBound) throw ORG_ADMIN_ONLY();
  }

  /**
   * Checks that moving `orgId` under `newParentId` stays inside the subtree. Whether it makes a cycle is
   * checked by `repos.orgs.update`, atomically with the move (issue #10).
   */
  async assertCanMoveOrg(orgId: string, newParentId: string): Promise<void> {
    await this.manageOrg(orgId);
    await this.manageOrg(newParentId);
    if (orgId === this.caller.orgId) throw new ApiError(403, 'forbidden', 'You cannot move your own root organisation.', { reason: 'own_root' });
    // The cycle check runs in the same locked transaction as the move (orgs repository, #10).
  }
}
