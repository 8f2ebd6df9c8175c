// Pinyin on the query side. The documents' pinyin is computed when the data is built
// (scripts/search-data.ts, with pinyin-pro); the browser never loads a pinyin library. What the
// query side needs is only the closed set of Mandarin syllables, to tell whether "nanjingdonglu"
// is pinyin and to mend a typing error in it ("weishengjain" → "weishengjian").
import { editDistanceWithin, foldText } from './normalize.ts';

/**
 * Every toneless Mandarin syllable that pinyin-pro gives for a character of the CJK Unified
 * Ideographs block (U+4E00–U+9FFF), ü written v; the vowel-less interjections m, n, ng, hm, hng
 * are left out, because with them almost any string of letters would segment. Checked against
 * pinyin-pro by scripts/search-data.test.ts, so it cannot drift.
 */
export const PINYIN_SYLLABLES: readonly string[] = `
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao
ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui
chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die
ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan
gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen
heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju
juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai
lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne
nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang
pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu
qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se
sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun
shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou
tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu
xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze
zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang
zhui zhun zhuo zi zong zou zu zuan zui zun zuo
`.trim().split(/\s+/);

const SYLLABLES = new Set(PINYIN_SYLLABLES);
const LONGEST_SYLLABLE = Math.max(...PINYIN_SYLLABLES.map((syllable) => syllable.length));

/**
 * Whether `letters` is whole pinyin syllables written together, the last possibly still being
 * typed: "nanjingdonglu", "weishengj" yes; "toilet" no (no syllable "t").
 */
export function isPinyin(letters: string): boolean {
  const reachable = new Array<boolean>(letters.length + 1).fill(false);
  reachable[0] = true;
  for (let start = 0; start < letters.length; start += 1) {
    if (!reachable[start]) continue;
    const rest = letters.slice(start);
    if (rest.length < LONGEST_SYLLABLE && PINYIN_SYLLABLES.some((syllable) => syllable.length > rest.length && syllable.startsWith(rest))) return true;
    for (let length = 1; length <= LONGEST_SYLLABLE && start + length <= letters.length; length += 1) {
      if (SYLLABLES.has(letters.slice(start, start + length))) reachable[start + length] = true;
    }
  }
  return reachable[letters.length] ?? false;
}

interface Segmentation { edits: number; syllableCount: number; text: string }

function compareSegmentations(first: Segmentation, second: Segmentation): number {
  return first.edits - second.edits || first.syllableCount - second.syllableCount || (first.text < second.text ? -1 : first.text > second.text ? 1 : 0);
}

/** How many of the best partial readings are kept at each position of the word. */
const READINGS_KEPT = 6;

/**
 * The nearest runs of pinyin syllables to `letters` within `maxEdits` typing errors (at most one
 * per syllable), as many as are equally near, since only the documents can tell which was meant:
 * "weishengjain" → "weishengjian", "weishengjin". Fewest edits first, then those keeping the most
 * typed letters, then alphabetical; at most `limit`. Empty when there is none or `letters` needs
 * no mending.
 */
export function correctPinyin(letters: string, maxEdits: number, limit = 4): string[] {
  if (maxEdits <= 0 || isPinyin(letters)) return [];
  const readings: Segmentation[][] = Array.from({ length: letters.length + 1 }, () => []);
  readings[0] = [{ edits: 0, syllableCount: 0, text: '' }];
  const keep = (end: number, candidate: Segmentation): void => {
    const list = readings[end] as Segmentation[];
    if (list.some((reading) => reading.text === candidate.text && reading.edits <= candidate.edits)) return;
    list.push(candidate);
    list.sort(compareSegmentations);
    if (list.length > READINGS_KEPT) list.pop();
  };
  for (let start = 0; start < letters.length; start += 1) {
    const from = readings[start] as Segmentation[];
    if (from.length === 0) continue;
    // The syllables that can follow here, and at what cost, are the same for every reading.
    const steps: { end: number; syllable: string; edits: number }[] = [];
    const first = letters[start];
    const second = letters[start + 1];
    for (const syllable of PINYIN_SYLLABLES) {
      if (letters.startsWith(syllable, start)) steps.push({ end: start + syllable.length, syllable, edits: 0 });
      // One edit leaves the first letter in place unless it touches it, and then the second
      // letter of one is the first of the other, or the rest is the same.
      if (syllable[0] !== first && syllable[0] !== second && syllable[1] !== first && syllable.slice(1) !== letters.slice(start + 1, start + syllable.length)) continue;
      for (let length = Math.max(1, syllable.length - 1); length <= syllable.length + 1 && start + length <= letters.length; length += 1) {
        const chunk = letters.slice(start, start + length);
        if (chunk !== syllable && editDistanceWithin(chunk, syllable, 1) === 1) steps.push({ end: start + length, syllable, edits: 1 });
      }
    }
    for (const reading of from) {
      for (const step of steps) {
        if (reading.edits + step.edits <= maxEdits) keep(step.end, { edits: reading.edits + step.edits, syllableCount: reading.syllableCount + 1, text: reading.text + step.syllable });
      }
    }
  }
  const complete = (readings[letters.length] as Segmentation[]).filter((reading) => reading.edits > 0);
  const fewestEdits = Math.min(...complete.map((reading) => reading.edits));
  // Among equally near readings, those keeping more of the typed letters first: a dropped letter
  // ("nanjng" → "nanjing") is a likelier slip than a wrong one ("nanjng" → "nanang").
  return complete
    .filter((reading) => reading.edits === fewestEdits)
    .map((reading) => ({ text: reading.text, kept: lettersKept(letters, reading.text) }))
    .sort((first, second) => second.kept - first.kept || (first.text < second.text ? -1 : 1))
    .slice(0, limit)
    .map((reading) => reading.text);
}

