import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../config';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { DOCS_CSS, renderDocsPage } from '../openapi/docs-page';

/** The docs page needs one stylesheet from us and nothing else: no script, no inline style, no other origin. */
export const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** GET /api/openapi.json (OpenAPI 3.1, generated from src/protocol), /api/docs (a readable page) and its stylesheet. */
export async function apiDocsPlugin(app: FastifyInstance): Promise<void> {
  // Built on first request: it is the same for the whole life of the process.
  let doc: ReturnType<typeof buildOpenApiDocument> | undefined;
  let page: string | undefined;
  const document = () => (doc ??= buildOpenApiDocument(appVersion()));

  app.get('/api/openapi.json', async (_request, reply) => reply.header('Cache-Control', 'no-cache').send(document()));
  app.get('/api/docs', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', DOCS_CSP)
      .header('Cache-Control', 'no-cache')
      .send((page ??= renderDocsPage(document()))),
  );
  app.get('/api/docs.css', async (_request, reply) => reply.header('Content-Type', 'text/css; charset=utf-8').header('Cache-Control', 'no-cache').send(DOCS_CSS));
}
