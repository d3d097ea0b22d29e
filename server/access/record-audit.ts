import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewAuditEntry } from '../repositories/audit';

/** Appends an audit entry for the signed-in admin of `request` (who did it is never taken from the body). */
export async function recordAudit(
  app: FastifyInstance,
  request: FastifyRequest,
  entry: Omit<NewAuditEntry, 'adminId' | 'actor'>,
): Promise<void> {
  const admin = request.admin;
  if (!admin) throw new Error('recordAudit needs a signed-in admin');
  await app.repos.audit.add({ ...entry, adminId: admin.id, actor: admin.email });
}
