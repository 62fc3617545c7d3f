import { displayWidth, splitGraphemes } from './width';

/** Closing punctuation that must not start a line (kinsoku): it stays with what precedes it. */
const NO_LINE_START = new Set('、。，．・：；？！」』）】〉》ー…,.;:!?)]'.split(''));

/**
 * Break text into chunks that may not be split: a run of spaces, a word of narrow
 * characters, or one wide (CJK) character, which may break on either side.
 */
function chunks(paragraph: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = (): void => {
    if (word) out.push(word);
    word = '';
  };
  for (const g of splitGraphemes(paragraph)) {
    if (/^\s+$/u.test(g)) {
      flush();
      out.push(' ');
    } else if (NO_LINE_START.has(g) && !word && out.length > 0 && out[out.length - 1] !== ' ') {
      out[out.length - 1] += g;
    } else if (displayWidth(g) >= 2) {
      flush();
      word = g;
      flush();
    } else {
      word += g;
    }
  }
  flush();
  return out;
}

/** Wrap one paragraph to `width` columns; a word longer than a line is cut between characters. */
export function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const newLine = (): void => {
    lines.push(line.trimEnd());
    line = '';
    used = 0;
  };
  for (const chunk of chunks(paragraph.replace(/\s+/gu, ' ').trim())) {
    const w = displayWidth(chunk);
    if (chunk === ' ') {
      if (used > 0 && used < width) {
        line += ' ';
        used += 1;
      }
      continue;
    }
    if (used + w > width && used > 0) newLine();
    if (w <= width) {
      line += chunk;
      used += w;
      continue;
    }
    for (const g of splitGraphemes(chunk)) {
      const gw = displayWidth(g);
      if (used + gw > width && used > 0) newLine();
      line += g;
      used += gw;
    }
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Wrap text whose paragraphs are separated by blank lines; paragraphs stay separated. */
export function wrapText(text: string, width: number, indent = ''): string {
  const inner = Math.max(10, width - displayWidth(indent));
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) =>
      wrapParagraph(p, inner)
        .map((l) => indent + l)
        .join('\n'),
    )
    .join('\n\n');
}
