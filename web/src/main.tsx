import '@fontsource-variable/noto-sans-sc';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createRouter } from './app/routes.js';
import { en } from './i18n/en.js';
import { languageFromSearch, setupI18n } from './i18n/index.js';
import { uiText } from './i18n/ui-text.js';
import { zh } from './i18n/zh.js';
import { fontFilesLoaded } from './theme/fonts.js';
import './styles.css';

/**
 * How long the first render waits for the font files of the UI's own texts. They are preloaded
 * (index.html) and usually in before the scripts have run; laid out before they are, the whole
 * page would be laid out and painted again as each comes in (theme/fonts.ts).
 */
const FIRST_RENDER_FONT_WAIT_MS = 400;

const language = languageFromSearch(window.location.search);
setupI18n(language);

void fontFilesLoaded(uiText(language === 'en' ? en : zh), FIRST_RENDER_FONT_WAIT_MS).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RouterProvider router={createRouter()} />
    </StrictMode>,
  ),
);
