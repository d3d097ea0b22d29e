import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { adminEn } from './admin-en';
import { adminVi, type AdminMessageKey, type AdminMessages } from './admin-vi';
import type { Lang } from './index';

export const ADMIN_MESSAGES: Record<Lang, AdminMessages> = { vi: adminVi, en: adminEn };
export type { AdminMessageKey };
export type AdminTranslate = (key: AdminMessageKey) => string;

/** The console's message lookup for a language. */
export function adminTranslator(lang: Lang): AdminTranslate {
  const messages = ADMIN_MESSAGES[lang];
  return (key) => messages[key];
}

export const AdminLangContext = createContext<{ lang: Lang; t: AdminTranslate; setLang: (lang: Lang) => void }>({
  lang: 'vi',
  t: adminTranslator('vi'),
  setLang: () => undefined,
});

/** The console's current translator. */
export function useAdminT(): AdminTranslate {
  return useContext(AdminLangContext).t;
}

/** The console's current language and its switch. */
export function useAdminLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useContext(AdminLangContext);
  return { lang, setLang };
}
