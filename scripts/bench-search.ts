// Search bench (`npm run bench`): the chosen engine (src/domain/search/engine.ts), a uFuzzy-based
// engine and fuse.js side by side on 10k and 100k synthetic facility records, with the fixture
// of src/domain/search/query-suite.ts mixed in so the suite's queries keep their expected
// answers. For each it prints index build time, p50/p95 query time over the suite and the
// precision at 10. It prints numbers and never fails on them.
//
// The synthetic records are built from Shanghai-style name parts with a seeded random source, so
// every run searches the same data. Their pinyin comes from pinyin-pro (Node only), computed once
// per name part. The streets and landmarks of the fixture are left out of the parts, so a suite
// query has one right answer and precision measures the engine, not the ambiguity of the data;
// distractors that share most characters (北京东路, 延安西路, 南昌路) are in.
import uFuzzy from '@leeoniya/ufuzzy';
import Fuse from 'fuse.js';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { LngLat } from '../src/domain/facilities/model.ts';
import { distanceMeters } from '../src/domain/geo/index.ts';
import { createRandom, randomInteger, randomPick, randomWeighted, type RandomSource } from '../src/domain/sample/random.ts';
import { CATEGORY_WORDS, categoriesNamedBy, type SearchCategory } from '../src/domain/search/category-words.ts';
import type { SearchDocument } from '../src/domain/search/documents.ts';
import { createSearchIndex, type SearchIndexOptions } from '../src/domain/search/engine.ts';
import { foldText } from '../src/domain/search/normalize.ts';
import { pinyinCharacterTable } from '../src/domain/search/pinyin.ts';
import { FIXTURE_DOCUMENTS, QUERY_SUITE, type SuiteQuery } from '../src/domain/search/query-suite.ts';
import { chinesePinyin, englishWordCounts } from './search-data.ts';

// ---------------------------------------------------------------------------------------------
// Synthetic records

type Part = readonly [zh: string, en: string];

const ROADS: readonly Part[] = [
  ['北京东路', 'East Beijing Road'], ['北京西路', 'West Beijing Road'], ['四川北路', 'North Sichuan Road'], ['四川中路', 'Middle Sichuan Road'],
  ['延安西路', 'West Yan\'an Road'], ['延安中路', 'Middle Yan\'an Road'], ['南昌路', 'Nanchang Road'], ['南丹东路', 'East Nandan Road'],
  ['山东中路', 'Middle Shandong Road'], ['福州路', 'Fuzhou Road'], ['广东路', 'Guangdong Road'], ['九江路', 'Jiujiang Road'],
  ['汉口路', 'Hankou Road'], ['天津路', 'Tianjin Road'], ['宁波路', 'Ningbo Road'], ['江西中路', 'Middle Jiangxi Road'],
  ['浙江中路', 'Middle Zhejiang Road'], ['云南中路', 'Middle Yunnan Road'], ['黄陂南路', 'South Huangpi Road'], ['茂名南路', 'South Maoming Road'],
  ['瑞金一路', 'Ruijin No. 1 Road'], ['思南路', 'Sinan Road'], ['建国西路', 'West Jianguo Road'], ['建国中路', 'Middle Jianguo Road'],
  ['永嘉路', 'Yongjia Road'], ['岳阳路', 'Yueyang Road'], ['衡山路', 'Hengshan Road'], ['华山路', 'Huashan Road'],
  ['武康路', 'Wukang Road'], ['安福路', 'Anfu Road'], ['愚园路', 'Yuyuan Road'], ['江苏路', 'Jiangsu Road'],
  ['长宁路', 'Changning Road'], ['天山路', 'Tianshan Road'], ['虹桥路', 'Hongqiao Road'], ['漕溪北路', 'North Caoxi Road'],
  ['肇嘉浜路', 'Zhaojiabang Road'], ['徐家汇路', 'Xujiahui Road'], ['中山南路', 'South Zhongshan Road'], ['中山北路', 'North Zhongshan Road'],
  ['共和新路', 'Gonghe Xin Road'], ['天目西路', 'West Tianmu Road'], ['曹杨路', 'Caoyang Road'], ['武宁路', 'Wuning Road'],
  ['大连路', 'Dalian Road'], ['四平路', 'Siping Road'], ['国权路', 'Guoquan Road'], ['淞沪路', 'Songhu Road'],
  ['世纪大道', 'Century Avenue'], ['张杨路', 'Zhangyang Road'], ['浦东南路', 'South Pudong Road'], ['东方路', 'Dongfang Road'],
  ['杨高南路', 'South Yanggao Road'], ['龙阳路', 'Longyang Road'], ['锦绣路', 'Jinxiu Road'], ['金科路', 'Jinke Road'],
  ['长寿路', 'Changshou Road'], ['昌平路', 'Changping Road'], ['康定路', 'Kangding Road'], ['新闸路', 'Xinzha Road'],
];

