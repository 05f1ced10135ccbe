/** i18next set up for the web app: Chinese by default, English on request (?lang=en or the switch). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { zh } from './zh.js';

export type Language = 'zh' | 'en';

/** The language asked for in the URL, or Chinese. */
export function languageFromSearch(search: string): Language {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' ? 'en' : 'zh';
}

export function setupI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources: { zh: { translation: zh }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh',
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  // The page's language and title follow the texts (index.html's are the Chinese default's).
  const mark = (lng: string) => {
    document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
    document.title = i18next.t('app.title');
  };
  mark(language);
  i18next.on('languageChanged', mark);
  return i18next;
}
