import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { vi, type MessageKey, type Messages } from './vi';

export type Lang = 'vi' | 'en';
export const MESSAGES: Record<Lang, Messages> = { vi, en };
export type { MessageKey };

export type Translate = (key: MessageKey) => string;

/** Message lookup for a language; components get it from context and never hold strings themselves. */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  return (key) => messages[key];
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'vi', t: translator('vi') });

/** The current translator. */
export function useT(): Translate {
  return useContext(LangContext).t;
}