const LANDMARKS: readonly Part[] = [
  ['徐家汇', 'Xujiahui'], ['陆家嘴', 'Lujiazui'], ['新天地', 'Xintiandi'], ['豫园', 'Yu Garden'], ['中山公园', 'Zhongshan Park'],
  ['世纪公园', 'Century Park'], ['龙华寺', 'Longhua Temple'], ['五角场', 'Wujiaochang'], ['打浦桥', 'Dapuqiao'], ['田子坊', 'Tianzifang'],
  ['上海博物馆', 'Shanghai Museum'], ['上海体育场', 'Shanghai Stadium'], ['虹口足球场', 'Hongkou Football Stadium'], ['鲁迅公园', 'Lu Xun Park'],
  ['复兴公园', 'Fuxing Park'], ['襄阳公园', 'Xiangyang Park'], ['徐汇滨江', 'Xuhui Riverside'], ['北外滩', 'North Bund'],
  ['东方明珠', 'Oriental Pearl Tower'], ['上海科技馆', 'Shanghai Science and Technology Museum'], ['中华艺术宫', 'China Art Museum'],
  ['长风公园', 'Changfeng Park'], ['大宁音乐广场', 'Daning Music Plaza'], ['七宝老街', 'Qibao Old Street'],
];

const STATIONS: readonly Part[] = [
  ['汉中路', 'Hanzhong Road'], ['曲阜路', 'Qufu Road'], ['新闸路', 'Xinzha Road'], ['常熟路', 'Changshu Road'], ['上海体育馆', 'Shanghai Indoor Stadium'],
  ['宜山路', 'Yishan Road'], ['延安西路', 'West Yan\'an Road'], ['江苏路', 'Jiangsu Road'], ['中山公园', 'Zhongshan Park'],
  ['娄山关路', 'Loushanguan Road'], ['威宁路', 'Weining Road'], ['北新泾', 'Beixinjing'], ['徐家汇', 'Xujiahui'], ['陆家嘴', 'Lujiazui'],
  ['世纪大道', 'Century Avenue'], ['东方体育中心', 'Oriental Sports Center'], ['虹桥火车站', 'Hongqiao Railway Station'], ['豫园', 'Yuyuan Garden'],
];

const CORNERS: readonly Part[] = [['东北', 'north-east'], ['东南', 'south-east'], ['西南', 'south-west'], ['西北', 'north-west']];

type Piece = string | number;

interface Composed { zh: string; pinyin: string; initials: string }

/** Joins Chinese parts and numbers, with the pinyin of each part computed once. */
function createComposer(): (pieces: readonly Piece[]) => Composed {
  const cache = new Map<string, { pinyin: string; initials: string }>();
  const pinyinOfPart = (part: string): { pinyin: string; initials: string } => {
    let found = cache.get(part);
    if (found === undefined) {
      found = chinesePinyin(part) ?? { pinyin: '', initials: '' };
      cache.set(part, found);
    }
    return found;
  };
  return (pieces) => {
    const readings = pieces.map((piece) => (typeof piece === 'number' ? { pinyin: String(piece), initials: String(piece) } : pinyinOfPart(piece)));
    return {
      zh: pieces.join(''),
      pinyin: readings.map((reading) => reading.pinyin).filter((text) => text !== '').join(' '),
      initials: readings.map((reading) => reading.initials).join(''),
    };
  };
}

