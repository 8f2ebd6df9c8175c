// The query suite the engine was chosen by (engine.ts) and is held to (engine.test.ts, and
// scripts/bench-search.ts at 10k and 100k records): a hand-written fixture of facilities and places
// around East Nanjing Road, with the neighbours and distractors that make search hard (南京西路,
// 延安东路, other toilets, a station and its exits, a bank whose 行 reads hang), and queries in
// Chinese, pinyin, initials, English, with typos, mixed, and category words alone.
//
// The facilities are invented for the test; the street names are real Shanghai streets. The
// pinyin columns were computed with pinyin-pro (scripts/search-data.ts), and
// scripts/search-data.test.ts recomputes them so they cannot drift.
import type { LngLat } from '../facilities/model.ts';
import type { SearchCategory } from './category-words.ts';
import type { SearchDocument, SearchDocumentKind } from './documents.ts';

function document(
  id: string, kind: SearchDocumentKind, category: SearchCategory, location: LngLat,
  nameZh: string, nameEn: string, addressZh: string | null, addressEn: string | null,
  namePinyin: string | null, nameInitials: string | null, addressPinyin: string | null, addressInitials: string | null,
): SearchDocument {
  return { id, kind, category, nameZh, nameEn, addressZh, addressEn, location, namePinyin, nameInitials, addressPinyin, addressInitials };
}

