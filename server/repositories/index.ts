import type { Db } from '../db/schema';
import { adminsRepository } from './admins';
import { auditRepository } from './audit';
import { checkinsRepository } from './checkins';
import { devicesRepository } from './devices';
import { issuedPassesRepository } from './issued-passes';
import { orgsRepository } from './orgs';
import { passKeysRepository } from './pass-keys';
import { rostersRepository } from './rosters';
import { scopeRepository } from './scope';
import { sitesRepository } from './sites';

/** Every repository over one database handle; routes and the CLI use these, never SQL. */
export function createRepositories(db: Db) {
  return {
    orgs: orgsRepository(db),
    sites: sitesRepository(db),
    devices: devicesRepository(db),
    checkins: checkinsRepository(db),
    admins: adminsRepository(db),
    scope: scopeRepository(db),
    audit: auditRepository(db),
    passKeys: passKeysRepository(db),
    issuedPasses: issuedPassesRepository(db),
    rosters: rostersRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
