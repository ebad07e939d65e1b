import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.MENTORBRIDGE_API ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/dist`,
    emptyOutDir: true,
    // Keep every asset in its own file: the server's CSP allows no inline scripts or styles.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries in their own files: they change less often than the app, so browsers keep them cached.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: apiTarget,
        // The API checks Origin (CSRF defence); in development the page comes from Vite's port, so present the
        // API's own origin. Production serves the SPA from the API's origin and needs no rewrite.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq) => {
            if (proxyReq.getHeader('origin')) proxyReq.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
});
