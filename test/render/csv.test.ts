import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatTable, neutraliseFormula } from '../../src/data/write-table.js';
import { DATASETS } from '../../src/data/datasets/index.js';
import { toCsv } from '../../src/render/figures.js';

// OWASP CSV injection: what a spreadsheet would run as a formula when a reader opens a chart's CSV.
const HOSTILE = [
  '=1+1',
  '+1+1',
  '-1+2',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  ' =1+1',
  '  @x',
  '\u3000=1',
  '\uff1d1+1',
  '\uff0b1',
  '\uff0d1',
  '\uff20x',
  'a;=HYPERLINK("http://x","y")',
  'a; -1+2',
  'a,=1+1',
  'a|=1',
  "line\n=cmd|' /C calc'!A0",
  '-',
  '- bullet',
];
const TRIGGER = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

describe('chart CSV downloads', () => {
  it('prefix every formula-looking cell, part after a separator and header with a quote', () => {
    const csv = toCsv(
      ['label', '=header'],
      HOSTILE.map((text) => [text, 1]),
    );
    const cells = (parse(csv) as string[][]).flat();
    expect(cells[1]).toBe("'=header");
    for (const text of HOSTILE) {
      const cell = cells[cells.indexOf(neutraliseFormula(text))];
      expect(cell, JSON.stringify(text)).toBeDefined();
      // The cell and every part a spreadsheet could split off at ; , | tab or a line break.
      for (const part of [cell!, ...cell!.split(/[;,|\t\r\n]/).slice(1)]) {
        expect(TRIGGER.test(part) && !PLAIN_NUMBER.test(part), `${JSON.stringify(text)} -> ${JSON.stringify(part)}`).toBe(false);
      }
      expect(cell!.replace(/'/g, ''), 'only quotes are added').toBe(text.replace(/'/g, ''));
    }
    expect(neutraliseFormula('\t=1')).toMatch(/^'/);
    expect(neutraliseFormula('a;=HYPERLINK("x")')).toBe('a;\'=HYPERLINK("x")');
  });

  it('keep numbers as numbers, negative ones included, and leave ordinary text alone', () => {
    const csv = toCsv(
      ['year', 'change', 'label'],
      [
        [2021, -3.5, '-3.5'],
        [2022, 1e-7, '碳市场 EU ETS'],
        [2023, null, '2010–2022; +4%'],
      ],
    );
    expect(csv).toBe("year,change,label\r\n2021,-3.5,-3.5\r\n2022,1e-7,碳市场 EU ETS\r\n2023,,2010–2022;' +4%\r\n");
  });

  it('are RFC 4180 with CRLF, quoting commas, quotes, line breaks and edge spaces', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['two\nlines', ' pad '],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"two\nlines"," pad "\r\n');
  });
});

describe('data/ tables', () => {
  it('keep their values exactly (formulas are data there, not neutralised) and read back the same', () => {
    const schema = DATASETS.markets;
    const fields = Object.keys(schema.fields);
    const row = Object.fromEntries(fields.map((f) => [f, '=1+1; -2, "q"\n ']));
    const text = formatTable(schema, [row]);
    expect(parse(text)[1]).toEqual(fields.map(() => '=1+1; -2, "q"\n '));
    expect(formatCsv([[true, false, null, undefined, 3]], { newline: '\n', formulas: 'keep' })).toBe('true,false,,,3\n');
  });
});
