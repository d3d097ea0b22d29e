import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { DOCS_CSP } from '../plugins/api-docs';
import { openApiPath } from './openapi-document';

type Json = Record<string, unknown>;

/** Every `$ref` value anywhere in a JSON value, with where it was found. */
function refsIn(value: unknown, at = '#', out: Array<{ ref: string; at: string }> = []): Array<{ ref: string; at: string }> {
  if (Array.isArray(value)) value.forEach((v, i) => refsIn(v, `${at}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
      else refsIn(v, `${at}/${k}`, out);
    }
  }
  return out;
}

/** Resolves a local JSON pointer (`#/a/b`) in `doc`, or undefined. */
function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('OpenAPI document', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const routes: Array<{ method: string; url: string }> = [];
  let doc: Json;

  beforeAll(async () => {
    t = await openTestDatabase('sqlite');
    const record = (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.push({ method: method.toLowerCase(), url: route.url });
    };
    app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false, webhookWorker: false, onRoute: record });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Json;
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('documents every registered API route with its method, and nothing that is not a route', () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    // HEAD routes are Fastify's automatic twins of GET routes.
    const api = routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'head');
    expect(api.length).toBeGreaterThan(40);
    const missing = api.filter((r) => !paths[openApiPath(r.url)]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.url}`);
    expect(missing).toEqual([]);
    const registered = new Set(api.map((r) => `${r.method} ${openApiPath(r.url)}`));
    const stale = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => !registered.has(`${m} ${path}`)).map((m) => `${m} ${path}`));
    expect(stale).toEqual([]);
  });

  it('is structurally valid OpenAPI 3.1: every $ref resolves, every operation answers, path parameters match, schemas compile', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const unresolved = refsIn(doc).filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    expect(unresolved).toEqual([]);

    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      expect(path.startsWith('/')).toBe(true);
      const ops = Object.entries(item).filter(([k]) => METHODS.includes(k));
      expect(ops.length, path).toBeGreaterThan(0);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of ops as Array<[string, Json]>) {
        const responses = op.responses as Record<string, Json> | undefined;
        expect(responses && Object.keys(responses).length, `${method} ${path}`).toBeTruthy();
        // Each says what success answers, not only errors.
        expect(Object.keys(responses!).some((s) => /^2/.test(s)), `${method} ${path} has no 2xx`).toBe(true);
        for (const [status, response] of Object.entries(responses!)) {
          expect(status).toMatch(/^([1-5](\d\d|XX)|default)$/);
          expect(typeof response.description === 'string' || typeof response.$ref === 'string', `${method} ${path} ${status}`).toBe(true);
        }
        const inPath = ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        expect(inPath.every((p) => p.required === true)).toBe(true);
        expect(operationIds.has(op.operationId as string), op.operationId as string).toBe(false);
        operationIds.add(op.operationId as string);
      }
    }

    // Every component is a JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) that a validator compiles, refs and all.
    const base = 'https://gatelog.invalid/components/schemas/';
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(schemas)) {
      ajv.addSchema({ ...(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}`)) as Json), $id: `${base}${name}` });
    }
    for (const name of Object.keys(schemas)) expect(typeof ajv.getSchema(`${base}${name}`), name).toBe('function');
  });

  it('describes what a route accepts with the same schema the route parses with', async () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    const bodyRef = (path: string, method: string) =>
      ((paths[path]![method]!.requestBody as { content: Record<string, { schema: Json }> }).content['application/json']!.schema.$ref as string).split('/').pop()!;
    expect(bodyRef('/api/v1/orgs/{id}/webhooks', 'post')).toBe('CreateWebhookInput');
    expect(bodyRef('/api/v1/sync/checkins', 'post')).toBe('PushRequestInput');
    // A body the document calls invalid (events outside the enum) is one the route refuses.
    expect((schemas.CreateWebhookInput!.properties as Json).events).toMatchObject({ items: { enum: ['checkin', 'refused', 'watchlist_hit'] } });
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile({ ...schemas.CreateWebhookInput, $defs: undefined });
    expect(validate({ url: 'https://hooks.example.vn/x', events: ['checkin'] })).toBe(true);
    expect(validate({ url: 'https://hooks.example.vn/x', events: ['everything'] })).toBe(false);
  });

  it('serves a readable page from our origin under a CSP that allows nothing else', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(page.body).not.toMatch(/<script|style=|https?:\/\/(?!gatelog)/i);
    for (const path of Object.keys(doc.paths as Json)) expect(page.body).toContain(`<code>${path.replace(/&/g, '&#38;')}</code>`);
    expect(page.body).toContain('id="schema-WebhookDeliveryBody"');
    const css = await app.inject({ method: 'GET', url: '/api/docs.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });
});
