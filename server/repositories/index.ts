import type { Db } from '../db/schema';
import { adminsRepository } from './admins';
import { auditRepository } from './audit';
import { checkinsRepository } from './checkins';
import { devicesRepository } from './devices';
import { erasuresRepository } from './erasures';
import { issuedPassesRepository } from './issued-passes';
import { nameSearchRepository } from './name-search';
import { orgsRepository } from './orgs';
import { passKeysRepository } from './pass-keys';
import { rostersRepository } from './rosters';
import { scopeRepository } from './scope';
import { siteCountsRepository } from './site-counts';
import { silentKiosksRepository } from './silent-kiosks';
import { serverSecretsRepository } from './server-secrets';
import { sitesRepository } from './sites';
import { visitsRepository } from './visits';
import { webhooksRepository } from './webhooks';
import { watchlistRepository } from './watchlist';

export interface RepositoryOptions {
  /** GATELOG_TZ: local days of the read side (visits never cross local midnight; counts per local day). */
  timeZone: string;
  /**
   * Where long reads run (trace, reports, live log, data requests): on SQLite a read-only connection in a
   * worker thread, so a report never blocks the event loop that serves kiosk pushes. Defaults to `db`.
   */
  readDb?: Db;
}

/** Every repository over one database handle; routes and the CLI use these, never SQL. */
export function createRepositories(db: Db, options: RepositoryOptions) {
  const readDb = options.readDb ?? db;
  return {
    orgs: orgsRepository(db),
    sites: sitesRepository(db),
    devices: devicesRepository(db),
    checkins: checkinsRepository(db, options.timeZone, readDb),
    visits: visitsRepository(readDb),
    siteCounts: siteCountsRepository(readDb),
    admins: adminsRepository(db),
    scope: scopeRepository(db),
    audit: auditRepository(db),
    passKeys: passKeysRepository(db),
    issuedPasses: issuedPassesRepository(db),
    rosters: rostersRepository(db),
    silentKiosks: silentKiosksRepository(db),
    serverSecrets: serverSecretsRepository(db),
    erasures: erasuresRepository(db),
    nameSearch: nameSearchRepository(db, readDb),
    webhooks: webhooksRepository(db),
    watchlist: watchlistRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
