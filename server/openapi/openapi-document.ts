import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import * as protocol from '../../src/protocol';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_HEADERS } from '../../src/protocol/webhooks';
import { API_OPERATIONS, type ApiOperation } from './api-catalogue';

type Json = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';
/** Request schemas are described as clients send them (zod's input side), answers as the server sends them. */
const INPUT_SUFFIX = 'Input';

/** `siteLogQuerySchema` → `SiteLogQuery`: a protocol schema's component name is its exported name. */
const componentName = (exportName: string) => exportName.replace(/Schema$/, '').replace(/^./, (c) => c.toUpperCase());

/** Every schema exported by src/protocol, by its component name. */
function protocolSchemas(): Map<$ZodType, string> {
  const named = new Map<$ZodType, string>();
  for (const [key, value] of Object.entries(protocol)) {
    if (key.endsWith('Schema') && typeof value === 'object' && value !== null && '_zod' in value && !named.has(value as $ZodType)) {
      named.set(value as $ZodType, componentName(key));
    }
  }
  return named;
}

/** JSON Schemas of every protocol schema, as components: `Name` (answers) and `NameInput` (requests). */
function components(named: Map<$ZodType, string>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const io of ['output', 'input'] as const) {
    const suffix = io === 'input' ? INPUT_SUFFIX : '';
    const registry = z.registry<{ id: string }>();
    for (const [schema, name] of named) registry.add(schema, { id: `${name}${suffix}` });
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `${COMPONENT}${id}`, unrepresentable: 'any' });
    for (const [id, schema] of Object.entries(schemas)) {
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      out[id] = rest;
    }
  }
  return out;
}

const ref = (named: Map<$ZodType, string>, schema: $ZodType, io: 'input' | 'output'): Json => {
  const name = named.get(schema);
  if (name) return { $ref: `${COMPONENT}${name}${io === 'input' ? INPUT_SUFFIX : ''}` };
  const { $schema: _s, ...inline } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return inline;
};

/** `/sites/:id` → `/sites/{id}`. */
export const openApiPath = (fastifyPath: string) => fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The parameters of an object schema (path or query), one per property. */
function parameters(schema: $ZodType, where: 'path' | 'query'): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

const SECURITY: Record<ApiOperation['auth'], Json[] | undefined> = {
  admin: [{ adminBearer: [] }, { consoleSession: [] }],
  device: [{ kioskBearer: [] }],
  none: undefined,
};

function operation(op: ApiOperation, named: Map<$ZodType, string>): Json {
  const tag = op.path.startsWith('/api/v1/') ? op.path.split('/')[3]!.replace(/\..*$/, '') : 'docs';
  const params = [...(op.params ? parameters(op.params, 'path') : []), ...(op.query ?? []).flatMap((q) => parameters(q, 'query'))];
  const answer = op.answer
    ? { 'application/json': { schema: ref(named, op.answer, 'output') } }
    : { [op.answerType ?? 'application/json']: { schema: { type: 'string' } } };
  const security = SECURITY[op.auth];
  return {
    operationId: `${op.method.toLowerCase()}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: op.summary,
    tags: [tag],
    ...(security ? { security } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(named, op.body, 'input') } } } }
      : op.bodyIsFile
        ? { requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } } }
        : {}),
    responses: {
      '200': { description: 'OK', content: answer },
      ...(op.auth === 'none' && !op.body && !op.params && !op.query ? {} : { '4XX': { $ref: '#/components/responses/Error' } }),
      '5XX': { $ref: '#/components/responses/Error' },
    },
  };
}

/** What each webhook event type delivers, as OpenAPI 3.1 `webhooks`. */
function webhooks(named: Map<$ZodType, string>): Json {
  const header = (description: string) => ({ description, required: true, schema: { type: 'string' } });
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: `Delivery of \`${type}\` events (one write's events of this type; see README "API and webhooks")`,
          parameters: [
            { name: WEBHOOK_HEADERS.id, in: 'header', ...header('The idempotency key: the same on every retry and redelivery; equals the body\'s `id`.') },
            { name: WEBHOOK_HEADERS.timestamp, in: 'header', ...header('Unix time (seconds) of this attempt.') },
            { name: WEBHOOK_HEADERS.signature, in: 'header', ...header('`v1=` + hex HMAC-SHA256(secret, timestamp + "." + raw body).') },
            { name: WEBHOOK_HEADERS.event, in: 'header', ...header('The event type.') },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref(named, protocol.webhookDeliveryBodySchema, 'output') } } },
          responses: { '2XX': { description: 'Received. Anything else (or no answer within the timeout) is retried with backoff.' } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of the whole API, generated from the catalogue and the zod schemas of src/protocol. */
export function buildOpenApiDocument(version: string): Json {
  const named = protocolSchemas();
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of API_OPERATIONS) (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operation(op, named);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatelog API',
      version,
      description:
        'The API the kiosks, the console and the CLI use. Errors answer `{code, message, params}` (codes in src/protocol/errors.ts). ' +
        'Admins sign in with POST /api/v1/auth/login and send `Authorization: Bearer <token>`; kiosks send their device token the same way.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    paths,
    webhooks: webhooks(named),
    components: {
      schemas: components(named),
      responses: {
        Error: { description: 'An error with a stable code', content: { 'application/json': { schema: { $ref: `${COMPONENT}ErrorBody` } } } },
      },
      securitySchemes: {
        adminBearer: { type: 'http', scheme: 'bearer', description: 'An admin token from POST /api/v1/auth/login (12 hours).' },
        consoleSession: { type: 'apiKey', in: 'cookie', name: protocol.SESSION_COOKIE, description: "The console's session (same-origin requests only)." },
        kioskBearer: { type: 'http', scheme: 'bearer', description: "A kiosk's device token from POST /api/v1/enrol." },
      },
    },
  };
}