/** Length of the longest common subsequence: how many typed letters a correction keeps, in order. */
function lettersKept(typed: string, corrected: string): number {
  let previous = new Array<number>(corrected.length + 1).fill(0);
  for (const letter of typed) {
    const current = [0];
    for (let column = 1; column <= corrected.length; column += 1) {
      current[column] = letter === corrected[column - 1] ? (previous[column - 1] ?? 0) + 1 : Math.max(previous[column] ?? 0, current[column - 1] ?? 0);
    }
    previous = current;
  }
  return previous[corrected.length] ?? 0;
}

/**
 * The ways `letters` splits into whole pinyin syllables, the last possibly unfinished when
 * `lastMayBePartial` ("xian" → [xian], [xi, an]; "nanjingd" → [nan, jing, d]); at most `limit`,
 * shortest splits first. Empty when it is not pinyin.
 */
export function pinyinSegmentations(letters: string, lastMayBePartial: boolean, limit = 8): string[][] {
  const found: string[][] = [];
  const walk = (start: number, syllables: string[]): void => {
    if (found.length >= limit) return;
    if (start === letters.length) {
      found.push(syllables);
      return;
    }
    const rest = letters.slice(start);
    for (let length = Math.min(LONGEST_SYLLABLE, rest.length); length >= 1; length -= 1) {
      const chunk = rest.slice(0, length);
      if (SYLLABLES.has(chunk)) walk(start + length, [...syllables, chunk]);
    }
    if (lastMayBePartial && rest.length < LONGEST_SYLLABLE && !SYLLABLES.has(rest) && PINYIN_SYLLABLES.some((syllable) => syllable.startsWith(rest))) {
      found.push([...syllables, rest]);
    }
  };
  walk(0, []);
  return found.sort((first, second) => first.length - second.length);
}

const HAN_CHARACTER = /^\p{Script=Han}$/u;

/**
 * Pairs each Chinese character of `text` with its syllable in `syllables` (as scripts/search-data.ts
 * writes them: one per character, and one word per run of letters or digits in between). Null
 * when the two do not line up, e.g. a character the pinyin library did not know.
 */
export function alignPinyin(text: string, syllables: string): { character: string; syllable: string }[] | null {
  const words = syllables.split(' ').filter((word) => word !== '');
  const pairs: { character: string; syllable: string }[] = [];
  let next = 0;
  let run = '';
  const consumeRun = (): boolean => {
    for (const word of foldText(run).match(/[a-z]+|[0-9]+/g) ?? []) {
      if (words[next] !== word) return false;
      next += 1;
    }
    run = '';
    return true;
  };
  for (const character of text) {
    if (!HAN_CHARACTER.test(character)) {
      run += character;
      continue;
    }
    if (!consumeRun()) return null;
    const syllable = words[next];
    if (syllable === undefined || !/^[a-z]+$/.test(syllable)) return null;
    pairs.push({ character, syllable });
    next += 1;
  }
  return consumeRun() && next === words.length ? pairs : null;
}

/** For each syllable, the characters read that way in the given texts, in code unit order. */
export function pinyinCharacterTable(texts: Iterable<{ text: string | null; syllables: string | null }>): Record<string, string> {
  const table = new Map<string, Set<string>>();
  for (const { text, syllables } of texts) {
    if (text === null || syllables === null) continue;
    for (const { character, syllable } of alignPinyin(text, syllables) ?? []) {
      const characters = table.get(syllable) ?? new Set<string>();
      characters.add(character);
      table.set(syllable, characters);
    }
  }
  return Object.fromEntries([...table.entries()].sort(([first], [second]) => (first < second ? -1 : 1)).map(([syllable, set]) => [syllable, [...set].sort().join('')]));
}
