import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { ROOT } from './server-process';

const run = promisify(execFile);

/** Runs the operators' CLI (`npm run gatelog -- …`) with `--json` and parses its one JSON document. */
export async function gatelog<T = Record<string, unknown>>(env: NodeJS.ProcessEnv, ...args: string[]): Promise<T> {
  // `checkins --json` of a few thousand rows (1,000-record batches) exceeds execFile's 1 MB default.
  const options = { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024 };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'server/cli/main.ts'), ...args, '--json'], options);
  return JSON.parse(stdout) as T;
}

/** An organisation with one site, on the server's database; returns the site id. */
export async function createSite(env: NodeJS.ProcessEnv, siteName: string): Promise<string> {
  const org = await gatelog<{ id: string }>(env, 'org', 'add', '--name', 'Sở Y tế Quảng Ninh');
  const site = await gatelog<{ id: string }>(env, 'site', 'add', '--org', org.id, '--name', siteName);
  return site.id;
}

/** A one-time enrolment link for a new kiosk at the site. */
export async function newEnrolUrl(env: NodeJS.ProcessEnv, siteId: string, baseUrl: string): Promise<string> {
  return (await gatelog<{ enrolUrl: string }>(env, 'device', 'add', '--site', siteId, '--base-url', baseUrl)).enrolUrl;
}

/** An organisation with one site and an org admin who signs in with `email` and `password`; returns the ids. */
export async function createSiteWithAdmin(
  env: NodeJS.ProcessEnv,
  names: { org: string; site: string },
  admin: { email: string; password: string },
): Promise<{ orgId: string; siteId: string }> {
  const org = await gatelog<{ id: string }>(env, 'org', 'add', '--name', names.org);
  const site = await gatelog<{ id: string }>(env, 'site', 'add', '--org', org.id, '--name', names.site);
  await gatelog(env, 'admin', 'add', '--org', org.id, '--email', admin.email, '--password', admin.password);
  return { orgId: org.id, siteId: site.id };
}
