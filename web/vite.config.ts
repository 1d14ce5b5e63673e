import { defineConfig } from 'vite';

// Built into <package>/dist/web, which the HTTP server serves at the webroot. `base: './'` keeps
// every asset URL relative, so the same build works at `/` and under any `--webroot`.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // One small bundle; nothing is fetched from anywhere but Mailnest itself.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
