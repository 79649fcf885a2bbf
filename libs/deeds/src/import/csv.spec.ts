// The CSV reader, RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes, BOM, CRLF.
import { csvLine, readCsv, type CsvItem } from './csv.js';

const read = (text: string): CsvItem[] => [...readCsv(text)];
const fields = (text: string) => read(text).map((item) => (item.ok ? item.fields : item.message));

describe('readCsv', () => {
  it('reads plain records with LF line ends', () => {
    expect(read('a,b,c\n1,2,3\n')).toEqual([
      { ok: true, line: 1, fields: ['a', 'b', 'c'] },
      { ok: true, line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads CRLF and lone CR line ends, with or without a final line end', () => {
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(fields('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('drops a leading byte-order mark', () => {
    expect(fields('\uFEFFexternal_id,title\r\nx,y\r\n')).toEqual([['external_id', 'title'], ['x', 'y']]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(fields(',a,,b,\n')).toEqual([['', 'a', '', 'b', '']]);
    expect(fields('a,')).toEqual([['a', '']]);
    expect(fields('""')).toEqual([['']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'id,text\n1,"Hei, maailma"\n2,"Hän sanoi ""kiitos"""\n3,"rivi 1\nrivi 2\r\nrivi 3"\n4,""""\n';
    expect(fields(text)).toEqual([
      ['id', 'text'],
      ['1', 'Hei, maailma'],
      ['2', 'Hän sanoi "kiitos"'],
      ['3', 'rivi 1\nrivi 2\r\nrivi 3'],
      ['4', '"'],
    ]);
  });

  it('gives each record the physical line it starts on, counting line breaks inside quotes', () => {
    const text = 'h1,h2\r\n"a\r\nb\r\nc",x\r\nplain,y\r\n"one\ntwo",z\n\nlast,w';
    expect(read(text).map((item) => item.line)).toEqual([1, 2, 5, 6, 9]);
  });

  it('skips blank lines but counts them', () => {
    expect(read('a\n\n\r\nb\n').map((item) => [item.line, item.ok && item.fields])).toEqual([
      [1, ['a']],
      [4, ['b']],
    ]);
  });

  it('keeps unicode and spaces as they are (no trimming)', () => {
    expect(fields(' ääkköset , 😀 ,"  lainattu  "\n')).toEqual([[' ääkköset ', ' 😀 ', '  lainattu  ']]);
  });

  it('reports a quote inside an unquoted field with its line and goes on at the next line', () => {
    const items = read('a,b\nab"c,d\ne,f\n');
    expect(items[1]).toMatchObject({ ok: false, line: 2 });
    expect((items[1] as { message: string }).message).toMatch(/quote/);
    expect(items[2]).toEqual({ ok: true, line: 3, fields: ['e', 'f'] });
  });

  it('reports text after a closing quote', () => {
    const items = read('"ab"c,d\nx,y');
    expect(items[0]).toMatchObject({ ok: false, line: 1 });
    expect((items[0] as { message: string }).message).toMatch(/after a closing quote/);
    expect(items[1]).toEqual({ ok: true, line: 2, fields: ['x', 'y'] });
  });

  it('reports an unclosed quote at the line where the record starts', () => {
    const items = read('a,b\n1,2\n3,"never closed\nmore\n');
    expect(items.slice(0, 2).every((item) => item.ok)).toBe(true);
    expect(items[2]).toMatchObject({ ok: false, line: 3 });
    expect((items[2] as { message: string }).message).toMatch(/not closed/);
    expect(items).toHaveLength(3);
  });

  it('reads an empty text as no records', () => {
    expect(read('')).toEqual([]);
    expect(read('\uFEFF')).toEqual([]);
    expect(read('\n\n')).toEqual([]);
  });

  it('reads another delimiter when asked', () => {
    expect(fields('a;b,c\n')).toEqual([['a;b', 'c']]);
    expect([...readCsv('a;"b;c";d\n', ';')].map((i) => i.ok && i.fields)).toEqual([['a', 'b;c', 'd']]);
  });

  it('round-trips what csvLine writes', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quotes"', 'multi\nline', ''],
      ['ä', '"', ',', '\r\n', ' x '],
    ];
    const text = rows.map((row) => csvLine(row)).join('\r\n') + '\r\n';
    expect(fields(text)).toEqual(rows);
  });

  it('reads 100,000 records quickly', () => {
    const line = csvLine(['id-1', 'imatra', 'Otsikko, pitkä', 'Tavoite\nmonella rivillä "lainaus"', 'x'.repeat(300)]);
    const text = Array.from({ length: 100_000 }, () => line).join('\n');
    const started = Date.now();
    let count = 0;
    for (const item of readCsv(text)) if (item.ok) count++;
    expect(count).toBe(100_000);
    expect(Date.now() - started).toBeLessThan(10_000) // linear, not quadratic: about 0.3 s;
  });
});
