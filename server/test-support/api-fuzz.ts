import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { anyText, pushBody, vietnameseName } from '../../tests/support/arbitraries';
import { rosterCsvBytes } from './roster-csv-arbitrary';

// API bodies for the property test and `npm run fuzz` (#10, Fuzzing): every route that takes a body or a query from
// a kiosk or the console, sent well-formed, damaged and as junk, as JSON, gzip, text or bytes. Routes that end the
// session (revoke, erase, sign out) are left out so one run keeps its kiosk and admin to the end.

export type Auth = 'device' | 'admin' | 'none';
export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string }
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string };

/** One request, before tokens and ids are filled in. */
export interface ApiCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** With `{site}` and `{org}` placeholders. */
  path: string;
  auth: Auth;
  body?: Body;
  gzip?: boolean;
}

/** The fixed world a run talks about: one org, one site, a kiosk and an admin of that org. */
export interface FuzzWorld {
  orgId: string;
  siteId: string;
  deviceToken: string;
  adminToken: string;
}

/** A JSON value with the traps of real bodies. */
const tricky: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, 2 ** 53, 9e15, '', '\u0000', 'x'.repeat(2000), '2025-13-45', '../../etc/passwd', '<img src=x onerror=alert(1)>'),
  anyText(60),
);
const someText = fc.oneof(fc.string({ maxLength: 40 }), anyText(40), fc.constantFrom('Cổng chính', 'Sở Y tế', ' =HYPERLINK("x") '));

/** An object body shaped like `fields` (each sometimes missing, sometimes wrong), plus now and then an extra key. */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(fields)) record[k] = fc.oneof({ weight: 3, arbitrary: v }, { weight: 1, arbitrary: tricky });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(record, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(record, { requiredKeys: [] }), fc.string({ maxLength: 10 }), tricky).map(([o, k, v]) => ({ ...(o as object), [k]: v })) },
    { weight: 1, arbitrary: tricky },
  );
}

const json = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => value.map((v) => ({ kind: 'json' as const, value: v }));
const junkBody: fc.Arbitrary<Body> = fc.oneof(
  fc.tuple(anyText(200), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded')).map(([text, contentType]) => ({ kind: 'raw' as const, text, contentType })),
  fc.constantFrom('{', '{"records":[', '[]', 'null', '{"sentAt":1e999}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}').map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'bytes' as const, bytes, contentType: 'application/json' })),
);

const QUERY_KEYS = ['org', 'site', 'from', 'to', 'day', 'q', 'direction', 'limit', 'cursor', 'before', 'subject', 'since', 'lang', 'part', 'action', 'have', 'occupancySince'];
const queryValue = fc.oneof(
  fc.constantFrom('{org}', '{site}', '2025-03-10', '2025-03-10T08:00:00+07:00', '2025-02-30', '-1', '0', '99999999999999999999', 'in', 'out', 'vi', 'en', 'visits', ''),
  someText,
);
const query = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''));

const GET_PATHS = ['/checkins', '/sites/{site}/log', '/sites/{site}/occupancy', '/sites/{site}', '/reports/units', '/reports/daily', '/reports/heatmap', '/audit', '/orgs', '/trace', '/sites/{site}/roster', '/orgs/{org}/webhooks', '/orgs/{org}/watchlist', '/sites/{site}/gate'];

