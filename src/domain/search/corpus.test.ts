import { describe, it, expect } from 'vitest';
import { buildHanCorpus, buildWordsCorpus, joinCorpus, scanCorpus, sliceSlot, type Corpus } from './corpus.ts';

const slotsOf = (corpus: Corpus): string[] => Array.from({ length: corpus.starts.length - 1 }, (_, slot) => sliceSlot(corpus, slot));

function slotsHolding(corpus: Corpus, needle: string, anchor = 0): number[] {
  const found: number[] = [];
  scanCorpus(corpus, needle, anchor, (slot) => {
    found.push(slot);
    return true;
  });
  return found;
}

describe('buildHanCorpus', () => {
  it('drops spaces and punctuation and folds full-width letters, so pinyin neighbours are neighbours here too', () => {
    const counts = new Int32Array(65536);
    const corpus = buildHanCorpus(['示例站 2号口', '梧桐路/长乐路（东北角）', 'ＡＴＭ机', ''], counts);
    expect(slotsOf(corpus)).toEqual(['示例站2号口', '梧桐路长乐路东北角', 'atm机', '']);
    expect(counts['路'.charCodeAt(0)]).toBe(2);
    expect(counts['（'.charCodeAt(0)]).toBe(0);
  });

  it('keeps every slot in place when NFKC makes a character longer', () => {
    const corpus = buildHanCorpus(['面积10㎡', '和平路'], new Int32Array(65536));
    expect(slotsOf(corpus)).toEqual(['面积10m2', '和平路']);
  });

  it('counts each character once when a slot with a full-width digit is folded again', () => {
    const counts = new Int32Array(65536);
    const corpus = buildHanCorpus(['和平路１９４号', '和平路'], counts);
    expect(slotsOf(corpus)).toEqual(['和平路194号', '和平路']);
    expect(counts['路'.charCodeAt(0)]).toBe(2);
    expect(counts['１'.charCodeAt(0)]).toBe(0);
  });
});

describe('buildWordsCorpus', () => {
  it('lowers the case and removes apostrophes, moving the later slots back', () => {
    const corpus = buildWordsCorpus(["People's Square", "Jing'an Temple", 'East Nanjing Road']);
    expect(slotsOf(corpus)).toEqual(['peoples square', 'jingan temple', 'east nanjing road']);
  });

  it('folds text beyond ASCII as a query is folded', () => {
    const corpus = buildWordsCorpus(['ＷＣ, Lüshun Road', 'Café']);
    expect(slotsOf(corpus)).toEqual(['wc, lvshun road', 'café']);
  });
});

describe('scanCorpus', () => {
  const corpus = joinCorpus(['nan jing dong lu', 'nan jing xi lu', 'bei jing dong lu', 'jing an si']);

  it('visits each slot holding the needle once, in order', () => {
    expect(slotsHolding(corpus, 'jing')).toEqual([0, 1, 2, 3]);
    expect(slotsHolding(joinCorpus(['lu lu lu', 'lu']), 'lu')).toEqual([0, 1]);
    expect(slotsHolding(corpus, 'dong lu')).toEqual([0, 2]);
  });

  it('finds the same slots when the scan starts at a rarer character of the needle', () => {
    expect(slotsHolding(corpus, 'nan jing', 4)).toEqual([0, 1]);
    expect(slotsHolding(corpus, 'bei jing', 6)).toEqual([2]);
  });

  it('stops when told to and reports how far it got', () => {
    const visited: number[] = [];
    const share = scanCorpus(corpus, 'lu', 0, (slot) => {
      visited.push(slot);
      return false;
    });
    expect(visited).toEqual([0]);
    expect(share).toBeLessThan(0.5);
  });
});
