import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer, built the same for Electron (loaded through the station:// protocol) and for browser
// mode (served by the loopback web host). electron.vite.config.ts reuses this.
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
  },
};

export default defineConfig(rendererConfig);
