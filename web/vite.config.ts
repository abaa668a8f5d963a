import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the workbench into web/dist (served by the API at `/`). JSX goes through esbuild's own
 * Preact transform; no CDN, no inline script (the API's CSP allows only its own files).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: {
    // The domain's working-day counting runs in the page too; its lunar calendar stays on the server.
    alias: [{ find: /^\.\/statutory-holidays$/, replacement: fileURLToPath(new URL('./src/format/served-statutory-holidays.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The polyfill would be an inline script; every browser a government office runs has modulepreload or does fine without.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: {
      // zod's comments placed where Rollup cannot read them: harmless, and noise in every npm install.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
