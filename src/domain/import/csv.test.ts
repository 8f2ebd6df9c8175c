import { describe, it, expect } from 'vitest';
import { detectSeparator, parseCsv } from './csv.ts';

const cellsOf = (text: string): string[][] => parseCsv(text).rows.map((row) => row.cells);

describe('parseCsv (RFC 4180)', () => {
  it('splits fields on commas and records on CRLF, LF or CR', () => {
    expect(cellsOf('名称,类别\r\n人民广场,卫生间\r\n')).toEqual([['名称', '类别'], ['人民广场', '卫生间']]);
    expect(cellsOf('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cellsOf('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps commas, line breaks and doubled quotes inside a quoted field', () => {
    const text = 'name,address\r\n"Toilet, ""east""","Line 1\r\nLine 2"\r\nnext,row\r\n';
    const { rows, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(rows.map((row) => row.cells)).toEqual([['name', 'address'], ['Toilet, "east"', 'Line 1\r\nLine 2'], ['next', 'row']]);
  });

  it('numbers each row by the line it starts on, counting the line breaks inside quotes', () => {
    const text = 'h1,h2\n"a\nb\nc",x\n\nlast,y\n';
    expect(parseCsv(text).rows.map((row) => row.lineNumber)).toEqual([1, 2, 6]);
  });

  it('drops a byte order mark and blank rows, keeps empty fields', () => {
    expect(cellsOf('\uFEFF名称,类别\n,,\n\na,,c\n')).toEqual([['名称', '类别'], ['a', '', 'c']]);
  });

  it('reads an empty quoted field and a last row without a line break', () => {
    expect(cellsOf('a,"",c')).toEqual([['a', '', 'c']]);
  });

  it('drops spaces around a quoted field but keeps spaces of an unquoted one', () => {
    expect(cellsOf('a , "b, c" ,d')).toEqual([['a ', 'b, c', 'd']]);
  });

  it('reports a quote that is never closed at the line where it opened', () => {
    const { rows, problems } = parseCsv('名称,地址\n"人民广场,黄浦区\n下一行,x\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.lineNumber).toBe(2);
    expect(problems[0]?.detail).toMatch(/never closed/);
    expect(rows).toHaveLength(2);
  });

  it('reports a stray quote inside an unquoted field and text after a closing quote', () => {
    const { rows, problems } = parseCsv('a,b"c\n"d"e,f\n');
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b"c'], ['de', 'f']]);
    expect(problems.map((problem) => problem.lineNumber)).toEqual([1, 2]);
  });
});

describe('detectSeparator', () => {
  it('takes the separator that occurs most on the header line, outside quotes', () => {
    expect(detectSeparator('名称\t类别\t经度\t纬度\n1,2,3,4,5,6')).toBe('\t');
    expect(detectSeparator('名称;类别;"a,b,c,d"\n')).toBe(';');
    expect(detectSeparator('名称,类别\n')).toBe(',');
    expect(detectSeparator('one column\n')).toBe(',');
    expect(cellsOf('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
