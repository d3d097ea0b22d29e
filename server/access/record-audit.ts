import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewAuditEntry } from '../repositories/audit';
import { auditSubjectHash } from '../subjects/subject-keys';

/**
 * Appends an audit entry for the signed-in admin of `request` (who did it is never taken from the body).
 * A visitor's key goes in `subject`: the entry then holds its keyed hash as `detail.subjectHash`, never the key.
 */
export async function recordAudit(
  app: FastifyInstance,
  request: FastifyRequest,
  entry: Omit<NewAuditEntry, 'adminId' | 'actor'> & { subject?: string },
): Promise<void> {
  const admin = request.admin;
  if (!admin) throw new Error('recordAudit needs a signed-in admin');
  const { subject, ...rest } = entry;
  const detail = subject === undefined ? rest.detail : { subjectHash: await auditSubjectHash(app.repos, subject), ...rest.detail };
  await app.repos.audit.add({ ...rest, ...(detail !== undefined ? { detail } : {}), adminId: admin.id, actor: admin.email });
}
