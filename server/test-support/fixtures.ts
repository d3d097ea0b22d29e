import type { FastifyInstance } from 'fastify';
import { PUSH_PATH, pushResponseSchema, type CheckIn, type Direction, type EnrolResponse, type SitePolicy, type Visitor } from '../../src/protocol';
import { issueDevice } from '../enrolment/issue-code';
import type { Repositories } from '../repositories';
import { uuid7 as uuidv7 } from '../../src/domain/uuid7';

/** UUIDv7s exactly as the kiosk makes them (one implementation, src/domain/uuid7.ts). */
export { uuidv7 };

/** One org with one site (optionally with a policy). */
export async function seedSite(repos: Repositories, opts: { orgName?: string; siteName?: string; policy?: SitePolicy; parentId?: string } = {}) {
  const org = await repos.orgs.create({ name: opts.orgName ?? 'Org', parentId: opts.parentId ?? null });
  if (!org) throw new Error('seed org failed');
  const site = await repos.sites.create({ orgId: org.id, name: opts.siteName ?? 'Gate', ...(opts.policy ? { policy: opts.policy } : {}) });
  return { org, site };
}

/** A device enrolled through the real API; returns its token. */
export async function enrolDevice(app: FastifyInstance, siteId: string): Promise<EnrolResponse> {
  const issued = await issueDevice(app.repos, { siteId, baseUrl: 'http://kiosk.test' });
  const res = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: issued.code } });
  if (res.statusCode !== 200) throw new Error(`enrol failed: ${res.body}`);
  return res.json() as EnrolResponse;
}

/** A valid check-in record. */
export function checkIn(overrides: Partial<Omit<CheckIn, 'visitor'>> & { visitor?: Partial<Visitor>; direction?: Direction } = {}): CheckIn {
  const deviceTime = overrides.deviceTime ?? Date.now();
  return {
    id: overrides.id ?? uuidv7(deviceTime),
    seq: overrides.seq ?? 1,
    direction: overrides.direction ?? 'in',
    deviceTime,
    visitor: { kind: 'cccd', subject: '001099012345', idNumber: '001099012345', name: 'Nguyễn Văn A', ...overrides.visitor },
  };
}

/**
 * Sends check-ins through the real sync route as the kiosk holding `token` (so the server stores, places in time
 * and derives them as it does for a tablet), and fails unless every one is accepted. Records carry a monotonic
 * clock of offset 0, so each is stored at exactly its `deviceTime`.
 */
export async function pushCheckIns(app: FastifyInstance, token: string, records: CheckIn[]): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: PUSH_PATH,
    headers: { authorization: `Bearer ${token}` },
    payload: { sentAt: Date.now(), records: records.map((r) => ({ clock: { basis: 'monotonic', offsetMs: 0 }, ...r })) },
  });
  const answer = pushResponseSchema.parse(res.json());
  const refused = answer.results.filter((r) => r.status !== 'accepted');
  if (res.statusCode !== 200 || refused.length > 0) throw new Error(`push refused: ${res.statusCode} ${JSON.stringify(refused)}`);
}
