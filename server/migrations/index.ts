import type { Migration } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-admin-console';
import * as m003 from './003-passes-rosters';
import * as m004 from './004-read-side';
import * as m005 from './005-erasure-reach';
import * as m006 from './006-silent-kiosks';
import * as m007 from './007-checkin-time-flag';
import * as m008 from './008-search-fold';
import * as m009 from './009-gate-direction';
import * as m010 from './010-watchlist';
import * as m011 from './011-webhooks';

/** Every migration, by name; names sort in the order they must run. Same files for SQLite and PostgreSQL. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-admin-console': m002,
  '003-passes-rosters': m003,
  '004-read-side': m004,
  '005-erasure-reach': m005,
  '006-silent-kiosks': m006,
  '007-checkin-time-flag': m007,
  '008-search-fold': m008,
  '009-gate-direction': m009,
  '010-watchlist': m010,
  '011-webhooks': m011,
};
