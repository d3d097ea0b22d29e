import type { FastifyInstance } from 'fastify';
import { enrolRequestSchema, type EnrolResponse } from '../../../src/protocol';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { newToken, sha256 } from '../../lib/secrets';

const REFUSALS = {
  unknown: new ApiError(404, 'unknown_code', 'This enrolment code does not exist. Ask an administrator for a new link.'),
  used: new ApiError(409, 'code_used', 'This enrolment code was already used. Ask an administrator for a new link.'),
  expired: new ApiError(410, 'code_expired', 'This enrolment code has expired. Ask an administrator for a new link.'),
  revoked: new ApiError(410, 'revoked', 'This device was revoked before it was enrolled.'),
} as const;

/** POST /api/v1/enrol {code, appVersion?} → EnrolResponse: spends a one-time code for a long-lived device token. */
export async function enrolRoutes(app: FastifyInstance): Promise<void> {
  app.post('/enrol', async (request): Promise<EnrolResponse> => {
    const { code, appVersion } = parseOr400(enrolRequestSchema, request.body, 'bad_request');
    const token = newToken();
    const outcome = await app.repos.devices.enrol(sha256(code), sha256(token), appVersion ?? null);
    if (!outcome.ok) throw REFUSALS[outcome.reason];
    const site = await app.repos.sites.get(outcome.device.siteId);
    if (!site) throw new Error(`device ${outcome.device.id} has no site`);
    return {
      deviceId: outcome.device.id,
      token,
      site: { id: site.id, name: site.name },
      policy: site.policy,
      serverTime: Date.now(),
    };
  });
}
