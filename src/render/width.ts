import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Display width in terminal columns: CJK and emoji take two, combining marks none. Built on
 * get-east-asian-width rather than string-width: string-width compiles a \p{RGI_Emoji} regex
 * and an Intl.Segmenter when it is loaded, about 35 ms of every start-up. The rules below follow
 * string-width's, and a property test checks the two agree (tests/unit/width.test.ts).
 */

// Created on the first string that needs it: ICU's segmenter costs about 10 ms to set up.
let segmenter: Intl.Segmenter | undefined;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Unicode property classes take about 1 ms to build: made for the first string that is not plain ASCII.
let classes: { invisible: RegExp; spacingMark: RegExp; pictographic: RegExp; maybeEmoji: RegExp } | undefined;
const unicode = (): NonNullable<typeof classes> =>
  (classes ??= {
    invisible: /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u,
    spacingMark: /\p{Spacing_Mark}/u,
    pictographic: /\p{Extended_Pictographic}/gu,
    maybeEmoji: /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u20E3/u,
  });
const UNQUALIFIED_KEYCAP = /^[\d#*]\u20E3$/;
// Compiled on the first emoji: the \p{RGI_Emoji} set costs about 25 ms to compile.
let rgiEmoji: RegExp | undefined;

/** Emoji clusters are two columns: every RGI emoji, plus unqualified keycaps and ZWJ sequences. */
function isWideEmoji(cluster: string): boolean {
  rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  if (rgiEmoji.test(cluster) || UNQUALIFIED_KEYCAP.test(cluster)) return true;
  return cluster.length <= 50 && cluster.includes('\u200D') && (cluster.match(unicode().pictographic)?.length ?? 0) >= 2;
}

// ICU's segmenter takes time that grows faster than the text: 40,000 CJK characters took 0.7 s
// at once. Text is segmented a slice at a time, so the cost stays linear.
const SLICE = 256;

/** Split into user-perceived characters, so a cut never lands inside one. */
export function splitGraphemes(s: string): string[] {
  if (PRINTABLE_ASCII.test(s)) return s.split('');
  segmenter ??= new Intl.Segmenter();
  if (s.length <= SLICE) return Array.from(segmenter.segment(s), (g) => g.segment);
  const out: string[] = [];
  for (let at = 0; at < s.length; ) {
    let end = Math.min(s.length, at + SLICE);
    // Never end a slice between the halves of a surrogate pair.
    if (end < s.length && /[\uD800-\uDBFF]/.test(s[end - 1]!)) end--;
    const parts = Array.from(segmenter.segment(s.slice(at, end)), (g) => g.segment);
    // The last character of a slice may go on past it: it is segmented again with what follows.
    // A slice that is all one character (thousands of combining marks) is taken as it is.
    if (end < s.length && parts.length > 1) parts.pop();
    for (const part of parts) {
      out.push(part);
      at += part.length;
    }
  }
  return out;
}

const isL = (cp: number | undefined): boolean => cp !== undefined && ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c));
const isV = (cp: number | undefined): boolean => cp !== undefined && ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6));
const isT = (cp: number | undefined): boolean => cp !== undefined && ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb));

const isJamo = (cp: number | undefined): boolean => isL(cp) || isV(cp) || isT(cp);

/**
 * Conjoining Hangul jamo: a leading + vowel (+ trailing) run is one syllable block of two
 * columns; other jamo add up, and whatever follows the jamo adds its own width.
 */
function jamoWidth(cps: number[]): number {
  let width = 0;
  for (let i = 0; i < cps.length; i++) {
    if (!isJamo(cps[i])) return width + cps.slice(i).reduce((sum, cp) => sum + eastAsianWidth(cp), 0);
    if (isL(cps[i]) && isV(cps[i + 1])) {
      width += 2;
      i += isT(cps[i + 2]) ? 2 : 1;
    } else width += eastAsianWidth(cps[i]!);
  }
  return width;
}

function clusterWidth(cluster: string): number {
  const chars = [...cluster];
  const { invisible, maybeEmoji, spacingMark } = unicode();
  const first = chars.findIndex((c) => !invisible.test(c));
  if (first === -1) return 0;
  if (maybeEmoji.test(cluster) && isWideEmoji(cluster)) return 2;
  const visible = chars.slice(first).filter((c) => !invisible.test(c)).map((c) => c.codePointAt(0)!);
  if (isJamo(visible[0])) return jamoWidth(visible);
  let width = eastAsianWidth(chars[first]!.codePointAt(0)!);
  // Later spacing marks and half/full-width forms (dakuten) in the same cluster take columns of their own.
  for (const c of chars.slice(first + 1)) {
    if (spacingMark.test(c) || (c >= '\uFF00' && c <= '\uFFEF')) width += eastAsianWidth(c.codePointAt(0)!);
  }
  return width;
}

/** Display width in terminal columns. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let width = 0;
  for (const g of splitGraphemes(s)) width += clusterWidth(g);
  return width;
}

/** Cut to at most `width` columns, ending in "…" when anything was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const g of splitGraphemes(s)) {
    const w = displayWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}…`;
}

/** Pad with spaces to exactly `width` columns (the text must already fit). */
export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}
