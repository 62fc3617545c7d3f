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
  return present
    .map(([label, value]) => {
      const text = escapeLine(String(value));
      const lines = view.tty && room >= 20 ? wrapParagraph(text, room) : [text];
      return `${indent}${view.color.dim(pad(label, labelWidth))}  ${lines.join(`\n${hanging}`)}\n`;
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

/** A bulleted list of escaped items. */
export function renderBullets(items: string[] | undefined, indent = '  '): string {
  return (items ?? []).map((i) => `${indent}- ${escapeLine(i)}\n`).join('');
}

/** "Japanese" for "ja"; the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "United States" for "US"; the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Character design" for "character-design". */
export function roleLabel(role: string): string {
  if (role === 'cgi-director') return 'CGI director';
  const words = role.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
