import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/** A GET of the API: answered from the network, from the last answer when offline. */
const apiRead = ({ url, request }: { url: URL; request: Request }) =>
  request.method === 'GET' &&
  url.pathname.startsWith('/api/v1/') &&
  !url.pathname.startsWith('/api/v1/auth/');

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    VitePWA({
      // Registered by the app itself once the first page is shown (src/app/service-worker.ts).
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Proxima',
        short_name: 'Proxima',
        description: 'Pledges, deliveries and statements of a producer–consumer partnership',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fbfaf5',
        theme_color: '#2f5d3a',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/docs/],
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        globIgnores: ['**/*.{br,gz}'],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: apiRead,
            handler: 'NetworkFirst',
            options: {
              cacheName: 'proxima-api',
              networkTimeoutSeconds: 8,
              expiration: { maxEntries: 300 },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
