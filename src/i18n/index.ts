import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { vi, type MessageKey, type Messages } from './vi';

export type Lang = 'vi' | 'en';
export type { MessageKey };

export type Translate = (key: MessageKey) => string;

/** Vietnamese is built in; English is a lazy chunk, loaded when chosen (issue #11: the kiosk's first load). */
const loaded: Partial<Record<Lang, Messages>> = { vi };

/** Whether a language's messages are here (otherwise `translator` falls back to Vietnamese until they load). */
export function hasMessages(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Loads a language's messages (from the service worker's cache once installed). */
export async function loadMessages(lang: Lang): Promise<void> {
  if (lang === 'en' && !loaded.en) loaded.en = (await import('./en')).en;
}

/** Message lookup for a language; components get it from context and never hold strings themselves. */
export function translator(lang: Lang): Translate {
  const messages = loaded[lang] ?? vi;
  return (key) => messages[key];
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'vi', t: translator('vi') });

/** The current translator. */
export function useT(): Translate {
  return useContext(LangContext).t;
}
