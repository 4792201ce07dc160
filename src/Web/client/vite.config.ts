import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One HTML entry per page; the server maps /station/{id}, /wall/{id} and /manage onto them.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        station: resolve(import.meta.dirname, 'station.html'),
        wall: resolve(import.meta.dirname, 'wall.html'),
        manage: resolve(import.meta.dirname, 'manage.html'),
        admin: resolve(import.meta.dirname, 'admin.html'),
        find: resolve(import.meta.dirname, 'find.html'),
        rate: resolve(import.meta.dirname, 'rate.html'),
        notfound: resolve(import.meta.dirname, 'notfound.html'),
      },
    },
  },
});
