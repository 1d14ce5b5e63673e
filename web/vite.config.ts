import { defineConfig } from 'vite';

/** Where `npx vite web` (the dev server with hot reload) finds a running Mailnest. */
const mailnest = process.env.MAILNEST_URL ?? 'http://127.0.0.1:8025';

// Built into <package>/dist/web, which the HTTP server serves at the webroot. `base: './'` keeps
// every asset URL relative, so the same build works at `/` and under any `--webroot`.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Nothing is fetched from anywhere but Mailnest itself; no inline data for the CSP to allow.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: {
    // The API refuses foreign origins (cross-site request defence); through the dev proxy the
    // browser's origin is Vite's, so the proxy presents the request as same-origin.
    proxy: Object.fromEntries(
      ['/api', '/view'].map((path) => [
        path,
        {
          target: mailnest,
          ws: path === '/api',
          changeOrigin: true,
          rewriteWsOrigin: true,
          configure: (proxy) => proxy.on('proxyReq', (request) => request.removeHeader('origin')),
        },
      ]),
    ),
  },
});
