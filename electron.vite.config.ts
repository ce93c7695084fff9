// Electron build (electron-vite): main process + run worker, sandboxed preload (CommonJS, the only format a
// sandboxed preload loads), and the renderer (the same sources as the web shell's vite.config.renderer.ts).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // Runs execute in worker threads; the worker is its own entry so main.ts can start it by path.
          'run-worker': resolve(__dirname, 'src-main/engine/run-worker.ts'),
          // A learner's agent groups run in worker threads of their own (src-main/rl/workers), found next to it.
          'agent-worker': resolve(__dirname, 'src-main/rl/workers/agent-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundle zod and the contract into the preload: a sandboxed preload cannot require packages.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [vue()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 2500,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
