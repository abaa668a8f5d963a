import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState } from 'preact/hooks';
import { en, zh, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';

export interface I18n {
  lang: Lang;
  /** A message with `{name}` placeholders filled. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** The label for the current language from a [zh, en] pair (or zh alone when there is no English). */
  pick(zhText: string | undefined, enText?: string): string;
  setLang(lang: Lang): void;
}

const Context = createContext<I18n | null>(null);
const KEY = 'govflow.lang';

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(() => {
    const table = lang === 'en' ? en : zh;
    return {
      lang,
      t: (key, vars) => table[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars?.[name] ?? '')),
      pick: (zhText, enText) => (lang === 'en' && enText ? enText : (zhText ?? enText ?? '')),
      setLang: (next) => {
        localStorage.setItem(KEY, next);
        document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
        setLangState(next);
      },
    };
  }, [lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
