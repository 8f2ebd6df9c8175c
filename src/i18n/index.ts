import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import type { Language, Messages, Translate, MessageKey } from './messages.ts';

export type { Language, Translate, MessageKey } from './messages.ts';
export { LANGUAGES } from './messages.ts';

const catalogues: Record<Language, Messages> = { zh: zhCN, en };

/** BCP 47 tag for the `lang` attribute. */
export function languageTag(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

export function createTranslate(language: Language): Translate {
  const messages = catalogues[language];
  return ((key: MessageKey, parameters?: unknown) => {
    const message = messages[key] as string | ((value: unknown) => string);
    return typeof message === 'function' ? message(parameters) : message;
  }) as Translate;
}
