// Bundled into a kiosk page by tests/support/kiosk-page.ts (`logInPage`): the kiosk's own outbox write path,
// for tests that need more records than a camera or the manual form can log in their time.
import { GatelogDb } from '../../src/db/gatelog-db';
import { logCheckIn } from '../../src/db/outbox';

(globalThis as unknown as { gatelogOutbox: unknown }).gatelogOutbox = { GatelogDb, logCheckIn };
