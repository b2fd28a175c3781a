import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { he } from './he.ts';

export type Language = 'he' | 'en';

void i18next.use(initReactI18next).init({
  resources: { he: { translation: he }, en: { translation: en } },
  lng: 'he',
  fallbackLng: 'he',
  interpolation: { escapeValue: false }, // React escapes
});

/** Switches language and text direction together (Hebrew is right-to-left). */
export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'he' ? 'rtl' : 'ltr';
}

export { i18next };
