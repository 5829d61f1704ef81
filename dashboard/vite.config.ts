import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// The bundle lands in the module's classes, so Maven packs it into tasker-dashboard.jar under tasker-ui/.
export default defineConfig({
  root: fileURLToPath(new URL('./src/main/ui', import.meta.url)),
  base: '/ui/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('./target/classes/tasker-ui', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