/** Any request a kiosk, the console or an attacker could send to the API. */
export const apiCase: fc.Arbitrary<ApiCase> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/sync/checkins'), auth: fc.constant('device' as const), body: fc.oneof({ weight: 8, arbitrary: json(pushBody) }, { weight: 1, arbitrary: junkBody }), gzip: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/sync/checkins'), auth: fc.constantFrom('none' as const, 'admin' as const), body: json(pushBody) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('GET' as const), path: fc.tuple(fc.constantFrom('/sync/roster', '/sync/config', '/sync/watchlist'), query).map(([p, q]) => p + q), auth: fc.constant('device' as const) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/enrol'), auth: fc.constant('none' as const), body: fc.oneof(json(shaped({ code: fc.string({ maxLength: 20 }) })), junkBody) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constantFrom('/auth/login', '/auth/session'), auth: fc.constant('none' as const), body: fc.oneof(json(shaped({ email: someText, password: someText })), junkBody) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/orgs'), auth: fc.constant('admin' as const), body: json(shaped({ name: someText, parentId: fc.constantFrom('{org}', 'org_none', null) })) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('PATCH' as const), path: fc.constant('/orgs/{org}'), auth: fc.constant('admin' as const), body: json(shaped({ name: someText })) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/sites'), auth: fc.constant('admin' as const), body: json(shaped({ orgId: fc.constant('{org}'), name: someText })) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('PATCH' as const),
      path: fc.constant('/sites/{site}'),
      auth: fc.constant('admin' as const),
      body: json(shaped({ name: someText, policy: shaped({ keptFields: fc.array(fc.constantFrom('idNumber', 'name', 'phone', 'address', 'x'), { maxLength: 5 }), retentionDays: fc.integer({ min: -5, max: 4000 }) }) })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('PUT' as const),
      path: fc.constant('/sites/{site}/gate'),
      auth: fc.constant('admin' as const),
      body: json(shaped({ gate: shaped({ directionMode: fc.constantFrom('toggle', 'auto', 'AUTO', ''), closingTime: fc.constantFrom('17:30', '00:00', '24:00', '7:30', null, '') }) })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.constant('/sites/{site}/passes'), auth: fc.constant('admin' as const), body: json(shaped({ name: fc.oneof(vietnameseName, someText), phone: fc.constantFrom('0912345678', '+84912345678', '', '12'), idNumber: fc.constantFrom('001099012345', '', '1'), validUntil: fc.constantFrom('2099-01-31', '', '2020-02-30') })) }) },
  { weight: 1, arbitrary: fc.record({ method: fc.constant('POST' as const), path: fc.tuple(fc.constant('/sites/{site}/roster'), fc.constantFrom('', '?dryRun=1', '?skipInvalid=1', '?dryRun=true')).map(([p, q]) => p + q), auth: fc.constant('admin' as const), body: rosterCsvBytes.map((bytes) => ({ kind: 'bytes' as const, bytes, contentType: 'text/csv' })) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('POST' as const),
      path: fc.constant('/orgs/{org}/webhooks'),
      auth: fc.constant('admin' as const),
      // `.invalid` never resolves: the worker's attempts fail at once and reach no one.
      body: json(shaped({ url: fc.oneof(fc.constantFrom('https://hooks.example.invalid/gatelog', 'http://127.0.0.1/x', 'ftp://x.invalid/', 'https://[::1]/'), someText), events: fc.array(fc.constantFrom('checkin', 'refused', 'watchlist_hit', 'x'), { maxLength: 4 }) })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('POST' as const),
      path: fc.constant('/orgs/{org}/watchlist'),
      auth: fc.constant('admin' as const),
      body: json(shaped({ kind: fc.constantFrom('id_number', 'pass', 'badge', 'phone', 'x'), subject: fc.oneof(fc.constantFrom('001099012345', '+84912345678', 'HS-1', ''), someText), reason: someText, action: fc.constantFrom('refuse', 'alert', 'x') })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ method: fc.constant('GET' as const), path: fc.tuple(fc.constantFrom(...GET_PATHS), query).map(([p, q]) => p + q), auth: fc.constantFrom('admin' as const, 'admin' as const, 'none' as const) }) },
);

/** The request of a case in `world`: method, path under /api/v1, headers and body bytes. */
export function requestOf(c: ApiCase, world: FuzzWorld): { method: ApiCase['method']; url: string; headers: Record<string, string>; payload?: Buffer } {
  const url = `/api/v1${c.path}`.replaceAll('{site}', world.siteId).replaceAll('%7Bsite%7D', world.siteId).replaceAll('{org}', world.orgId).replaceAll('%7Borg%7D', world.orgId);
  const headers: Record<string, string> = {};
  if (c.auth === 'device') headers.authorization = `Bearer ${world.deviceToken}`;
  if (c.auth === 'admin') headers.authorization = `Bearer ${world.adminToken}`;
  if (!c.body) return { method: c.method, url, headers };
  let payload: Buffer;
  if (c.body.kind === 'json') {
    headers['content-type'] = 'application/json';
    payload = Buffer.from(JSON.stringify(c.body.value ?? null).replaceAll('"{site}"', JSON.stringify(world.siteId)).replaceAll('"{org}"', JSON.stringify(world.orgId)));
  } else if (c.body.kind === 'raw') {
    headers['content-type'] = c.body.contentType;
    payload = Buffer.from(c.body.text);
  } else {
    headers['content-type'] = c.body.contentType;
    payload = Buffer.from(c.body.bytes);
  }
  if (c.gzip) {
    headers['content-encoding'] = 'gzip';
    payload = gzipSync(payload);
  }
  return { method: c.method, url, headers, payload };
}
