import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCells, escapeJson, escapeLine, escapeText } from '../../src/render/escape';
import { joinCells, splitCells } from '../../src/util/tsv';
import { fitCell, fitColumns, rankEmpty, renderCsv, renderTable } from '../../src/render/table';
import { PLAIN } from '../../src/render/view';
import type { View } from '../../src/render/view';
import { displayWidth, truncate } from '../../src/render/width';
import { wrapParagraph, wrapText } from '../../src/render/wrap';

const view = (tty: boolean, width = 40): View => ({ tty, width, color: PLAIN });
// Anything a terminal would act on: C0, DEL, C1 and the bidi controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('styles without colour', () => {
  it('return every text as chalk at level 0 does, so leaving chalk unloaded changes nothing', () => {
    const chalk = new Chalk({ level: 0 });
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const name of ['bold', 'dim', 'italic', 'red', 'yellow', 'green', 'cyan'] as const)
          expect(PLAIN[name](s)).toBe(chalk[name](s));
        expect(PLAIN.bold.underline(s)).toBe(chalk.bold.underline(s));
      }),
    );
    expect(PLAIN.level).toBe(chalk.level);
  });
});

describe('escaping', () => {
  it.each([
    ['\u001b[31mred', '^[[31mred'],
    ['\u001b]52;c;SGVsbG8=\u0007', '^[]52;c;SGVsbG8=^G'],
    ['\u001b]8;;http://x\u001b\\link', '^[]8;;http://x^[\\link'],
    ['\u009b31m', '\\u009b31m'],
    ['abc\u202edcb', 'abc\\u202edcb'],
    ['over\rwrite', 'over^Mwrite'],
    ['two\nlines', 'two^Jlines'],
    ['大友克洋 🎬 café', '大友克洋 🎬 café'],
  ])('escapeLine(%j) = %j', (input, expected) => {
    expect(escapeLine(input)).toBe(expected);
  });

  it('keeps newlines in prose', () => {
    expect(escapeText('one\n\ntwo\u001b[2J')).toBe('one\n\ntwo^[[2J');
  });

  it('leaves JSON valid and free of C1 and bidi controls', () => {
    const json = escapeJson(JSON.stringify({ t: 'a\u0085b\u202ec' }));
    expect(json).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toEqual({ t: 'a\u0085b\u202ec' });
  });

  it('is idempotent and never lets a control character through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = escapeLine(s);
        expect(once).not.toMatch(CONTROL);
        expect(escapeLine(once)).toBe(once);
      }),
    );
  });
});

describe('a row as one line of cells', () => {
  // Cells of everything a row could hold, and of what its line format writes out.
  const cell = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom('a', '\\', '\t', '\n', 't', 'n', '\u001b', '大', ' '), { maxLength: 8 }).map((cs) => cs.join('')),
  );

  it('gives back exactly the cells it was made of', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        const line = joinCells(cells);
        expect(line).not.toContain('\n');
        expect(splitCells(line)).toEqual(cells);
      }),
    );
  });

  it('prints in a pipe as its cells escaped one by one, joined by tabs', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
        expect(escapeCells(joinCells(cells))).toBe(cells.map(escapeLine).join('\t'));
      }),
    );
    expect(escapeCells(joinCells(['a\tb', 'c\\d', 'e\u001bf']))).toBe('a^Ib\tc\\d\te^[f');
  });

  it('lets no control character through, whatever line it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (line) => {
        expect(escapeCells(line).replaceAll('\t', '')).not.toMatch(CONTROL);
      }),
    );
  });
});

