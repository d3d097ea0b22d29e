import { expect, it } from 'vitest';
import { erasureHash } from '../../src/protocol/erasures';
import { describeEngines } from '../test-support/describe-engines';
import { seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { erasureMatcher } from './erasure-matcher';
import { siteErasureKey } from './subject-keys';

describeEngines('erasureMatcher (%s)', (engine) => {
  it('names a late record of an erased person, by any of its keys, only if made before the erasure', async () => {
    const { t, app } = await startTestApp(engine);
    try {
      const { site } = await seedSite(app.repos);
      expect(await erasureMatcher(app.repos, site.id)).toBeNull();
      const at = Date.now();
      // The kiosk's hash (WebCrypto, src/protocol) is the one stored: the matcher's node:crypto must agree with it.
      await app.repos.erasures.add([{ siteId: site.id, hash: await erasureHash(await siteErasureKey(app.repos, site.id), '0912345678') }], at);
      const erased = (await erasureMatcher(app.repos, site.id))!;
      expect(erased({ kind: 'manual', subject: '0912345678' }, at - 1)).toBe(true);
      expect(erased({ kind: 'pass', subject: 'PASS000001', phone: '0912345678' }, at)).toBe(true);
      expect(erased({ kind: 'manual', subject: '0912345678' }, at + 1)).toBe(false); // a visit after the erasure
      expect(erased({ kind: 'manual', subject: '0987654321' }, at - 1)).toBe(false);
    } finally {
      await stopTestApp(app, t);
    }
  });
});
