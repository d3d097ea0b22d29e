import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';

import { startTestApp, stopTestApp } from '../test-support/test-app';
import { recordAudit } from './record-audit';
import { describeEngines } from '../test-support/describe-engines';

describeEngines('recordAudit (%s)', (engine) => {
  it('never writes an entry without the signed-in admin who did it', async () => {
    const { t, app } = await startTestApp(engine);
    try {
      const org = (await app.repos.orgs.create({ name: 'Sở' }))!;
      const anonymous = {} as FastifyRequest;
      await expect(recordAudit(app, anonymous, { action: 'org.create', orgId: org.id })).rejects.toThrow('recordAudit needs a signed-in admin');
      expect(await app.repos.audit.list({ orgIds: [org.id], siteIds: [] })).toEqual([]);
    } finally {
      await stopTestApp(app, t);
    }
  });
});
