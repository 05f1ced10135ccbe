import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: {
    // `npm run dev`: the web app on :5173 talks to the API on :4000.
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/healthz': 'http://localhost:4000',
      '/feeds': 'http://localhost:4000',
      '/basemap': 'http://localhost:4000',
    },
  },
});
