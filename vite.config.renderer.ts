// Plain vite build of the renderer for the web shell (`vecwb serve` serves out/renderer-web). The Electron build
// (electron.vite.config.ts) builds the same sources; the transport is chosen at run time.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer-web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
