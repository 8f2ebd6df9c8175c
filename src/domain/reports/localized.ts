// Text the reports core hands to people, in both languages the app speaks. Fault labels and error
// messages are domain data (like category names), so they live here rather than in src/i18n.

/** The same text in Chinese (zh-CN) and English. */
export interface LocalizedText {
  zh: string;
  en: string;
}
