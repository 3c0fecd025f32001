import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a static bundle served from app://fieldbook/ (Electron) or by the preview
// server; relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // A desktop app loads its bundle from disk: one chunk is fine.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome130', chunkSizeWarningLimit: 2000 },
});