/**
 * `count` synthetic facility and place records around the centre of Shanghai, the same for the
 * same seed: kerb ramps at junctions, tactile paving, toilets, elevators at stations, landmarks and
 * metro exits, in roughly the shares a real district import has.
 */
export function generateSyntheticDocuments(count: number, seed = 20260514): SearchDocument[] {
  const random: RandomSource = createRandom(seed);
  const compose = createComposer();
  const documents: SearchDocument[] = [];
  const location = (): LngLat => [121.3 + random() * 0.35, 31.1 + random() * 0.25];
  const add = (id: string, kind: SearchDocument['kind'], category: SearchCategory, name: Composed, nameEn: string, address: Composed, addressEn: string): void => {
    documents.push({
      id, kind, category, nameZh: name.zh, nameEn, addressZh: address.zh, addressEn, location: location(),
      namePinyin: name.pinyin, nameInitials: name.initials, addressPinyin: address.pinyin, addressInitials: address.initials,
    });
  };
  for (let serial = 1; documents.length < count; serial += 1) {
    const id = `synthetic:${String(serial).padStart(6, '0')}`;
    const road = randomPick(random, ROADS);
    const crossing = randomPick(random, ROADS);
    const number = randomInteger(random, 1, 1999);
    const address = compose([road[0], number, '号']);
    const addressEn = `${number} ${road[1]}`;
    const junction = compose([road[0], '与', crossing[0], '交叉口']);
    const junctionEn = `${road[1]} & ${crossing[1]}`;
    const kind = randomWeighted(random, [['ramp', 40], ['tactile', 28], ['toilet', 14], ['elevator', 10], ['exit', 4], ['landmark', 4]] as const);
    if (kind === 'ramp') {
      const corner = randomPick(random, CORNERS);
      const wheelchair = random() < 0.2;
      if (wheelchair) {
        const landmark = randomPick(random, LANDMARKS);
        add(`${id}:ramp`, 'facility', 'ramp', compose([landmark[0], '轮椅坡道']), `Wheelchair ramp, ${landmark[1]}`, address, addressEn);
      } else {
        add(`${id}:ramp`, 'facility', 'ramp', compose([road[0], '/', crossing[0], '路口', corner[0], '角缘石坡道']),
          `Kerb ramp, ${road[1]} / ${crossing[1]}, ${corner[1]} corner`, junction, junctionEn);
      }
    } else if (kind === 'tactile') {
      const corner = randomPick(random, CORNERS);
      if (random() < 0.5) {
        add(`${id}:tactile`, 'facility', 'tactile_paving', compose([road[0], '人行横道提示盲道（', corner[0], '角）']),
          `Warning strip, ${road[1]} crossing, ${corner[1]} corner`, junction, junctionEn);
      } else {
        add(`${id}:tactile`, 'facility', 'tactile_paving', compose([road[0], '行进盲道']), `Guiding strip, ${road[1]}`, compose([road[0]]), road[1]);
      }
    } else if (kind === 'toilet') {
      if (random() < 0.5) {
        add(`${id}:toilet`, 'facility', 'toilet', compose([road[0], number, '号无障碍卫生间']), `Accessible toilet, ${number} ${road[1]}`, address, addressEn);
      } else {
        const landmark = randomPick(random, LANDMARKS);
        add(`${id}:toilet`, 'facility', 'toilet', compose([landmark[0], random() < 0.3 ? '第三卫生间' : '无障碍卫生间']), `Accessible toilet, ${landmark[1]}`, address, addressEn);
      }
    } else if (kind === 'elevator') {
      const station = randomPick(random, STATIONS);
      const exit = randomInteger(random, 1, 12);
      if (random() < 0.6) {
        add(`${id}:elevator`, 'facility', 'elevator', compose([station[0], '站', exit, '号口无障碍电梯']), `Accessible elevator, ${station[1]} Station Exit ${exit}`, junction, junctionEn);
      } else {
        add(`${id}:elevator`, 'facility', 'elevator', compose([road[0], '人行天桥电梯']), `Footbridge elevator, ${road[1]}`, junction, junctionEn);
      }
    } else if (kind === 'exit') {
      const station = randomPick(random, STATIONS);
      const exit = randomInteger(random, 1, 12);
      add(`${id}:exit`, 'place', 'metro_exit', compose([station[0], '站', exit, '号口']), `${station[1]} Station Exit ${exit}`, junction, junctionEn);
    } else {
      const landmark = randomPick(random, LANDMARKS);
      add(`${id}:landmark`, 'place', 'other', compose([landmark[0]]), landmark[1], address, addressEn);
    }
  }
  // Real records come from JSON.parse, whose strings are flat; concatenated ones are not and
  // would make every index build look slower than it is.
  return JSON.parse(JSON.stringify(documents)) as SearchDocument[];
}

