import type { FastifyInstance } from 'fastify';
import { idParamsSchema, type DeviceView } from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';

/** POST /devices/:id/revoke: the kiosk's token stops working at once (it keeps its unsynced records). */
export async function devicesRoutes(app: FastifyInstance): Promise<void> {
  app.post('/devices/:id/revoke', { preHandler: app.requireAdmin }, async (request): Promise<DeviceView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const device = await app.repos.devices.get(id);
    // Unknown device and foreign device get the same answer as a foreign site.
    const site = await request.scope!.manageSite(device?.siteId ?? 'site_none');
    await app.repos.devices.revoke(id);
    await recordAudit(app, request, { action: 'device.revoke', orgId: site.orgId, siteId: site.id, target: id });
    const revoked = await app.repos.devices.get(id);
    if (!revoked) throw new ApiError(404, 'not_found', 'No such kiosk.');
    return revoked;
  });
}
