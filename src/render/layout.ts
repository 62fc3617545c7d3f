import { escapeLine, escapeText } from './escape';
import type { View } from './view';
import { READABLE_MEASURE } from './view';
import { displayWidth, pad } from './width';
import { wrapParagraph, wrapText } from './wrap';

/** A labelled value, or nothing when there is no value. Both are escaped here. */
export type Field = [label: string, value: string | number | undefined];

/**
 * Aligned "Label  value" lines, skipping empty values. In a terminal a long value wraps
 * under itself; in a pipe it stays on one line.
 */
export function renderFields(fields: Field[], view: View, indent = ''): string {
  // Labels are escaped too: a filmography uses work titles as labels.
  const present = fields.filter(([, v]) => v !== undefined && v !== '').map(([l, v]) => [escapeLine(l), v]) as [string, string | number][];
  const labelWidth = Math.max(0, ...present.map(([l]) => displayWidth(l)));
  const hanging = ' '.repeat(displayWidth(indent) + labelWidth + 2);
  const room = view.width - hanging.length;
  // Too narrow to put values beside their labels: each value goes under its label, indented.
  const under = `${indent}    `;
  return present
    .map(([label, value]) => {
      const text = escapeLine(String(value));
      if (!view.tty) return `${indent}${view.color.dim(pad(label, labelWidth))}  ${text}\n`;
      if (room < 20) return `${indent}${view.color.dim(label)}\n${renderHanging([{ text: String(value) }], view, under)}`;
      return `${indent}${view.color.dim(pad(label, labelWidth))}  ${wrapParagraph(text, room).join(`\n${hanging}`)}\n`;
    })
    .join('');
}

/** A titled block, or nothing when the body is empty. */
export function section(title: string, body: string, view: View): string {
  return body === '' ? '' : `\n${view.color.bold(title)}\n${body}`;
}

/** Prose, escaped; wrapped to the terminal (at most a readable measure), left whole in a pipe. */
export function renderProse(text: string, view: View, indent = '  '): string {
  const safe = escapeText(text);
  if (!view.tty) {
    return (
      safe
        .split(/\n[ \t]*\n/)
        .map((p) => indent + p.replace(/\s+/g, ' ').trim())
        .join('\n\n') + '\n'
    );
  }
  const width = Math.min(view.width, READABLE_MEASURE + indent.length);
  return `${emphasise(wrapText(safe, width, indent), view)}\n`;
}

/** `*emphasis*` in prose becomes italic in colour; plain output keeps the asterisks. */
function emphasise(text: string, view: View): string {
  if (view.color.level === 0) return text;
  return text.replace(/\*([^*\s][^*\n]*?)\*/g, (_, inner: string) => view.color.italic(inner));
}

/** One escaped line of our own text, wrapped in a terminal, styled after wrapping. */
export function renderLine(text: string, view: View, style: (s: string) => string = (s) => s): string {
  const safe = escapeLine(text);
  const lines = view.tty ? wrapParagraph(safe, view.width) : [safe];
  return lines.map((l) => `${style(l)}\n`).join('');
}

/** A piece of a line and its style: a line of several styles still wraps as one text. */
interface Piece {
  text: string;
  style?: (s: string) => string;
}

/** A word of a line being wrapped: its styled parts (a word can span pieces) and its width. */
interface Word {
  parts: { text: string; style: (s: string) => string }[];
  width: number;
}

const plain = (s: string): string => s;

/**
 * One line of pieces (each escaped here), after `indent`. In a terminal it wraps at spaces to
 * the width, each further line under `hang` (a hanging indent), each part in its piece's
 * style; runs of spaces inside a line are kept, and a word longer than a line is cut between
 * characters. In a pipe it stays one line.
 */
export function renderHanging(pieces: Piece[], view: View, indent = '', hang = indent): string {
  if (!view.tty) return `${indent}${pieces.map(({ text, style = plain }) => style(escapeLine(text))).join('')}\n`;
  // Words and the runs of spaces between them (as their length), across pieces.
  const items: (Word | number)[] = [];
  let word: Word | undefined;
  for (const { text, style = plain } of pieces) {
    for (const run of escapeLine(text).split(/( +)/)) {
      if (run === '') continue;
      if (run.startsWith(' ')) {
        word = undefined;
        items.push(run.length);
        continue;
      }
      if (!word) items.push((word = { parts: [], width: 0 }));
      word.parts.push({ text: run, style });
      word.width += displayWidth(run);
    }
  }
  const room = Math.max(10, view.width - displayWidth(hang));
  type Part = Word['parts'][number];
  const lines: Part[][] = [];
  let line: Part[] = [{ text: indent, style: plain }];
  let used = displayWidth(indent);
  let start = true;
  let spaces = 0;
  const add = (parts: Part[], width: number): void => {
    if (!start && used + spaces + width > view.width) {
      lines.push(line);
      [line, used, start] = [[{ text: hang, style: plain }], displayWidth(hang), true];
    }
    if (!start) line.push({ text: ' '.repeat(spaces), style: plain });
    line.push(...parts);
    used += (start ? 0 : spaces) + width;
    [start, spaces] = [false, 0];
  };
  for (const item of items) {
    if (typeof item === 'number') spaces += start ? 0 : item;
    else if (item.width <= room) add(item.parts, item.width);
    // Too long for any line: cut between characters, in the style it starts with.
    else
      for (const part of wrapParagraph(item.parts.map((p) => p.text).join(''), room))
        add([{ text: part, style: item.parts[0]!.style }], displayWidth(part));
  }
  lines.push(line);
  return `${lines.map((l) => styled(l).trimEnd()).join('\n')}\n`;
}

/** A line's parts with each style applied once to a run of parts in it, spaces between them included. */
function styled(parts: Word['parts']): string {
  let out = '';
  for (let i = 0; i < parts.length;) {
    const { style } = parts[i]!;
    let text = '';
    let j = i;
    // A run: parts of this style, and the plain spaces between two of them.
    for (; j < parts.length; j++) {
      const p = parts[j]!;
      if (p.style === style) text += p.text;
      else if (style !== plain && p.style === plain && /^ +$/.test(p.text) && parts[j + 1]?.style === style) text += p.text;
      else break;
    }
    out += style(text);
    i = j;
  }
  return out;
}

/** A bulleted list of escaped items, each wrapped under its own text. */
export function renderBullets(items: string[] | undefined, indent = '  ', view?: View): string {
  return (items ?? [])
    .map((i) => (view ? renderHanging([{ text: i }], view, `${indent}- `, `${indent}  `) : `${indent}- ${escapeLine(i)}\n`))
    .join('');
}

export { countryName, languageName } from '../util/names';

/** "Character design" for "character-design". */
export function roleLabel(role: string): string {
  if (role === 'cgi-director') return 'CGI director';
  const words = role.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
