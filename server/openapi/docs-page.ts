type Json = Record<string, unknown>;

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Pretty JSON, escaped, with every component `$ref` turned into a link to that schema on the page. */
function schemaHtml(schema: unknown): string {
  return esc(JSON.stringify(schema, null, 2)).replace(/&#34;#\/components\/schemas\/([A-Za-z0-9]+)&#34;/g, (_m, name: string) => `<a href="#schema-${name}">${name}</a>`);
}

/** A schema as a link when it is a component, else inline. */
function schemaRef(schema: Json | undefined): string {
  if (!schema) return '';
  const name = typeof schema.$ref === 'string' ? /([A-Za-z0-9]+)$/.exec(schema.$ref)?.[1] : undefined;
  return name ? `<a href="#schema-${name}">${name}</a>` : `<pre>${schemaHtml(schema)}</pre>`;
}

function bodyOf(content: Record<string, { schema?: Json }> | undefined): string {
  if (!content) return '';
  return Object.entries(content)
    .map(([type, c]) => `<code>${esc(type)}</code> ${type === 'application/json' ? schemaRef(c.schema) : ''}`)
    .join('<br>');
}

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = (op.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content;
  const ok = ((op.responses as Record<string, { content?: Record<string, { schema?: Json }> }>)['200'] ?? (op.responses as Record<string, Json>)['2XX']) as
    | { content?: Record<string, { schema?: Json }>; description?: string }
    | undefined;
  const security = (op.security as Json[] | undefined) ?? [];
  const auth = security.length ? security.map((s) => Object.keys(s).join(', ')).join(' or ') : 'none';
  return `<section class="op" id="${esc(String(op.operationId ?? `${method}-${path}`))}">
<h3><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(String(op.summary ?? ''))}</p>
<dl>
<dt>Auth</dt><dd>${esc(auth)}</dd>
${params.length ? `<dt>Parameters</dt><dd><table><thead><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${params
    .map((p) => `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${schemaHtml(p.schema)}</code></td></tr>`)
    .join('')}</tbody></table></dd>` : ''}
${body ? `<dt>Body</dt><dd>${bodyOf(body)}</dd>` : ''}
<dt>Answer</dt><dd>${ok?.content ? bodyOf(ok.content) : esc(ok?.description ?? '')}</dd>
</dl>
</section>`;
}

/**
 * The OpenAPI document as one readable page, rendered on the server: no script, no CDN, one stylesheet from our
 * origin (the page runs under a CSP allowing nothing else). Every text is escaped.
 */
export function renderDocsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0]!;
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(operationHtml(method, path, op));
    }
  }
  const hooks = Object.entries((doc.webhooks ?? {}) as Record<string, { post: Json }>).map(([name, item]) => operationHtml('post', `webhook: ${name}`, item.post));
  const schemas = Object.entries((doc.components as { schemas: Record<string, unknown> }).schemas)
    .map(([name, schema]) => `<section class="schema" id="schema-${esc(name)}"><h3>${esc(name)}</h3><pre>${schemaHtml(schema)}</pre></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<link rel="stylesheet" href="/api/docs.css">
</head>
<body>
<header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.description)}</p>
<p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Webhooks: see the README, “API and webhooks”.</p>
<nav>${[...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' · ')} · <a href="#webhooks">webhooks</a> · <a href="#schemas">schemas</a></nav>
</header>
<main>
${[...byTag].map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>\n${ops.join('\n')}`).join('\n')}
<h2 id="webhooks">webhooks</h2>
${hooks.join('\n')}
<h2 id="schemas">schemas</h2>
${schemas}
</main>
</body>
</html>
`;
}

/** The page's only stylesheet. */
export const DOCS_CSS = `:root { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1b2421; background: #f6f8f7; }
body { margin: 0 auto; max-width: 1100px; padding: 16px; }
h1 small { font-weight: normal; color: #5d6b66; font-size: 1rem; }
h2 { margin-top: 32px; border-bottom: 2px solid #0b6e4f; text-transform: capitalize; }
a { color: #0b6e4f; }
nav { display: flex; flex-wrap: wrap; gap: 6px; }
.op, .schema { background: #fff; border: 1px solid #d5ddda; border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
.op h3, .schema h3 { margin: 4px 0; font-size: 1rem; }
.method { display: inline-block; min-width: 4.5em; text-align: center; border-radius: 4px; color: #fff; background: #5d6b66; font-size: 0.85rem; padding: 2px 6px; }
.m-get { background: #0b6e4f; } .m-post { background: #1f5fa8; } .m-patch, .m-put { background: #8a5a00; } .m-delete { background: #a4262c; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 6px 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9rem; }
td, th { border-bottom: 1px solid #d5ddda; padding: 3px 8px; text-align: left; vertical-align: top; }
pre { margin: 4px 0; font-size: 0.8rem; white-space: pre-wrap; word-break: break-word; }
`;
