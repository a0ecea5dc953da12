import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the API server from dist/web; in development `vite` proxies /api to it.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 300 },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
