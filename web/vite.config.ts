import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const racine = fileURLToPath(new URL('.', import.meta.url));
const partage = fileURLToPath(new URL('../shared/', import.meta.url));

/** The SPA is served by the same origin as the API (`/api`); in `vite dev` the API is proxied to the local runtime. */
export default defineConfig({
  root: racine,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^#shared\/(.*)$/, replacement: `${partage}$1.ts` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the public bundle: they would publish the whole source (the gateway and the web stack also
    // refuse to serve or upload any *.map, should one appear).
    sourcemap: false,
  },
  server: {
    proxy: { '/api': { target: process.env.GUICHET_API ?? 'http://127.0.0.1:3100', changeOrigin: true } },
  },
});