export const FIXTURE_DOCUMENTS: readonly SearchDocument[] = [
  document('fixture:toilet:nanjing-east-433', 'facility', 'toilet', [121.4843, 31.2374], '南京东路433号无障碍卫生间', 'Accessible Toilet, 433 East Nanjing Road', '南京东路433号', '433 East Nanjing Road',
    'nan jing dong lu 433 hao wu zhang ai wei sheng jian', 'njdl433hwzawsj', 'nan jing dong lu 433 hao', 'njdl433h'),
  document('fixture:toilet:nanjing-west-1601', 'facility', 'toilet', [121.4483, 31.2247], '南京西路1601号无障碍卫生间', 'Accessible Toilet, 1601 West Nanjing Road', '南京西路1601号', '1601 West Nanjing Road',
    'nan jing xi lu 1601 hao wu zhang ai wei sheng jian', 'njxl1601hwzawsj', 'nan jing xi lu 1601 hao', 'njxl1601h'),
  document('fixture:toilet:peoples-square', 'facility', 'toilet', [121.4737, 31.2317], '人民广场第三卫生间', 'Family toilet, People\'s Square', '人民大道120号', '120 Renmin Avenue',
    'ren min guang chang di san wei sheng jian', 'rmgcdswsj', 'ren min da dao 120 hao', 'rmdd120h'),
  document('fixture:toilet:jingan-temple', 'facility', 'toilet', [121.4453, 31.2235], '静安寺地铁站无障碍卫生间', 'Accessible toilet, Jing\'an Temple Station', '南京西路1686号', '1686 West Nanjing Road',
    'jing an si di tie zhan wu zhang ai wei sheng jian', 'jasdtzwzawsj', 'nan jing xi lu 1686 hao', 'njxl1686h'),
  document('fixture:toilet:yanan-east', 'facility', 'toilet', [121.4862, 31.2318], '延安东路无障碍卫生间', 'Accessible toilet, East Yan\'an Road', '延安东路58号', '58 East Yan\'an Road',
    'yan an dong lu wu zhang ai wei sheng jian', 'yadlwzawsj', 'yan an dong lu 58 hao', 'yadl58h'),
  document('fixture:toilet:nanjing-road-walk', 'facility', 'toilet', [121.4801, 31.2368], '南京路步行街无障碍厕所', 'Accessible toilet, Nanjing Road Pedestrian Street', '南京东路300号', '300 East Nanjing Road',
    'nan jing lu bu xing jie wu zhang ai ce suo', 'njlbxjwzacs', 'nan jing dong lu 300 hao', 'njdl300h'),
  document('fixture:toilet:bund-tunnel', 'facility', 'toilet', [121.4905, 31.2401], '外滩观光隧道无障碍卫生间', 'Accessible toilet, Bund Sightseeing Tunnel', '中山东一路300号', '300 East Zhongshan No. 1 Road',
    'wai tan guan guang sui dao wu zhang ai wei sheng jian', 'wtggsdwzawsj', 'zhong shan dong yi lu 300 hao', 'zsdyl300h'),
  document('fixture:elevator:nanjing-west-exit-3', 'facility', 'elevator', [121.459, 31.229], '南京西路站3号口无障碍电梯', 'Accessible elevator, West Nanjing Road Station Exit 3', '南京西路石门一路口', 'West Nanjing Road & Shimen No. 1 Road',
    'nan jing xi lu zhan 3 hao kou wu zhang ai dian ti', 'njxlz3hkwzadt', 'nan jing xi lu shi men yi lu kou', 'njxlsmylk'),
  document('fixture:elevator:nanjing-east-exit-2', 'facility', 'elevator', [121.4853, 31.2379], '南京东路站2号口无障碍电梯', 'Accessible elevator, East Nanjing Road Station Exit 2', '南京东路河南中路口', 'East Nanjing Road & Middle Henan Road',
    'nan jing dong lu zhan 2 hao kou wu zhang ai dian ti', 'njdlz2hkwzadt', 'nan jing dong lu he nan zhong lu kou', 'njdlhnzlk'),
  document('fixture:elevator:bund-deck', 'facility', 'elevator', [121.4908, 31.2385], '外滩观景平台升降平台', 'Platform lift, the Bund viewing deck', '中山东一路', 'East Zhongshan No. 1 Road',
    'wai tan guan jing ping tai sheng jiang ping tai', 'wtgjptsjpt', 'zhong shan dong yi lu', 'zsdyl'),
  document('fixture:elevator:huaihai-footbridge', 'facility', 'elevator', [121.4652, 31.2165], '淮海中路人行天桥电梯', 'Footbridge elevator, Middle Huaihai Road', '淮海中路与瑞金二路交叉口', 'Middle Huaihai Road & Ruijin No. 2 Road',
    'huai hai zhong lu ren xing tian qiao dian ti', 'hhzlrxtqdt', 'huai hai zhong lu yu rui jin er lu jiao cha kou', 'hhzlyrjeljck'),
  document('fixture:elevator:raffles-city', 'facility', 'elevator', [121.4768, 31.2338], '来福士广场无障碍电梯', 'Accessible elevator, Raffles City', '西藏中路268号', '268 Middle Xizang Road',
    'lai fu shi guang chang wu zhang ai dian ti', 'lfsgcwzadt', 'xi zang zhong lu 268 hao', 'xzzl268h'),
  document('fixture:ramp:changle-shaanxi', 'facility', 'ramp', [121.4589, 31.2203], '长乐路/陕西南路路口东北角缘石坡道', 'Kerb ramp, Changle Road / South Shaanxi Road, north-east corner', '长乐路与陕西南路交叉口', 'Changle Road & South Shaanxi Road',
    'chang le lu shan xi nan lu lu kou dong bei jiao yuan shi po dao', 'cllsxnllkdbjyspd', 'chang le lu yu shan xi nan lu jiao cha kou', 'cllysxnljck'),
  document('fixture:ramp:nanjing-henan', 'facility', 'ramp', [121.485, 31.2376], '南京东路/河南中路路口西南角缘石坡道', 'Kerb ramp, East Nanjing Road / Middle Henan Road, south-west corner', '南京东路与河南中路交叉口', 'East Nanjing Road & Middle Henan Road',
    'nan jing dong lu he nan zhong lu lu kou xi nan jiao yuan shi po dao', 'njdlhnzllkxnjyspd', 'nan jing dong lu yu he nan zhong lu jiao cha kou', 'njdlyhnzljck'),
  document('fixture:ramp:shanghai-library', 'facility', 'ramp', [121.4455, 31.2083], '上海图书馆轮椅坡道', 'Wheelchair ramp, Shanghai Library', '淮海中路1555号', '1555 Middle Huaihai Road',
    'shang hai tu shu guan lun yi po dao', 'shtsglypd', 'huai hai zhong lu 1555 hao', 'hhzl1555h'),
  document('fixture:ramp:chongqing-fuxing', 'facility', 'ramp', [121.4726, 31.2155], '重庆南路/复兴中路路口西北角缘石坡道', 'Kerb ramp, South Chongqing Road / Middle Fuxing Road, north-west corner', '重庆南路与复兴中路交叉口', 'South Chongqing Road & Middle Fuxing Road',
    'chong qing nan lu fu xing zhong lu lu kou xi bei jiao yuan shi po dao', 'cqnlfxzllkxbjyspd', 'chong qing nan lu yu fu xing zhong lu jiao cha kou', 'cqnlyfxzljck'),
  document('fixture:tactile_paving:peoples-square', 'facility', 'tactile_paving', [121.4735, 31.2316], '人民广场行进盲道', 'Guiding strip, People\'s Square', '人民大道', 'Renmin Avenue',
    'ren min guang chang xing jin mang dao', 'rmgcxjmd', 'ren min da dao', 'rmdd'),
  document('fixture:tactile_paving:nanjing-henan', 'facility', 'tactile_paving', [121.485, 31.2376], '南京东路提示盲道（河南中路口）', 'Warning strip, East Nanjing Road at Middle Henan Road', '南京东路与河南中路交叉口', 'East Nanjing Road & Middle Henan Road',
    'nan jing dong lu ti shi mang dao he nan zhong lu kou', 'njdltsmdhnzlk', 'nan jing dong lu yu he nan zhong lu jiao cha kou', 'njdlyhnzljck'),
  document('fixture:tactile_paving:huaihai', 'facility', 'tactile_paving', [121.464, 31.216], '淮海中路行进盲道', 'Guiding strip, Middle Huaihai Road', '淮海中路', 'Middle Huaihai Road',
    'huai hai zhong lu xing jin mang dao', 'hhzlxjmd', 'huai hai zhong lu', 'hhzl'),
  document('fixture:place:nanjing-east-road', 'place', 'street', [121.483, 31.2372], '南京东路', 'East Nanjing Road', null, null,
    'nan jing dong lu', 'njdl', null, null),
  document('fixture:place:nanjing-west-road', 'place', 'street', [121.458, 31.229], '南京西路', 'West Nanjing Road', null, null,
    'nan jing xi lu', 'njxl', null, null),
  document('fixture:place:changle-road', 'place', 'street', [121.456, 31.22], '长乐路', 'Changle Road', null, null,
    'chang le lu', 'cll', null, null),
  document('fixture:place:yanan-east-road', 'place', 'street', [121.485, 31.232], '延安东路', 'East Yan\'an Road', null, null,
    'yan an dong lu', 'yadl', null, null),
  document('fixture:place:nanjing-east-station', 'place', 'metro_station', [121.4852, 31.2378], '南京东路站', 'East Nanjing Road Station', '南京东路河南中路口', 'East Nanjing Road & Middle Henan Road',
    'nan jing dong lu zhan', 'njdlz', 'nan jing dong lu he nan zhong lu kou', 'njdlhnzlk'),
  document('fixture:place:nanjing-east-exit-3', 'place', 'metro_exit', [121.4856, 31.2381], '南京东路站3号口', 'East Nanjing Road Station Exit 3', '南京东路', 'East Nanjing Road',
    'nan jing dong lu zhan 3 hao kou', 'njdlz3hk', 'nan jing dong lu', 'njdl'),
  document('fixture:place:nanjing-east-exit-1', 'place', 'metro_exit', [121.4847, 31.2383], '南京东路站1号口', 'East Nanjing Road Station Exit 1', '河南中路', 'Middle Henan Road',
    'nan jing dong lu zhan 1 hao kou', 'njdlz1hk', 'he nan zhong lu', 'hnzl'),
  document('fixture:place:icbc-nanjing-east', 'place', 'other', [121.4812, 31.237], '中国工商银行南京东路支行', 'ICBC East Nanjing Road Branch', '南京东路360号', '360 East Nanjing Road',
    'zhong guo gong shang yin hang nan jing dong lu zhi hang', 'zggsyhnjdlzh', 'nan jing dong lu 360 hao', 'njdl360h'),
  document('fixture:place:changzheng-hospital', 'place', 'hospital', [121.47, 31.237], '长征医院', 'Changzheng Hospital', '凤阳路415号', '415 Fengyang Road',
    'chang zheng yi yuan', 'czyy', 'feng yang lu 415 hao', 'fyl415h'),
  document('fixture:place:huangpu-park', 'place', 'park', [121.4903, 31.243], '黄浦公园', 'Huangpu Park', '中山东一路500号', '500 East Zhongshan No. 1 Road',
    'huang pu gong yuan', 'hpgy', 'zhong shan dong yi lu 500 hao', 'zsdyl500h'),
  document('fixture:place:raffles-city', 'place', 'mall', [121.477, 31.2336], '来福士广场', 'Raffles City', '西藏中路268号', '268 Middle Xizang Road',
    'lai fu shi guang chang', 'lfsgc', 'xi zang zhong lu 268 hao', 'xzzl268h'),
];

