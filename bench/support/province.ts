import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { uuid7 } from '../../src/domain/uuid7';
import { DEFAULT_POLICY } from '../../src/protocol';
import type { CheckinTable, Db } from '../../server/db/schema';
import type { Repositories } from '../../server/repositories';
import { sha256 } from '../../server/lib/secrets';

/**
 * A province as issue #9 describes it, generated straight into the check-in table: 500 sites in a tree
 * (province → 10 units → sites), two busy ports (3,000–6,000 visits a day, a crew that passes every day),
 * schools (800 pupils in and out on weekdays), quiet guesthouses and offices with regular visitors, 10 %
 * forgotten OUTs, over a year ending today. `scale` shrinks the daily volumes (1 ≈ 10M check-ins).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const TZ_OFFSET = 7 * HOUR; // Asia/Ho_Chi_Minh, no DST
/** A little over a year, so twelve whole calendar months are in it (the province's yearly report). */
export const PROVINCE_DAYS = 400;
const UNITS = 10;
const SITES = 500;
const PORTS = 2;
const SCHOOLS = 6;
const CREW_PER_PORT = 12;
const PUPILS = 800;
const PASSENGER_POOL = 1_000_000;
const REGULAR_POOL = 200_000;

export interface Province {
  provinceId: string;
  unitIds: string[];
  siteIds: string[];
  portIds: string[];
  /** The crew of port 0: passes every day. */
  crew: string[];
  /** Passengers and regulars who were seen, to trace as typical visitors. */
  typical: string[];
  adminToken: string;
  deviceOf: Map<string, string>;
  checkins: number;
  /** Local midnight of the first and the last day (epoch ms). */
  firstDay: number;
  lastDay: number;
}

/** mulberry32: a seeded PRNG whose integer maths stays exact in JS. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

const cccd = (prefix: string, n: number) => `${prefix}${String(n).padStart(12 - prefix.length, '0')}`;

/** Local midnight (UTC+7) of the day holding `ms`. */
export const localMidnight = (ms: number) => Math.floor((ms + TZ_OFFSET) / DAY) * DAY - TZ_OFFSET;

/** Creates the org tree, sites, a kiosk per site and an admin token (through the repositories). */
export async function seedProvince(repos: Repositories): Promise<Omit<Province, 'crew' | 'typical' | 'checkins' | 'firstDay' | 'lastDay'>> {
  const province = (await repos.orgs.create({ name: 'Tỉnh Quảng Ngãi' }))!;
  const unitIds: string[] = [];
  for (let u = 0; u < UNITS; u++) unitIds.push((await repos.orgs.create({ name: `Đơn vị ${u + 1}`, parentId: province.id }))!.id);
  const siteIds: string[] = [];
  for (let s = 0; s < SITES; s++) {
    const kind = s < PORTS ? 'Cảng' : s < PORTS + SCHOOLS ? 'Trường' : 'Điểm';
    // A year is kept (the default 30 days would have the retention job purge the generated year at start).
    siteIds.push((await repos.sites.create({ orgId: unitIds[s % UNITS]!, name: `${kind} ${s + 1}`, policy: { ...DEFAULT_POLICY, retentionDays: 400 } })).id);
  }
  const deviceOf = new Map<string, string>();
  for (const siteId of siteIds) {
    const device = await repos.devices.create({ siteId, name: 'kiosk', codeHash: sha256(`code-${siteId}`), codeExpiresAt: Date.now() + DAY });
    deviceOf.set(siteId, device.id);
  }
  const admin = (await repos.admins.create({ orgId: province.id, email: 'bench@province.vn', passwordHash: 'x' }))!;
  const adminToken = `bench-${Date.now()}`;
  await repos.admins.addToken(admin.id, sha256(adminToken), Date.now() + 7 * DAY);
  return { provinceId: province.id, unitIds, siteIds, portIds: siteIds.slice(0, PORTS), adminToken, deviceOf };
}

