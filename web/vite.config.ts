import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The C++ server serves dist/ with a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'; ...): the build must not emit inline
// scripts or styles. scripts/check-dist.mjs verifies that after every build.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        changeOrigin: false,
        ws: true,
      },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // No inline polyfill code; all supported browsers have modulepreload.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URIs into JS/CSS; keep files hashed under assets/.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Typing through user-event in jsdom is slow on a loaded 2-core CI machine.
    testTimeout: 20_000,
    unstubGlobals: true,
  },
});
