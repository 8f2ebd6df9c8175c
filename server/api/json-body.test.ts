import { describe, it, expect } from 'vitest';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-body.ts';

/** Texts that JSON.parse accepts; the scanner must accept every one. */
const VALID = [
  '{}', '[]', '0', '-0.5e+10', '"\\u00e9\\n"', 'true', ' null ', '{"a":[1,{"b":false}],"c":"坡道"}', '[[[[[]]]]]', '1E3', '"\\/"',
];

/** A valid beginning, then the first character that cannot follow it: the scanner must point at that character. */
const BROKEN: [prefix: string, rest: string][] = [
  ['{"a":', '}'],
  ['[1,', ']'],
  ['{"a" ', '1}'],
  ['{', '1:2}'],
  ['0', '1'],
  ['[1 ', '2]'],
  ['"tab\\', 'x"'],
  ['-', 'a'],
  ['1.', 'e5'],
  ['tr', 'ue'.replace('u', 'x')],
  ['{"a":1} ', '{}'],
  ['[', "'single'"],
  ['"line', '\nbreak"'],
  ['"\\u12', 'G4"'],
];

describe('jsonSyntaxErrorOffset', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of VALID) {
      expect(() => JSON.parse(text), text).not.toThrow();
      expect(jsonSyntaxErrorOffset(text), text).toBeNull();
    }
  });

  it('points at the first character that cannot continue the text', () => {
    for (const [prefix, rest] of BROKEN) {
      const text = prefix + rest;
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonSyntaxErrorOffset(text), text).toBe(prefix.length);
    }
  });

  it('agrees with V8 wherever V8 names a position', () => {
    const texts = ['{', '{"a" 1}', '{"a":1,}', '[1 2]', '{"a":1 "b":2}', '{,}'];
    for (const text of texts) {
      let position: number | null = null;
      try {
        JSON.parse(text);
      } catch (error) {
        const found = /at position (\d+)/.exec((error as Error).message)?.[1];
        position = found === undefined ? null : Number(found);
      }
      if (position !== null) expect(jsonSyntaxErrorOffset(text), text).toBe(position);
    }
  });

  it('says a text that ends too early is broken at its end', () => {
    for (const text of ['{"a":', '[1,2', '"open', '{"a":[1,{"b":']) expect(jsonSyntaxErrorOffset(text), text).toBe(text.length);
  });

  it('scans 60 000 nested brackets without overflowing the stack', () => {
    const depth = 60_000;
    expect(jsonSyntaxErrorOffset('['.repeat(depth) + ']'.repeat(depth))).toBeNull();
    expect(jsonSyntaxErrorOffset('['.repeat(depth) + '}')).toBe(depth);
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1, as editors do', () => {
    const text = 'first\nsecond line\nthird';
    const offset = text.indexOf('line');
    expect(lineAndColumn(text, offset)).toEqual({ line: 2, column: 'second '.length + 1 });
    expect(lineAndColumn(text, 0)).toEqual({ line: 1, column: 1 });
  });
});