// ---------------------------------------------------------------------------------------------
// The engines compared

interface BenchEngine {
  name: string;
  build(documents: readonly SearchDocument[], tables: SearchIndexOptions): { search(query: string, origin: LngLat | null): string[] };
}

const CHOSEN_ENGINE: BenchEngine = {
  name: 'chosen (corpus scan)',
  build(documents, tables) {
    const index = createSearchIndex(documents, tables);
    return { search: (query, origin) => index.search(query, { limit: 10, origin }).map((result) => result.document.id) };
  },
};

const CATEGORY_TEXT = new Map(CATEGORY_WORDS.map((entry) => [
  entry.category,
  [...entry.chinese.flatMap((word) => [word.text, word.pinyin.replace(/ /g, '')]), ...entry.english].join(' '),
]));

const ABBREVIATIONS: Record<string, string> = { rd: 'road', st: 'street', ave: 'avenue', n: 'north', s: 'south', e: 'east', w: 'west', sq: 'square' };

/** Nearest first, then by id: how every engine answers a query that is only a category word. */
function categoryAnswer(documents: readonly SearchDocument[], query: string, origin: LngLat | null): string[] | null {
  const categories = categoriesNamedBy(query);
  if (categories.length === 0) return null;
  return documents
    .filter((document) => categories.includes(document.category))
    .map((document) => ({ id: document.id, distance: origin === null ? 0 : distanceMeters(origin, document.location) }))
    .sort((first, second) => first.distance - second.distance || (first.id < second.id ? -1 : 1))
    .slice(0, 10)
    .map((entry) => entry.id);
}

/**
 * uFuzzy over one haystack string per document (names, addresses, pinyin joined and spaced,
 * initials, the category's words), in single-error mode for typos. A Chinese run is split into
 * its characters, one term each, so "南京东路卫生间" matches those characters in order.
 */
const UFUZZY_ENGINE: BenchEngine = {
  name: 'uFuzzy (single error)',
  build(documents) {
    const haystack = documents.map((document) => foldText([
      document.nameZh, document.nameEn, document.namePinyin?.replace(/ /g, ''), document.namePinyin, document.nameInitials,
      document.addressZh, document.addressEn, document.addressPinyin?.replace(/ /g, ''), document.addressInitials, CATEGORY_TEXT.get(document.category),
    ].filter((part) => part !== null && part !== undefined).join(' ')));
    const fuzzy = new uFuzzy({ unicode: true, interSplit: "[^\\p{L}\\d']+", intraSplit: null, intraChars: "[\\p{L}\\d']", intraMode: 1 });
    return {
      search(query, origin) {
        const categoryIds = categoryAnswer(documents, query, origin);
        if (categoryIds !== null) return categoryIds;
        const needle = foldText(query)
          .replace(/\p{Script=Han}/gu, (character) => ` ${character} `)
          .split(/\s+/)
          .map((word) => ABBREVIATIONS[word] ?? word)
          .join(' ')
          .trim();
        if (needle === '') return [];
        const [indexes, info, order] = fuzzy.search(haystack, needle, 3);
        if (indexes === null) return [];
        const ranked = info !== null && order !== null ? order.map((position) => info.idx[position] as number) : indexes;
        return ranked.slice(0, 10).map((index) => documents[index]?.id ?? '');
      },
    };
  },
};

