import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';
import type { Language, Messages, TranslateFor } from './messages.ts';

export type { Language, Translate, MessageKey, CatalogueShape, TranslateFor } from './messages.ts';
export { LANGUAGES } from './messages.ts';

const catalogues: Record<Language, Messages> = { zh: zhCN, en };

/** BCP 47 tag for the `lang` attribute. */
export function languageTag(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

/** The translate function of any catalogue given in both languages. */
export function createCatalogueTranslate<Shape>(catalogue: Record<Language, Shape>, language: Language): TranslateFor<Shape> {
  const messages = catalogue[language];
  return ((key: keyof Shape, parameters?: unknown) => {
    const message = messages[key] as string | ((value: unknown) => string);
    return typeof message === 'function' ? message(parameters) : message;
  }) as TranslateFor<Shape>;
}

export function createTranslate(language: Language): TranslateFor<Messages> {
  return createCatalogueTranslate(catalogues, language);
}