export interface SuiteQuery {
  query: string;
  /** The document a person typing this is looking for. */
  expectedId: string;
  /** What the query exercises. */
  kind: 'chinese' | 'pinyin' | 'initials' | 'english' | 'typo' | 'mixed' | 'category';
  /** For category queries: where the person stands, a few metres from the expected document. */
  origin?: LngLat;
}

function locationOf(id: string): LngLat {
  const found = FIXTURE_DOCUMENTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no fixture document ${id}`);
  return found.location;
}

/** About 10 m north-east of a fixture document. */
function beside(id: string): LngLat {
  const [longitude, latitude] = locationOf(id);
  return [longitude + 0.0001, latitude + 0.0001];
}

const TARGET = 'fixture:toilet:nanjing-east-433';

export const QUERY_SUITE: readonly SuiteQuery[] = [
  // The four queries the issue names for 南京东路433号无障碍卫生间.
  { query: '南京东路卫生间', expectedId: TARGET, kind: 'chinese' },
  { query: 'nanjingdonglu weishengjian', expectedId: TARGET, kind: 'pinyin' },
  { query: 'njdl wsj', expectedId: TARGET, kind: 'initials' },
  { query: 'nanjng east rd toilet', expectedId: TARGET, kind: 'typo' },
  { query: '南京东路433号', expectedId: TARGET, kind: 'chinese' },
  { query: '433 East Nanjing Road', expectedId: TARGET, kind: 'english' },
  { query: 'nan jing dong lu 433', expectedId: TARGET, kind: 'pinyin' },
  { query: '南京东路 厕所', expectedId: TARGET, kind: 'chinese' },
  { query: '南京东路无障碍厕所', expectedId: TARGET, kind: 'chinese' },
  { query: 'accessible toilet nanjing east', expectedId: TARGET, kind: 'english' },
  { query: 'ＮＡＮＪＩＮＧ　ＥＡＳＴ　ＲＤ　ＷＣ', expectedId: TARGET, kind: 'english' },
  { query: 'nanjingdonglu卫生间', expectedId: TARGET, kind: 'mixed' },
  { query: '南京东路 toilet', expectedId: TARGET, kind: 'mixed' },
  { query: '南京西路电梯', expectedId: 'fixture:elevator:nanjing-west-exit-3', kind: 'chinese' },
  { query: 'nanjingxilu dianti', expectedId: 'fixture:elevator:nanjing-west-exit-3', kind: 'pinyin' },
  { query: 'njxl dt', expectedId: 'fixture:elevator:nanjing-west-exit-3', kind: 'initials' },
  { query: 'west nanjing rd lift', expectedId: 'fixture:elevator:nanjing-west-exit-3', kind: 'english' },
  { query: 'nanjingxilu weishengjain', expectedId: 'fixture:toilet:nanjing-west-1601', kind: 'typo' },
  { query: '长乐路坡道', expectedId: 'fixture:ramp:changle-shaanxi', kind: 'chinese' },
  { query: 'changlelu podao', expectedId: 'fixture:ramp:changle-shaanxi', kind: 'pinyin' },
  { query: 'changle rd kerb ramp', expectedId: 'fixture:ramp:changle-shaanxi', kind: 'english' },
  { query: '人民广场盲道', expectedId: 'fixture:tactile_paving:peoples-square', kind: 'chinese' },
  { query: 'renminguangchang mangdao', expectedId: 'fixture:tactile_paving:peoples-square', kind: 'pinyin' },
  { query: "people's square tactile paving", expectedId: 'fixture:tactile_paving:peoples-square', kind: 'english' },
  { query: 'peeple sqare tactile', expectedId: 'fixture:tactile_paving:peoples-square', kind: 'typo' },
  { query: '工商银行', expectedId: 'fixture:place:icbc-nanjing-east', kind: 'chinese' },
  { query: 'gongshangyinhang', expectedId: 'fixture:place:icbc-nanjing-east', kind: 'pinyin' },
  { query: '南京东路站3号口', expectedId: 'fixture:place:nanjing-east-exit-3', kind: 'chinese' },
  { query: 'east nanjing road station exit 3', expectedId: 'fixture:place:nanjing-east-exit-3', kind: 'english' },
  { query: '外滩 升降平台', expectedId: 'fixture:elevator:bund-deck', kind: 'chinese' },
  { query: 'waitan shengjiangpingtai', expectedId: 'fixture:elevator:bund-deck', kind: 'pinyin' },
  { query: '第三卫生间 人民广场', expectedId: 'fixture:toilet:peoples-square', kind: 'chinese' },
  { query: 'rmgc wc', expectedId: 'fixture:toilet:peoples-square', kind: 'initials' },
  { query: 'huaihai middle rd ramp', expectedId: 'fixture:ramp:shanghai-library', kind: 'english' },
  { query: '淮海中路电梯', expectedId: 'fixture:elevator:huaihai-footbridge', kind: 'chinese' },
  { query: 'hauihai lift', expectedId: 'fixture:elevator:huaihai-footbridge', kind: 'typo' },
  { query: '静安寺 toilet', expectedId: 'fixture:toilet:jingan-temple', kind: 'mixed' },
  { query: 'jingansi wsj', expectedId: 'fixture:toilet:jingan-temple', kind: 'initials' },
  { query: 'changzheng hospital', expectedId: 'fixture:place:changzheng-hospital', kind: 'english' },
  { query: 'cqnl fxzl', expectedId: 'fixture:ramp:chongqing-fuxing', kind: 'initials' },
  { query: 'chongqing s rd ramp', expectedId: 'fixture:ramp:chongqing-fuxing', kind: 'english' },
  { query: 'raffles city elevatr', expectedId: 'fixture:elevator:raffles-city', kind: 'typo' },
  { query: 'toilet', expectedId: 'fixture:toilet:bund-tunnel', kind: 'category', origin: beside('fixture:toilet:bund-tunnel') },
  { query: '电梯', expectedId: 'fixture:elevator:raffles-city', kind: 'category', origin: beside('fixture:elevator:raffles-city') },
  { query: 'cesuo', expectedId: 'fixture:toilet:yanan-east', kind: 'category', origin: beside('fixture:toilet:yanan-east') },
  { query: 'ramp', expectedId: 'fixture:ramp:shanghai-library', kind: 'category', origin: beside('fixture:ramp:shanghai-library') },
  { query: '盲道', expectedId: 'fixture:tactile_paving:huaihai', kind: 'category', origin: beside('fixture:tactile_paving:huaihai') },
];
