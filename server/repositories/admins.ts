import type { AdminRole } from '../../src/protocol/admin';
import type { Db } from '../db/schema';
import { newId } from '../lib/secrets';

export interface Admin {
  id: string;
  orgId: string;
  email: string;
  role: AdminRole;
  /** Only for site-bound roles (a site manager, a viewer of one site). */
  siteId?: string;
}

const toAdmin = (r: { id: string; org_id: string; email: string; role: string; site_id: string | null }): Admin => ({
  id: r.id,
  orgId: r.org_id,
  email: r.email,
  role: r.role as AdminRole,
  ...(r.site_id !== null ? { siteId: r.site_id } : {}),
});

/** Admin accounts (argon2id password hashes) and their API tokens (SHA-256 hashes, with expiry). */
export function adminsRepository(db: Db) {
  return {
    /** Creates an admin; returns undefined if the email is taken. */
    async create(
      input: { orgId: string; email: string; passwordHash: string; role?: AdminRole; siteId?: string },
      now = Date.now(),
    ): Promise<Admin | undefined> {
      const email = input.email.trim().toLowerCase();
      const admin: Admin = toAdmin({ id: newId('adm'), org_id: input.orgId, email, role: input.role ?? 'admin', site_id: input.siteId ?? null });
      const result = await db
        .insertInto('admin')
        .values({
          id: admin.id,
          org_id: admin.orgId,
          email,
          password_hash: input.passwordHash,
          role: admin.role,
          site_id: input.siteId ?? null,
          created_at: now,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? admin : undefined;
    },

    /** The admin with this email and their password hash, for login. */
    async findForLogin(email: string): Promise<{ admin: Admin; passwordHash: string } | undefined> {
      const row = await db.selectFrom('admin').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
      return row && { admin: toAdmin(row), passwordHash: row.password_hash };
    },

    /** Stores a new API token's hash. */
    async addToken(adminId: string, tokenHash: string, expiresAt: number, now = Date.now()): Promise<void> {
      await db.insertInto('admin_token').values({ token_hash: tokenHash, admin_id: adminId, created_at: now, expires_at: expiresAt }).execute();
    },

    /** The admin holding an unexpired token. */
    async findByToken(tokenHash: string, now = Date.now()): Promise<Admin | undefined> {
      const row = await db
        .selectFrom('admin_token')
        .innerJoin('admin', 'admin.id', 'admin_token.admin_id')
        .select(['admin.id', 'admin.org_id', 'admin.email', 'admin.role', 'admin.site_id'])
        .where('admin_token.token_hash', '=', tokenHash)
        .where('admin_token.expires_at', '>', now)
        .executeTakeFirst();
      return row && toAdmin(row);
    },

    /** Ends one session (logout). */
    async deleteToken(tokenHash: string): Promise<void> {
      await db.deleteFrom('admin_token').where('token_hash', '=', tokenHash).execute();
    },

    /** Forgets expired tokens (called at login, so the table stays small). */
    async purgeExpiredTokens(now = Date.now()): Promise<void> {
      await db.deleteFrom('admin_token').where('expires_at', '<=', now).execute();
    },
  };
}
export type AdminsRepository = ReturnType<typeof adminsRepository>;
