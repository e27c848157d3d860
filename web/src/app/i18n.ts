import { LANGS, type Lang } from '@hexie/core';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import enUS from '../locales/en-US';
import zhCN from '../locales/zh-CN';

dayjs.extend(utc);
dayjs.extend(timezone);

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

const STORAGE_KEY = 'hexie.lang';

function storedLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // Storage may be blocked (private mode, policy): Chinese is the default anyway.
  }
  return 'zh-CN';
}

/** Everything that follows the UI language: i18next, dayjs, the API's Accept-Language and <html lang>. */
function applyLang(lang: Lang) {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  setApiLanguage(lang);
  document.documentElement.lang = lang;
}

const initial = storedLang();
applyLang(initial);
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGS],
  interpolation: { escapeValue: false },
  initAsync: false,
});

export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this tab
  }
  applyLang(lang);
  await i18n.changeLanguage(lang);
}

/** The current UI language, typed, and re-rendering on change. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return (instance.resolvedLanguage ?? instance.language) === 'en-US' ? 'en-US' : 'zh-CN';
}

export { i18n };
