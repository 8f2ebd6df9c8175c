// The words people use for each kind of thing the search finds: one table, in Chinese (with the
// pinyin of each word, written once here because the browser carries no pinyin library; the test
// scripts/search-data.test.ts recomputes it with pinyin-pro so it cannot drift) and in English.
import type { FacilityCategory, PlaceKind } from '../facilities/model.ts';
import { allowedTypos, editDistanceWithin, hanKey, latinWords, pinyinInitials } from './normalize.ts';

export type SearchCategory = FacilityCategory | PlaceKind;

export interface ChineseCategoryWord {
  text: string;
  /** Toneless pinyin, one syllable per character, separated by spaces; ü written v. */
  pinyin: string;
}

export interface CategoryWords {
  category: SearchCategory;
  chinese: readonly ChineseCategoryWord[];
  /** Words and phrases, lower case. */
  english: readonly string[];
}

export const CATEGORY_WORDS: readonly CategoryWords[] = [
  {
    category: 'toilet',
    chinese: [
      { text: '无障碍卫生间', pinyin: 'wu zhang ai wei sheng jian' },
      { text: '无障碍厕所', pinyin: 'wu zhang ai ce suo' },
      { text: '第三卫生间', pinyin: 'di san wei sheng jian' },
      { text: '卫生间', pinyin: 'wei sheng jian' },
      { text: '洗手间', pinyin: 'xi shou jian' },
      { text: '厕所', pinyin: 'ce suo' },
    ],
    english: ['accessible toilet', 'toilet', 'restroom', 'wc', 'washroom', 'lavatory'],
  },
  {
    category: 'elevator',
    chinese: [
      { text: '无障碍电梯', pinyin: 'wu zhang ai dian ti' },
      { text: '电梯', pinyin: 'dian ti' },
      { text: '直梯', pinyin: 'zhi ti' },
      { text: '升降平台', pinyin: 'sheng jiang ping tai' },
      { text: '升降机', pinyin: 'sheng jiang ji' },
    ],
    english: ['elevator', 'lift', 'platform lift', 'accessible elevator'],
  },
  {
    category: 'ramp',
    chinese: [
      { text: '缘石坡道', pinyin: 'yuan shi po dao' },
      { text: '轮椅坡道', pinyin: 'lun yi po dao' },
      { text: '无障碍坡道', pinyin: 'wu zhang ai po dao' },
      { text: '坡道', pinyin: 'po dao' },
    ],
    english: ['ramp', 'kerb ramp', 'curb ramp', 'wheelchair ramp', 'dropped kerb'],
  },
  {
    category: 'tactile_paving',
    chinese: [
      { text: '提示盲道', pinyin: 'ti shi mang dao' },
      { text: '行进盲道', pinyin: 'xing jin mang dao' },
      { text: '盲道', pinyin: 'mang dao' },
    ],
    english: ['tactile paving', 'tactile', 'warning strip', 'guiding strip'],
  },
  {
    category: 'metro_station',
    chinese: [
      { text: '地铁站', pinyin: 'di tie zhan' },
      { text: '地铁', pinyin: 'di tie' },
    ],
    english: ['metro station', 'metro', 'subway', 'station'],
  },
  {
    category: 'metro_exit',
    chinese: [
      { text: '出入口', pinyin: 'chu ru kou' },
      { text: '出口', pinyin: 'chu kou' },
    ],
    english: ['exit', 'metro exit', 'entrance'],
  },
  { category: 'park', chinese: [{ text: '公园', pinyin: 'gong yuan' }], english: ['park'] },
  { category: 'hospital', chinese: [{ text: '医院', pinyin: 'yi yuan' }], english: ['hospital'] },
  {
    category: 'mall',
    chinese: [
      { text: '商场', pinyin: 'shang chang' },
      { text: '购物中心', pinyin: 'gou wu zhong xin' },
    ],
    english: ['mall', 'shopping mall', 'shopping centre', 'shopping center'],
  },
];

/**
 * Words of the English phrases that say nothing about the category on their own: "accessible"
 * names toilets, lifts and ramps alike; "centre" and "wheelchair" occur in names of other things.
 */
const UNSPECIFIC_ENGLISH_WORDS = new Set(['accessible', 'centre', 'center', 'wheelchair', 'platform', 'dropped', 'shopping']);

/** The folded forms of one category's words that a query is compared with. */
export interface CategoryForms {
  category: SearchCategory;
  /** Chinese words as Han keys, longest first. */
  han: readonly string[];
  /** Pinyin of the Chinese words, syllables joined: "weishengjian". */
  pinyin: readonly string[];
  /** Pinyin initials of the Chinese words of three or more characters ("wsj"); two letters match too much. */
  initials: readonly string[];
  /** Whole English phrases, folded, words joined by one space. */
  phrases: readonly string[];
  /** Single English words that name the category on their own. */
  words: readonly string[];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export const CATEGORY_FORMS: readonly CategoryForms[] = CATEGORY_WORDS.map((entry) => ({
  category: entry.category,
  han: unique(entry.chinese.map((word) => hanKey(word.text))).sort((first, second) => second.length - first.length || (first < second ? -1 : 1)),
  pinyin: unique(entry.chinese.map((word) => word.pinyin.replace(/ /g, ''))),
  initials: unique(entry.chinese.filter((word) => [...word.text].length >= 3).map((word) => pinyinInitials(word.pinyin))),
  phrases: unique(entry.english.map((phrase) => latinWords(phrase).join(' '))),
  words: unique(entry.english.flatMap((phrase) => latinWords(phrase)).filter((word) => !UNSPECIFIC_ENGLISH_WORDS.has(word))),
}));

/**
 * The categories a whole query names and nothing else: "toilet", "无障碍厕所", "cesuo", "ce suo",
 * "Accessible Toilet", "ＷＣ", "wzawsj", and typos of one word of five letters or more within
 * allowedTypos ("toliet"; a four-letter word one edit from "park" or "lift" is more often a name
 * than a typo). Empty when the query is anything more than a category word; then it is searched
 * as text.
 */
export function categoriesNamedBy(query: string): SearchCategory[] {
  const words = latinWords(query);
  const phrase = words.join(' ');
  const compact = words.join('');
  if (compact === '') return [];
  const exact = CATEGORY_FORMS.filter((forms) =>
    forms.han.includes(compact) || forms.pinyin.includes(compact) || forms.initials.includes(compact) ||
    forms.phrases.includes(phrase) || forms.phrases.some((candidate) => candidate.replace(/ /g, '') === compact),
  );
  if (exact.length > 0 || words.length > 1 || compact.length < 5 || !/^[a-z]+$/.test(compact)) return exact.map((forms) => forms.category);
  const typos = allowedTypos(compact.length);
  return CATEGORY_FORMS.filter((forms) =>
    [...forms.words, ...forms.pinyin].some((word) => editDistanceWithin(compact, word, typos) <= typos),
  ).map((forms) => forms.category);
}