/** Yields the year's check-ins day by day (each day's rows in one array). */
export function* provinceDays(
  p: Pick<Province, 'siteIds' | 'deviceOf'>,
  scale: number,
  end = Date.now(),
): Generator<{ day: number; rows: CheckinTable[]; crew: string[]; seen: string[] }> {
  const rand = rng(9);
  const lastDay = localMidnight(end) - DAY; // whole days only: the last one is yesterday
  const crew = Array.from({ length: PORTS * CREW_PER_PORT }, (_, i) => cccd('0790', i));
  let seq = 0;
  for (let d = PROVINCE_DAYS - 1; d >= 0; d--) {
    const day = lastDay - d * DAY;
    const weekday = (new Date(day + TZ_OFFSET).getUTCDay() + 6) % 7;
    const rows: CheckinTable[] = [];
    const seen: string[] = [];
    const visit = (siteId: string, subject: string, tin: number, tout: number | null) => {
      const deviceId = p.deviceOf.get(siteId)!;
      const visitor = `{"kind":"cccd","subject":"${subject}","name":"Khách ${subject.slice(-5)}","idNumber":"${subject}"}`;
      const row = (direction: 'in' | 'out', t: number): CheckinTable => ({
        id: uuid7(t), device_id: deviceId, site_id: siteId, seq: seq++, direction, subject, kind: 'cccd',
        name: `Khách ${subject.slice(-5)}`, visitor, device_time: t, received_at: t, corrected_time: t,
      });
      rows.push(row('in', tin));
      if (tout !== null && rand() >= 0.1) rows.push(row('out', tout)); // 10 % forget to scan out
    };
    for (let port = 0; port < PORTS; port++) {
      const siteId = p.siteIds[port]!;
      for (const member of crew.slice(port * CREW_PER_PORT, (port + 1) * CREW_PER_PORT)) {
        visit(siteId, member, day + 5 * HOUR + Math.floor(rand() * 30 * MINUTE), day + 18 * HOUR + Math.floor(rand() * 30 * MINUTE));
      }
      const passengers = Math.round((3000 + rand() * 3000) * scale);
      for (let i = 0; i < passengers; i++) {
        const subject = cccd('0510', Math.floor(rand() * PASSENGER_POOL));
        const tin = day + 5 * HOUR + Math.floor(rand() * 12 * HOUR);
        visit(siteId, subject, tin, tin + HOUR + Math.floor(rand() * 2 * HOUR));
        if (i % 97 === 0) seen.push(subject);
      }
    }
    if (weekday < 5) {
      for (let school = 0; school < SCHOOLS; school++) {
        const siteId = p.siteIds[PORTS + school]!;
        const pupils = Math.round(PUPILS * Math.min(1, scale * 2));
        for (let i = 0; i < pupils; i++) {
          const subject = `HS-${school}-${String(i).padStart(4, '0')}`;
          visit(siteId, subject, day + 7 * HOUR + Math.floor(rand() * 20 * MINUTE), day + 16 * HOUR + 30 * MINUTE + Math.floor(rand() * 30 * MINUTE));
        }
      }
    }
    for (let s = PORTS + SCHOOLS; s < p.siteIds.length; s++) {
      const visits = Math.round(rand() * 10 * scale);
      for (let v = 0; v < visits; v++) {
        const subject = cccd('0450', Math.floor(rand() * REGULAR_POOL));
        const tin = day + 8 * HOUR + Math.floor(rand() * 12 * HOUR);
        visit(p.siteIds[s]!, subject, tin, tin + 10 * MINUTE + Math.floor(rand() * 2 * HOUR));
        if (v === 0 && s % 7 === 0) seen.push(subject);
      }
    }
    yield { day, rows, crew, seen };
  }
}

const COLUMNS = ['id', 'device_id', 'site_id', 'seq', 'direction', 'subject', 'kind', 'name', 'visitor', 'device_time', 'received_at', 'corrected_time'] as const;

/** Bulk-loads the year into `checkin` (no read side: that is what the backfill then builds). */
export async function loadProvince(
  db: Db,
  target: { engine: 'sqlite'; file: string } | { engine: 'postgres' },
  p: Pick<Province, 'siteIds' | 'deviceOf'>,
  scale: number,
  onDay: (done: number) => void = () => {},
): Promise<Pick<Province, 'crew' | 'typical' | 'checkins' | 'firstDay' | 'lastDay'>> {
  let checkins = 0;
  let crew: string[] = [];
  const typical: string[] = [];
  let firstDay = 0;
  let lastDay = 0;
  const raw = target.engine === 'sqlite' ? new Database(target.file) : null;
  const insert = raw?.prepare(`INSERT INTO checkin (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertDay = raw?.transaction((rows: CheckinTable[]) => {
    for (const r of rows) insert!.run(COLUMNS.map((c) => r[c]));
  });
  let days = 0;
  for (const { day, rows, crew: c, seen } of provinceDays(p, scale)) {
    if (!firstDay) firstDay = day;
    lastDay = day;
    crew = c;
    typical.push(...seen);
    if (insertDay) insertDay(rows);
    else {
      // PostgreSQL: unnest of column arrays, one statement per 20k rows.
      for (let i = 0; i < rows.length; i += 20_000) {
        const chunk = rows.slice(i, i + 20_000);
        const col = <K extends (typeof COLUMNS)[number]>(k: K) => chunk.map((r) => r[k]);
        await sql`insert into checkin (${sql.raw(COLUMNS.join(', '))}) select * from unnest(
          ${col('id')}::text[], ${col('device_id')}::text[], ${col('site_id')}::text[], ${col('seq')}::bigint[], ${col('direction')}::text[],
          ${col('subject')}::text[], ${col('kind')}::text[], ${col('name')}::text[], ${col('visitor')}::text[], ${col('device_time')}::bigint[],
          ${col('received_at')}::bigint[], ${col('corrected_time')}::bigint[])`.execute(db);
      }
    }
    checkins += rows.length;
    onDay(++days);
  }
  raw?.close();
  return { crew, typical, checkins, firstDay, lastDay };
}
