import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../src/protocol/console';

/** The page's only style, allowed by its hash: no script runs on this page at all. */
const STYLE = `
:root { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #10201a; background: #f4f7f5; }
body { margin: 0; }
main { max-width: 480px; margin: 0 auto; padding: 24px 18px 32px; }
.kicker { margin: 0; color: #0b6e4f; font-weight: 600; letter-spacing: .02em; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 6px 0 16px; overflow-wrap: anywhere; }
p { font-size: 1.1rem; line-height: 1.5; }
.button { display: flex; align-items: center; justify-content: center; min-height: 52px; margin: 20px 0; border-radius: 10px;
  background: #0b6e4f; color: #fff; font-size: 1.15rem; font-weight: 600; text-decoration: none; }
.en { border-top: 1px solid #c9d6d0; margin-top: 28px; padding-top: 8px; color: #3d4f48; }
.en p { font-size: 1rem; }
`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Nothing but this page's own style and icon; no script, no form, no framing. */
export const SITE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The site's name is admin input: escaped for text and attribute positions alike. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b6e4f">
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** What a visitor's phone shows after scanning a site's poster: where they are, what the code is for, a pass. */
export function sitePageHtml(siteName: string): string {
  const name = escapeHtml(siteName);
  return page(
    `${name} — Gatelog`,
    `<p class="kicker">Mã QR địa điểm</p>
<h1 data-testid="site-name">${name}</h1>
<p>Đây là mã của địa điểm, không phải mã của bạn. Khi vào và ra, hãy đưa CCCD gắn chip hoặc phiếu khách cho nhân viên quét tại máy kiosk.</p>
<p>Chưa có CCCD gắn chip? Tạo phiếu khách ngay trên điện thoại này:</p>
<a class="button" href="/pass" data-testid="make-pass">Tạo phiếu khách</a>
<section class="en" lang="en">
<p>This is the location code of <strong>${name}</strong>, not yours. When entering and leaving, show your chip ID card or a visitor pass to be scanned at the kiosk.</p>
<p><a href="/pass">Make a visitor pass on this phone</a></p>
</section>`,
  );
}

const NOT_FOUND_HTML = page(
  'Gatelog',
  `<h1>Mã QR địa điểm không hợp lệ</h1>
<p>Mã này không thuộc địa điểm nào. Hãy hỏi nhân viên tại cổng.</p>
<section class="en" lang="en"><p>Unknown location code. Please ask the staff at the gate.</p></section>`,
);

/**
 * GET /s/:id — where a site's location poster QR code points (`siteQrUrl`). A visitor's phone that scans the
 * poster gets a small mobile page: the site's name (escaped), what the code is for, and a button to make a pass.
 */
export async function siteLinkPlugin(app: FastifyInstance): Promise<void> {
  // Public and unauthenticated: rate-limited like 404s, so ids cannot be probed quickly.
  app.get('/s/:id', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const parsed = idParamsSchema.safeParse(request.params);
    const site = parsed.success ? await app.repos.sites.get(parsed.data.id) : undefined;
    reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', SITE_PAGE_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-cache');
    if (!site) return reply.status(404).send(NOT_FOUND_HTML);
    return sitePageHtml(site.name);
  });
}
