import { ADMIN_ROLES, type AdminRole } from '../../../src/protocol/admin';
import { hashPassword } from '../../lib/passwords';
import { CliError, optional, required, type Command } from '../command';

const MIN_PASSWORD = 10;

/** `admin add --org ORG --email E [--password P] [--role admin|site_manager|viewer] [--site SITE]`; without --password, reads stdin. */
export const adminAdd: Command = {
  name: 'admin add',
  usage: 'admin add --org ORG_ID --email EMAIL [--password P | password on stdin] [--role admin|site_manager|viewer] [--site SITE_ID]',
  options: { org: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, site: { type: 'string' } },
  async run(ctx, args, io) {
    const orgId = required(args, 'org');
    const email = required(args, 'email');
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError('--email is not an email address');
    const role = (optional(args, 'role') ?? 'admin') as AdminRole;
    if (!ADMIN_ROLES.includes(role)) throw new CliError(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
    if (!(await ctx.repos.orgs.get(orgId))) throw new CliError(`no org with id ${orgId}`);
    const siteId = optional(args, 'site');
    if (role === 'site_manager' && siteId === undefined) throw new CliError('a site_manager needs --site');
    if (role === 'admin' && siteId !== undefined) throw new CliError('an org admin has no --site (use site_manager or viewer)');
    if (siteId !== undefined && (await ctx.repos.sites.get(siteId))?.orgId !== orgId) throw new CliError(`no site ${siteId} in org ${orgId}`);
    if (optional(args, 'password') === undefined && process.stdin.isTTY) {
      process.stderr.write('Password (input is visible; pipe it in to avoid that): ');
    }
    const password = optional(args, 'password') ?? (await io.readStdin());
    if (password.length < MIN_PASSWORD) throw new CliError(`password must be at least ${MIN_PASSWORD} characters`);
    const admin = await ctx.repos.admins.create({ orgId, email, passwordHash: await hashPassword(password), role, ...(siteId ? { siteId } : {}) });
    if (!admin) throw new CliError(`an admin with email ${email.trim().toLowerCase()} already exists`);
    return { json: admin, human: `Created admin ${admin.email} (${admin.role}) for org ${orgId}.` };
  },
};
