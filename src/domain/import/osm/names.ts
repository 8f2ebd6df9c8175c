// Names and addresses of OpenStreetMap elements, sorted into the Chinese and English fields of the
// data contract by script: a name goes to name_zh only when it has Han characters, so a French
// street name never lands in the Chinese field and a Taipei name without name:zh still does.
import type { OsmTags } from './elements.ts';
import { TAG_MAPPING } from './tag-mapping.ts';

const HAN = /\p{Script=Han}/u;
// Kana or Hangul beside Han characters mean Japanese or Korean text, not Chinese.
const NOT_CHINESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function isChineseText(text: string): boolean {
  return HAN.test(text) && !NOT_CHINESE.test(text);
}

export interface ElementNames {
  nameZh: string | null;
  nameEn: string | null;
}

function present(tags: OsmTags, key: string): string | null {
  const value = tags[key]?.trim();
  return value === undefined || value === '' ? null : value;
}

export function elementNames(tags: OsmTags): ElementNames {
  const nameZh = TAG_MAPPING.name.keys.map((key) => present(tags, key)).find((value) => value !== null && isChineseText(value)) ?? null;
  const english = present(tags, 'name:en');
  const local = present(tags, 'name');
  const nameEn = english ?? (local !== null && !HAN.test(local) ? local : null);
  return { nameZh, nameEn };
}

export interface ElementAddress {
  addressZh: string | null;
  addressEn: string | null;
}

export function elementAddress(tags: OsmTags): ElementAddress {
  const full = present(tags, 'addr:full');
  if (full !== null) return isChineseText(full) ? { addressZh: full, addressEn: null } : { addressZh: null, addressEn: full };
  const street = present(tags, 'addr:street');
  if (street === null) return { addressZh: null, addressEn: null };
  const number = present(tags, 'addr:housenumber');
  if (isChineseText(street)) return { addressZh: number === null ? street : `${street}${number.endsWith('号') ? number : `${number}号`}`, addressEn: null };
  return { addressZh: null, addressEn: number === null ? street : `${number} ${street}` };
}
