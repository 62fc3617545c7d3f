import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJson, escapeLine, escapeText } from '../../src/render/escape';
import { renderCsv, renderTable } from '../../src/render/table';
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
        for (const name of ['bold', 'dim', 'italic', 'red', 'yellow', 'green', 'cyan'] as const) expect(PLAIN[name](s)).toBe(chalk[name](s));
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

describe('wrapping', () => {
  it('breaks CJK text between characters and keeps closing punctuation on the line', () => {
    expect(wrapParagraph('彼女の想いで。大砲の街。', 8)).toEqual(['彼女の想', 'いで。大', '砲の街。']);
  });

  it('keeps paragraphs apart', () => {
    expect(wrapText('one two three\n\nfour', 20)).toBe('one two three\n\nfour');
  });

  it('never exceeds the width and never loses a character', () => {
    const word = fc.array(fc.constantFrom('a', 'q', 'é', '大', '友', '克', '洋', '🎬', '、', '。'), { minLength: 1, maxLength: 14 }).map((cs) => cs.join(''));
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
    // 36 columns: the id keeps its 13, and TITLE and NOTE share the rest at 9 each.
    // Every row is padded to the same width, so columns line up whatever follows.
    expect(out).toBe(['ID             TITLE      NOTE     ', 'magnetic-rose  彼女の想…  a long n…', 'x              Memories            '].join('\n') + '\n');
  });

  it('gives every row the same display width in a terminal', () => {
    const cell = fc.array(fc.constantFrom('a', 'z', '大', '友', '🎬', 'é', ' '), { maxLength: 20 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), fc.integer({ min: 30, max: 120 }), (data, width) => {
        const lines = renderTable({ columns: [{ header: 'A' }, { header: 'B' }, { header: 'C', align: 'right' }], rows: data.map((r) => [...r]) }, view(true, width))
          .split('\n')
          .filter(Boolean);
        const widths = new Set(lines.map(displayWidth));
        expect(widths.size).toBe(1);
      }),
    );
  });

  it('writes CSV with a header, quoting where needed and defusing formulas', () => {
    const csv = renderCsv({ columns: [{ header: 'ID' }, { header: 'TITLE' }], rows: [['a', 'Memories, 1995'], ['b', '=HYPERLINK("x")'], ['c', '彼女の想いで']] });
    expect(csv).toBe('ID,TITLE\r\na,"Memories, 1995"\r\nb,"\'=HYPERLINK(""x"")"\r\nc,彼女の想いで\r\n');
  });

  it('truncates by display width', () => {
    expect(truncate('大友克洋', 5)).toBe('大友…');
    expect(displayWidth(truncate('大友克洋', 5))).toBeLessThanOrEqual(5);
  });
});
