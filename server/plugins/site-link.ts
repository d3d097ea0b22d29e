import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../src/protocol/console';

/**
 * GET /s/:id — where a site's location poster QR code points (`siteQrUrl`). A phone that scans the poster gets
 * the site's name and what to do, as plain text (never HTML: the name is admin input).
 */
export async function siteLinkPlugin(app: FastifyInstance): Promise<void> {
  // Public and unauthenticated: rate-limited like 404s, so ids cannot be probed quickly.
  app.get('/s/:id', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = idParamsSchema.safeParse(request.params);
    const site = parsed.success ? await app.repos.sites.get(parsed.data.id) : undefined;
    reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff');
    if (!site) return reply.status(404).send('Gatelog: mã QR địa điểm không hợp lệ. / Unknown location code.\n');
    return `Gatelog — ${site.name}\n\nKhi vào và ra, hãy đưa CCCD gắn chip hoặc phiếu khách cho nhân viên quét tại máy kiosk.\nWhen entering and leaving, show your chip ID card or visitor pass to be scanned at the kiosk.\n`;
  });
}
