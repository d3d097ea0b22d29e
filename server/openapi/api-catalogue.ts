import type { $ZodType } from 'zod/v4/core';
import * as p from '../../src/protocol';

/** Who may call an operation: an admin (bearer token or the console's cookie), an enrolled kiosk, or anyone. */
export type ApiAuth = 'admin' | 'device' | 'none';

/** One API operation as the OpenAPI document describes it; its schemas are the ones its route parses with. */
export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's path, `:name` for a path parameter. */
  path: string;
  summary: string;
  auth: ApiAuth;
  params?: $ZodType;
  /** Query schemas (several when a route parses its query with more than one). */
  query?: $ZodType[];
  body?: $ZodType;
  /** The body is a file (a roster CSV), not JSON. */
  bodyIsFile?: boolean;
  /** JSON answer of a 200; absent when the answer is `answerType`. */
  answer?: $ZodType;
  answerType?: 'text/csv' | 'text/html' | 'text/css' | 'application/json';
}

const V1 = '/api/v1';

/**
 * Every route under /api, with the zod schemas of src/protocol it parses and answers with — the single source of
 * the OpenAPI document (server/openapi/openapi-document.ts). `openapi.test.ts` fails when a registered route is
 * missing here, so a new route cannot go undocumented.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  // Kiosks
  { method: 'GET', path: `${V1}/health`, summary: 'Liveness and the server clock', auth: 'none', answer: p.healthAnswerSchema },
  { method: 'POST', path: `${V1}/enrol`, summary: 'Exchange a one-time enrolment code for a kiosk token', auth: 'none', body: p.enrolRequestSchema, answer: p.enrolResponseSchema },
  {
    method: 'POST',
    path: `${V1}/sync/checkins`,
    summary: 'Push a batch of check-ins (optionally Content-Encoding: gzip); each record is answered accepted, duplicate or rejected',
    auth: 'device',
    body: p.pushRequestSchema,
    answer: p.pushResponseSchema,
  },
  { method: 'GET', path: `${V1}/sync/config`, summary: "The kiosk's site configuration, pass keys and erasures", auth: 'device', query: [p.siteConfigQuerySchema], answer: p.siteConfigSchema },
  { method: 'GET', path: `${V1}/sync/roster`, summary: "Changes to the site's roster since a version", auth: 'device', query: [p.rosterQuerySchema], answer: p.rosterPageSchema },
  { method: 'GET', path: `${V1}/sync/watchlist`, summary: "The watchlist of the kiosk's site as keyed hashes (unchanged: no entries)", auth: 'device', query: [p.watchlistQuerySchema], answer: p.kioskWatchlistSchema },
  { method: 'GET', path: `${V1}/sync/sites/:id`, summary: "A site's name (for a location poster)", auth: 'device', params: p.idParamsSchema, answer: p.siteNameSchema },
  // Sign-in
  { method: 'POST', path: `${V1}/auth/login`, summary: 'Sign in for a bearer token (API, CLI)', auth: 'none', body: p.loginRequestSchema, answer: p.loginResponseSchema },
  { method: 'POST', path: `${V1}/auth/session`, summary: 'Sign in for a session cookie (the console)', auth: 'none', body: p.loginRequestSchema, answer: p.sessionResponseSchema },
  { method: 'GET', path: `${V1}/auth/me`, summary: 'The signed-in admin', auth: 'admin', answer: p.meResponseSchema },
  { method: 'DELETE', path: `${V1}/auth/session`, summary: 'Sign out (cookie session or bearer token)', auth: 'none', answer: p.okAnswerSchema },
  // Organisations and sites
  { method: 'GET', path: `${V1}/orgs`, summary: "The caller's part of the organisation tree", auth: 'admin', answer: p.orgTreeSchema },
  { method: 'POST', path: `${V1}/orgs`, summary: 'Create a unit', auth: 'admin', body: p.createOrgSchema, answer: p.orgSchema },
  { method: 'PATCH', path: `${V1}/orgs/:id`, summary: 'Rename or move a unit', auth: 'admin', params: p.idParamsSchema, body: p.updateOrgSchema, answer: p.orgSchema },
  { method: 'POST', path: `${V1}/sites`, summary: 'Create a site', auth: 'admin', body: p.createSiteSchema, answer: p.siteSchema },
  { method: 'GET', path: `${V1}/sites/:id`, summary: 'A site', auth: 'admin', params: p.idParamsSchema, answer: p.siteSchema },
  { method: 'PATCH', path: `${V1}/sites/:id`, summary: "Rename, move or set a site's data policy", auth: 'admin', params: p.idParamsSchema, body: p.updateSiteSchema, answer: p.siteSchema },
  { method: 'GET', path: `${V1}/sites/:id/gate`, summary: "A site's direction mode (toggle or auto) and closing time", auth: 'admin', params: p.idParamsSchema, answer: p.siteGateViewSchema },
  { method: 'PUT', path: `${V1}/sites/:id/gate`, summary: "Set a site's direction mode and closing time (org admins; visits re-paired in the background)", auth: 'admin', params: p.idParamsSchema, body: p.siteGateBodySchema, answer: p.siteGateViewSchema },
  { method: 'GET', path: `${V1}/sites/:id/log`, summary: "A site's live log, newest first", auth: 'admin', params: p.idParamsSchema, query: [p.siteLogQuerySchema], answer: p.checkinListSchema },
  { method: 'GET', path: `${V1}/sites/:id/occupancy`, summary: 'Who is inside now', auth: 'admin', params: p.idParamsSchema, answer: p.occupancySchema },
  { method: 'GET', path: `${V1}/sites/:id/devices`, summary: "A site's kiosks", auth: 'admin', params: p.idParamsSchema, answer: p.deviceListSchema },
  { method: 'POST', path: `${V1}/sites/:id/devices`, summary: 'Enrol a kiosk (answers its one-time code)', auth: 'admin', params: p.idParamsSchema, body: p.enrolDeviceSchema, answer: p.enrolDeviceResponseSchema },
  { method: 'POST', path: `${V1}/devices/:id/revoke`, summary: 'Revoke a kiosk', auth: 'admin', params: p.idParamsSchema, answer: p.deviceSchema },
  { method: 'GET', path: `${V1}/sites/:id/silent-after`, summary: "A site's silent-kiosk threshold", auth: 'admin', params: p.idParamsSchema, answer: p.siteSilentAfterSchema },
  { method: 'PUT', path: `${V1}/sites/:id/silent-after`, summary: "Set a site's silent-kiosk threshold", auth: 'admin', params: p.idParamsSchema, body: p.silentAfterSchema, answer: p.siteSilentAfterSchema },
  { method: 'GET', path: `${V1}/orgs/:id/silent-kiosks`, summary: "Kiosks of an organisation's subtree that stopped syncing", auth: 'admin', params: p.idParamsSchema, answer: p.silentKioskListSchema },
  // Rosters and passes
  {
    method: 'POST',
    path: `${V1}/sites/:id/roster`,
    summary: "Preview or apply a roster CSV (the file's bytes as the body)",
    auth: 'admin',
    params: p.idParamsSchema,
    query: [p.rosterImportQuerySchema],
    bodyIsFile: true,
    answer: p.rosterImportResultSchema,
  },
  { method: 'GET', path: `${V1}/sites/:id/roster`, summary: "A site's roster", auth: 'admin', params: p.idParamsSchema, answer: p.rosterListSchema },
  { method: 'POST', path: `${V1}/sites/:id/passes`, summary: 'Issue a signed visitor pass', auth: 'admin', params: p.idParamsSchema, body: p.issuePassRequestSchema, answer: p.issuedPassSchema },
  // Check-ins, tracing, reports
  { method: 'GET', path: `${V1}/checkins`, summary: 'Check-ins of a site in a period', auth: 'admin', query: [p.checkinsQuerySchema], answer: p.checkinListSchema },
  { method: 'POST', path: `${V1}/trace`, summary: "A visitor's visits and contacts (the subject in the body, never the URL)", auth: 'admin', body: p.traceQuerySchema, answer: p.traceResultSchema },
  { method: 'POST', path: `${V1}/trace.csv`, summary: 'A trace as CSV', auth: 'admin', body: p.traceCsvQuerySchema, answerType: 'text/csv' },
  { method: 'GET', path: `${V1}/reports/units`, summary: "The province's report per unit", auth: 'admin', query: [p.reportQuerySchema], answer: p.unitReportSchema },
  { method: 'GET', path: `${V1}/reports/units.csv`, summary: 'The unit report as CSV', auth: 'admin', query: [p.reportQuerySchema, p.exportLangQuerySchema], answerType: 'text/csv' },
  { method: 'GET', path: `${V1}/reports/daily`, summary: 'Scans per day', auth: 'admin', query: [p.dailyQuerySchema], answer: p.dailyScansSchema },
  { method: 'GET', path: `${V1}/reports/heatmap`, summary: "A site's scans per weekday and hour", auth: 'admin', query: [p.heatmapQuerySchema], answer: p.heatmapSchema },
  { method: 'GET', path: `${V1}/audit`, summary: 'The audit log, newest first', auth: 'admin', query: [p.auditQuerySchema], answer: p.auditListSchema },
  // Data requests
  { method: 'POST', path: `${V1}/subjects/find`, summary: 'Everything kept about a person', auth: 'admin', body: p.subjectRequestSchema, answer: p.subjectDataSchema },
  { method: 'POST', path: `${V1}/subjects/erase`, summary: 'Erase a person', auth: 'admin', body: p.subjectRequestSchema, answer: p.eraseResultSchema },
  { method: 'POST', path: `${V1}/subject-search`, summary: 'Find people by name', auth: 'admin', body: p.subjectSearchQuerySchema, answer: p.subjectSearchSchema },
  // Webhooks
  { method: 'GET', path: `${V1}/orgs/:id/webhooks`, summary: "An organisation's webhook endpoints", auth: 'admin', params: p.idParamsSchema, answer: p.webhookEndpointListSchema },
  {
    method: 'POST',
    path: `${V1}/orgs/:id/webhooks`,
    summary: 'Register a webhook endpoint (its signing secret is answered this once)',
    auth: 'admin',
    params: p.idParamsSchema,
    body: p.createWebhookSchema,
    answer: p.createdWebhookSchema,
  },
  { method: 'DELETE', path: `${V1}/webhooks/:id`, summary: 'Delete a webhook endpoint (its log stays)', auth: 'admin', params: p.webhookIdParamsSchema, answer: p.okAnswerSchema },
  // Watchlist (issue #16): subjects stored and sent to kiosks only as keyed hashes
  { method: 'GET', path: `${V1}/orgs/:id/watchlist`, summary: "An organisation's watchlist", auth: 'admin', params: p.idParamsSchema, answer: p.watchlistListSchema },
  { method: 'POST', path: `${V1}/orgs/:id/watchlist`, summary: 'Add a subject (ID number, pass, badge or phone) with a reason and an action', auth: 'admin', params: p.idParamsSchema, body: p.createWatchlistEntrySchema, answer: p.watchlistEntrySchema },
  { method: 'PATCH', path: `${V1}/watchlist/:id`, summary: "Change a watchlist entry's reason or action", auth: 'admin', params: p.idParamsSchema, body: p.updateWatchlistEntrySchema, answer: p.watchlistEntrySchema },
  { method: 'DELETE', path: `${V1}/watchlist/:id`, summary: 'Remove a watchlist entry', auth: 'admin', params: p.idParamsSchema, answer: p.removedIdAnswerSchema },
  {
    method: 'GET',
    path: `${V1}/webhooks/:id/deliveries`,
    summary: "An endpoint's deliveries, newest first",
    auth: 'admin',
    params: p.webhookIdParamsSchema,
    query: [p.webhookDeliveriesQuerySchema],
    answer: p.webhookDeliveryListSchema,
  },
  { method: 'POST', path: `${V1}/webhook-deliveries/:id/redeliver`, summary: 'Send a delivery again (same idempotency key)', auth: 'admin', params: p.webhookIdParamsSchema, answer: p.webhookDeliverySchema },
  // This document
  { method: 'GET', path: '/api/openapi.json', summary: 'This OpenAPI 3.1 document', auth: 'none', answerType: 'application/json' },
  { method: 'GET', path: '/api/docs', summary: 'This document as a page', auth: 'none', answerType: 'text/html' },
  { method: 'GET', path: '/api/docs.css', summary: "The page's stylesheet", auth: 'none', answerType: 'text/css' },
];