describe('wrapping', () => {
  it('breaks CJK text between characters and keeps closing punctuation on the line', () => {
    expect(wrapParagraph('彼女の想いで。大砲の街。', 8)).toEqual(['彼女の想', 'いで。大', '砲の街。']);
  });

  it('keeps paragraphs apart', () => {
    expect(wrapText('one two three\n\nfour', 20)).toBe('one two three\n\nfour');
  });

  it('never exceeds the width and never loses a character', () => {
    const word = fc
      .array(fc.constantFrom('a', 'q', 'é', '大', '友', '克', '洋', '🎬', '、', '。'), { minLength: 1, maxLength: 14 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 4, max: 60 }), (words, width) => {
        const text = words.join(' ');
        const lines = wrapParagraph(text, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});

describe('tables', () => {
  const columns = [{ header: 'ID', fixed: true }, { header: 'TITLE' }, { header: 'NOTE' }];
  const rows = [
    ['magnetic-rose', '彼女の想いで', 'a long note that will not fit'],
    ['x', 'Memories', ''],
  ];

  it('prints tab-separated rows with no header in a pipe, cutting nothing', () => {
    expect(renderTable({ columns, rows }, view(false))).toBe('magnetic-rose\t彼女の想いで\ta long note that will not fit\nx\tMemories\t\n');
  });

  it('escapes tabs and newlines in a pipe so each record stays one line', () => {
    expect(renderTable({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['a\tb', 'c\nd']] }, view(false))).toBe('a^Ib\tc^Jd\n');
  });

  it('fits a terminal width, cutting with … and never cutting a fixed column', () => {
    const out = renderTable({ columns, rows }, view(true, 36));
    // 36 columns: the id keeps its 13, and TITLE and NOTE share the rest; no line ends in spaces.
    expect(out).toBe(
      ['ID             TITLE      NOTE', 'magnetic-rose  彼女の想…  a long n…', 'x              Memories'].join('\n') + '\n',
    );
  });

  it('wraps a column that may wrap onto up to three lines, cutting only the third', () => {
    const wrapped = [columns[0]!, { header: 'TITLE', wrap: true }, { header: 'NOTE', wrap: true }];
    expect(renderTable({ columns: wrapped, rows }, view(true, 40))).toBe(
      [
        'ID             TITLE        NOTE',
        'magnetic-rose  彼女の想い   a long note',
        '               で           that will',
        '                            not fit',
        'x              Memories',
      ].join('\n') + '\n',
    );
    expect(
      renderTable({ columns: wrapped, rows: [['a', 'x', 'one two three four five six seven eight']] }, view(true, 22)).split('\n')[3],
    ).toBe('           five six s…');
  });

  it('drops the least important columns first when even the narrowest layout does not fit, and never the id before the others', () => {
    const ranked = [
      { header: 'ID', fixed: true, priority: 9 },
      { header: 'TITLE', wrap: true, priority: 8 },
      { header: 'STATUS', priority: 1 },
      { header: 'YEAR', fixed: true, priority: 7 },
    ];
    const table = { columns: ranked, rows: [['magnetic-rose', 'Magnetic Rose', 'out-of-print', '1995']] };
    expect(renderTable(table, view(true, 80)).split('\n')[0]).toBe('ID             TITLE          STATUS        YEAR');
    expect(renderTable(table, view(true, 36)).split('\n')[0]).toBe('ID             TITLE          YEAR');
    expect(renderTable(table, view(true, 20)).split('\n')[0]).toBe('ID');
  });

  it('lays out every row as its fitted cells padded to their columns, measured as string-width measures', async () => {
    const { default: stringWidth } = await import('string-width');
    // Wide, combining, emoji, ZWJ and flag clusters, where string-width 4 (cli-table3's own) measures otherwise.
    const piece = fc.constantFrom('a', 'z', '大', '友', '🎬', 'é', 'e\u0301', '👩‍🚀', '🇯🇵', '❤️', ' ', 'ｱ');
    const cell = fc.array(piece, { maxLength: 12 }).map((cs) => cs.join(''));
    const shape = fc.array(
      fc.record({ fixed: fc.boolean(), wrap: fc.boolean(), align: fc.constantFrom('left' as const, 'right' as const) }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(
        shape,
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 20, max: 120 }),
        (shapes, data, width) => {
          const table = { columns: shapes.map((s, i) => ({ header: `C${i}`, ...s })), rows: data.map((r) => r.slice(0, shapes.length)) };
          const out = renderTable(table, view(true, width));
          expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
          const lines = out.split('\n').slice(0, -1);
          const natural = table.columns.map((c, i) => Math.max(displayWidth(c.header), ...table.rows.map((r) => displayWidth(r[i]!))));
          const { shown, widths } = fitColumns(rankEmpty(table.columns, table.rows), natural, width);
          const expected = [table.columns.map((c) => c.header), ...table.rows].flatMap((row) => {
            const cells = shown.map((i, k) => fitCell(row[i]!, table.columns[i]!, widths[k]!));
            return Array.from({ length: Math.max(...cells.map((c) => c.length)) }, (_, line) =>
              cells
                .map((c, k) => {
                  const text = c[line] ?? '';
                  const room = ' '.repeat(Math.max(0, widths[k]! - stringWidth(text)));
                  return table.columns[shown[k]!]!.align === 'right' ? room + text : text + room;
                })
                .join('  ')
                .trimEnd(),
            );
          });
          expect(lines).toEqual(expected);
          // Only a fixed column may make a line wider than the terminal.
          if (shown.every((i) => !table.columns[i]!.fixed)) for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });

  it('writes CSV with a header, quoting where needed and defusing formulas', () => {
    const csv = renderCsv({
      columns: [{ header: 'ID' }, { header: 'TITLE' }],
      rows: [
        ['a', 'Memories, 1995'],
        ['b', '=HYPERLINK("x")'],
        ['c', '彼女の想いで'],
      ],
    });
    expect(csv).toBe('ID,TITLE\r\na,"Memories, 1995"\r\nb,"\'=HYPERLINK(""x"")"\r\nc,彼女の想いで\r\n');
  });

  it('truncates by display width', () => {
    expect(truncate('大友克洋', 5)).toBe('大友…');
    expect(displayWidth(truncate('大友克洋', 5))).toBeLessThanOrEqual(5);
  });
});
