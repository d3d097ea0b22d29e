import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
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
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        rollupFormat: 'es',
      },
      devOptions: { enabled: false },
    }),
  ],
});
