// Builds the renderer for the browser host (out/renderer). The Electron build uses electron.vite.config.ts
// with the same root; both produce the same static files.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, target: 'es2023' },
});
