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
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en'));
  return i18next;
}
