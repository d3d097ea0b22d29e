import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/** Text and wasm worth compressing; images are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|wasm|webmanifest|svg|json)$/;

/**
 * Writes `.br` and `.gz` beside every compressible file in dist/ once everything (service worker included) is
 * built, so the server sends them as they are (@fastify/static `preCompressed`, issue #11): no CPU per request,
 * and brotli at its best level, which is too slow to run on the fly.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'gatelog-precompress',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of walk('dist')) {
          if (!COMPRESSIBLE.test(file)) continue;
          const raw = readFileSync(file);
          if (raw.length < 512) continue;
          writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
          writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // The decoder's progress bar measures the .wasm against its raw size (src/scan/worker/wasm-download.ts).
    __DECODER_WASM_BYTES__: String(statSync(fileURLToPath(import.meta.resolve('zxing-wasm/reader/zxing_reader.wasm'))).size),
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Entries: the kiosk at /, the admin console at /admin/ (#5), the visitor-pass page at /pass (#6).
    rolldownOptions: { input: { main: 'index.html', admin: 'admin.html', pass: 'pass.html' } },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      includeManifestIcons: false, // the browser fetches install icons itself; the kiosk never shows them
      injectRegister: false, // registered by src/kiosk/sw-bridge.ts through workbox-window
      manifest: {
        name: 'Gatelog',
        short_name: 'Gatelog',
        description: 'Ghi khách ra vào bằng mã QR — Visitor log by QR code',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'fullscreen',
        display_override: ['fullscreen', 'standalone'],
        orientation: 'any',
        theme_color: '#0b6e4f',
        background_color: '#0b1b16',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,webmanifest}'],
        // Only what the kiosk runs (issue #11): not the admin console, not the zxing-js fallback decoder (450 KB,
        // for browsers without WebAssembly), not the icons (the browser fetches those itself when installing).
        globIgnores: ['admin.html', 'assets/admin-*', 'assets/zxing-js-decoder-*', 'icons/**'],
        // Hashed files are fetched with the HTTP cache (immutable), so installing does not download again
        // what the page has just loaded over a slow link.
        dontCacheBustURLsMatching: /^assets\//,
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
});
