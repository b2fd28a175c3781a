// electron-vite build of the desktop app into out/:
//   out/main/main.js         the Electron main process (src-main/electron/main.ts)
//   out/main/core-worker.js  the core's utilityProcess entry (src-main/core/worker/entry.ts)
//   out/preload/preload.cjs  the window's preload: one CommonJS file, as a sandboxed preload must be
//   out/renderer/            the UI (src-renderer/index.html), served at app://shamay/
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
const at = (path: string) => resolve(root, path);

/** Native modules load from node_modules at run time; they are never bundled. */
const NATIVE = ['better-sqlite3', 'sharp'];

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // The dependencies of package.json stay external (loaded from node_modules), natives above all.
      externalizeDeps: true,
      rolldownOptions: {
        input: { main: at('src-main/electron/main.ts'), 'core-worker': at('src-main/core/worker/entry.ts') },
        external: NATIVE,
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload cannot require anything but 'electron': bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: at('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('src-renderer'),
    plugins: [
      react(),
      // electron-vite forces base './' for file:// pages. The UI is served from app://shamay/ (a real
      // origin), where absolute /assets/… URLs also work from a client route such as /valuations/1.
      { name: 'shamay:absolute-base', config: () => ({ base: '/' }) },
    ],
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: at('src-renderer/index.html') } },
    },
  },
});
