import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { zh } from './web/src/i18n/zh.js';
import { fontPreloadPlugin } from './web/vite-plugins/font-preload.js';
import { uiText } from './web/src/i18n/ui-text.js';
import { precompressPlugin } from './web/vite-plugins/precompress.js';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // The font files of the app's own Chinese texts, asked for at once (see the plugin).
    fontPreloadPlugin({ fontCss: require.resolve('@fontsource-variable/noto-sans-sc'), text: uiText(zh) }),
    precompressPlugin(),
  ],
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
