import { displayWidth, graphemeWidth, splitGraphemes } from './width';

/** Closing punctuation that must not start a line (kinsoku): it stays with what precedes it. */
const NO_LINE_START = new Set('、。，．・：；？！」』）】〉》ー…,.;:!?)]'.split(''));

interface Chunk {
  text: string;
  width: number;
  /** Where its graphemes start, in case a word must be cut. */
  from: number;
  to: number;
}

/**
 * Break text into chunks that may not be split: a run of spaces, a word of narrow
 * characters, or one wide (CJK) character, which may break on either side. The text is
 * segmented and measured once here, not again per chunk.
 */
function chunks(graphemes: string[], widths: number[]): Chunk[] {
  const out: Chunk[] = [];
  let word: Chunk | undefined;
  for (let i = 0; i < graphemes.length; i++) {
    const g = graphemes[i]!;
    const w = widths[i]!;
    const last = out[out.length - 1];
    if (g === ' ') {
      word = undefined;
      out.push({ text: ' ', width: 1, from: i, to: i + 1 });
    } else if (NO_LINE_START.has(g) && !word && last && last.text !== ' ') {
      last.text += g;
      last.width += w;
      last.to = i + 1;
    } else if (w >= 2) {
      word = undefined;
      out.push({ text: g, width: w, from: i, to: i + 1 });
    } else if (word) {
      word.text += g;
      word.width += w;
      word.to = i + 1;
    } else {
      word = { text: g, width: w, from: i, to: i + 1 };
      out.push(word);
    }
  }
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
  const graphemes = splitGraphemes(paragraph.replace(/\s+/gu, ' ').trim());
  const widths = graphemes.map(graphemeWidth);
  for (const chunk of chunks(graphemes, widths)) {
    if (chunk.text === ' ') {
      if (used > 0 && used < width) {
        line += ' ';
        used += 1;
      }
      continue;
    }
    if (used + chunk.width > width && used > 0) newLine();
    if (chunk.width <= width) {
      line += chunk.text;
      used += chunk.width;
      continue;
    }
    for (let i = chunk.from; i < chunk.to; i++) {
      const g = graphemes[i]!;
      const gw = widths[i]!;
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