/** fuse.js 7 with its documented defaults for a typeahead: extended fields, threshold 0.4, location ignored. */
const FUSE_ENGINE: BenchEngine = {
  name: 'fuse.js 7',
  build(documents) {
    const records = documents.map((document) => ({ ...document, categoryWords: CATEGORY_TEXT.get(document.category) ?? '' }));
    const keys = ['nameZh', 'nameEn', 'addressZh', 'addressEn', 'namePinyin', 'nameInitials', 'categoryWords'];
    const fuse = new Fuse(records, { keys, threshold: 0.4, ignoreLocation: true }, Fuse.createIndex(keys, records));
    return {
      search(query, origin) {
        const categoryIds = categoryAnswer(documents, query, origin);
        if (categoryIds !== null) return categoryIds;
        return fuse.search(foldText(query), { limit: 10 }).map((result) => result.item.id);
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Measuring

function percentile(sortedValues: readonly number[], share: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  return sortedValues[Math.min(sortedValues.length - 1, Math.ceil(share * sortedValues.length) - 1)] ?? Number.NaN;
}

interface EngineFigures {
  engine: string;
  records: number;
  buildMilliseconds: number;
  queryCount: number;
  p50Milliseconds: number;
  p95Milliseconds: number;
  precisionAt10: number;
  misses: string[];
}

function measure(
  engine: BenchEngine, documents: readonly SearchDocument[], pinyinCharacters: Readonly<Record<string, string>>,
  englishWords: Readonly<Record<string, number>>, suite: readonly SuiteQuery[], repetitions: number, buildRuns: number,
): EngineFigures {
  const buildTimes: number[] = [];
  const tables: SearchIndexOptions = { pinyinCharacters, englishWords };
  let built = engine.build(documents, tables);
  for (let run = 0; run < buildRuns; run += 1) {
    const start = performance.now();
    built = engine.build(documents, tables);
    buildTimes.push(performance.now() - start);
  }
  buildTimes.sort((first, second) => first - second);
  const times: number[] = [];
  const misses: string[] = [];
  let found = 0;
  // One pass gives the answers for precision; it is timed only when there are no further passes
  // (the slow engines), otherwise it warms the JIT the way a user's first keystrokes do.
  for (const item of suite) {
    const start = performance.now();
    const ids = built.search(item.query, item.origin ?? null);
    if (repetitions === 0) times.push(performance.now() - start);
    if (ids.includes(item.expectedId)) found += 1;
    else misses.push(item.query);
  }
  for (let repetition = 0; repetition < repetitions; repetition += 1) {
    for (const item of suite) {
      const start = performance.now();
      built.search(item.query, item.origin ?? null);
      times.push(performance.now() - start);
    }
  }
  times.sort((first, second) => first - second);
  return {
    engine: engine.name, records: documents.length, buildMilliseconds: percentile(buildTimes, 0.5), queryCount: suite.length,
    p50Milliseconds: percentile(times, 0.5), p95Milliseconds: percentile(times, 0.95), precisionAt10: found / suite.length, misses,
  };
}

function formatRow(figures: EngineFigures): string {
  const milliseconds = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(2)).padStart(9);
  return `${figures.engine.padEnd(24)}${String(figures.records).padStart(8)}${milliseconds(figures.buildMilliseconds)}` +
    `${String(figures.queryCount).padStart(8)}${milliseconds(figures.p50Milliseconds)}${milliseconds(figures.p95Milliseconds)}` +
    `${figures.precisionAt10.toFixed(2).padStart(8)}`;
}

/**
 * Fuse.js needs 0.4 to 1.3 s a query at 10k records and 1 to 14 s at 100k: this many suite
 * queries (spread evenly over the suite) keep the whole bench under two minutes.
 */
const FUSE_QUERY_CAP: Record<number, number> = { 10_000: 24, 100_000: 6 };

function sampleOfSuite(count: number): SuiteQuery[] {
  if (count >= QUERY_SUITE.length) return [...QUERY_SUITE];
  const step = QUERY_SUITE.length / count;
  return Array.from({ length: count }, (_, index) => QUERY_SUITE[Math.floor(index * step)] as SuiteQuery);
}

function main(): void {
  const sizes = [10_000, 100_000];
  const started = performance.now();
  console.log(`Search bench: ${QUERY_SUITE.length} suite queries (src/domain/search/query-suite.ts); times in ms on ${process.version}.`);
  const generateStart = performance.now();
  const synthetic = generateSyntheticDocuments(Math.max(...sizes) - FIXTURE_DOCUMENTS.length);
  console.log(`Generated ${synthetic.length} synthetic records with pinyin in ${(performance.now() - generateStart).toFixed(0)} ms.\n`);
  console.log(`${'engine'.padEnd(24)}${'records'.padStart(8)}${'build'.padStart(9)}${'queries'.padStart(8)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'P@10'.padStart(8)}`);
  const notes: string[] = [];
  for (const size of sizes) {
    const documents = [...FIXTURE_DOCUMENTS, ...synthetic.slice(0, size - FIXTURE_DOCUMENTS.length)];
    // What search.json carries for a district (scripts/search-data.ts); not part of the index build.
    const pinyinCharacters = pinyinCharacterTable(documents.flatMap((document) => [
      { text: document.nameZh, syllables: document.namePinyin }, { text: document.addressZh, syllables: document.addressPinyin },
    ]));
    const englishWords = englishWordCounts(documents);
    for (const engine of [CHOSEN_ENGINE, UFUZZY_ENGINE]) {
      // uFuzzy scans every record with a regular expression: one timed pass at 100k is plenty.
      const repetitions = engine === UFUZZY_ENGINE && size > 10_000 ? 0 : 5;
      const figures = measure(engine, documents, pinyinCharacters, englishWords, QUERY_SUITE, repetitions, repetitions === 0 ? 1 : 5);
      console.log(formatRow(figures));
      if (figures.misses.length > 0) notes.push(`${figures.engine} at ${size}: not in the top 10 for ${figures.misses.map((query) => JSON.stringify(query)).join(', ')}`);
    }
    const fuseSuite = sampleOfSuite(FUSE_QUERY_CAP[size] ?? QUERY_SUITE.length);
    const fuseFigures = measure(FUSE_ENGINE, documents, pinyinCharacters, englishWords, fuseSuite, 0, 1);
    console.log(formatRow(fuseFigures));
    if (fuseSuite.length < QUERY_SUITE.length) notes.push(`fuse.js at ${size}: capped at ${fuseSuite.length} of the ${QUERY_SUITE.length} queries (every ${Math.round(QUERY_SUITE.length / fuseSuite.length)}th) to keep the bench short; its times and precision are over those.`);
    if (fuseFigures.misses.length > 0) notes.push(`fuse.js at ${size}: not in the top 10 for ${fuseFigures.misses.map((query) => JSON.stringify(query)).join(', ')}`);
  }
  console.log('\nbuild: median of 5 index builds (1 for fuse.js, and uFuzzy at 100k). p50/p95: every suite query, 5 passes after an');
  console.log('untimed one (fuse.js, and uFuzzy at 100k: one timed pass). P@10: share of suite queries whose expected record is in the top 10.');
  console.log('Targets (issue 4): p95 at most 15 ms at 100k records, index build at most 150 ms.');
  for (const note of notes) console.log(`- ${note}`);
  console.log(`Search bench took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
