import { eastAsianWidth } from 'get-east-asian-width';
import { splitGraphemes as segmentGraphemes } from 'unicode-segmenter/grapheme';

/**
 * Display width in terminal columns: CJK and emoji take two, combining marks none. Built on
 * get-east-asian-width rather than string-width: string-width compiles a \p{RGI_Emoji} regex
 * and an Intl.Segmenter when it is loaded, about 35 ms of every start-up. The rules below follow
 * string-width's, and a property test checks the two agree (tests/unit/width.test.ts).
 */

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

/**
 * Characters that never join a neighbour into one cluster, and whose width is their East Asian
 * width: printable ASCII and Latin-1, precomposed Latin, general punctuation, CJK punctuation,
 * kana, kanji and full-width forms, without the combining marks, sound marks, controls, bidi
 * and emoji-capable characters among them. Most of the catalogue is made only of these.
 */
const SIMPLE =
  /^[\x20-\x7e\xa0-\xa8\xaa-\xac\xaf-\u024f\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u3000-\u3029\u3031-\u303c\u303e\u303f\u3041-\u3096\u309d-\u30ff\u4e00-\u9fff\uff01-\uff9d]*$/;

/**
 * Split into user-perceived characters, so a cut never lands inside one. Other text goes
 * through unicode-segmenter, which follows the same rules (UAX #29) as Intl.Segmenter in
 * linear time: ICU's segmenter costs about 12 µs a call and 1.5 µs a character, and grows
 * faster than the text (40,000 CJK characters at once took 0.7 s).
 */
export function splitGraphemes(s: string): string[] {
  if (SIMPLE.test(s)) return s.split('');
  return [...segmentGraphemes(s)];
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

function measureCluster(cluster: string): number {
  const chars = [...cluster];
  const { invisible, maybeEmoji, spacingMark } = unicode();
  const first = chars.findIndex((c) => !invisible.test(c));
  if (first === -1) return 0;
  if (maybeEmoji.test(cluster) && isWideEmoji(cluster)) return 2;
  const visible = chars
    .slice(first)
    .filter((c) => !invisible.test(c))
    .map((c) => c.codePointAt(0)!);
  if (isJamo(visible[0])) return jamoWidth(visible);
  let width = eastAsianWidth(chars[first]!.codePointAt(0)!);
  // Later spacing marks and half/full-width forms (dakuten) in the same cluster take columns of their own.
  for (const c of chars.slice(first + 1)) {
    if (spacingMark.test(c) || (c >= '\uFF00' && c <= '\uFFEF')) width += eastAsianWidth(c.codePointAt(0)!);
  }
  return width;
}

// Emoji and combined clusters repeat, and the \p{RGI_Emoji} test takes about 15 µs: widths are
// kept, up to a bound, so a long text of them is measured once per kind of cluster.
const clusterWidths = new Map<string, number>();

function clusterWidth(cluster: string): number {
  let width = clusterWidths.get(cluster);
  if (width === undefined) {
    if (clusterWidths.size >= 4096) clusterWidths.clear();
    width = measureCluster(cluster);
    clusterWidths.set(cluster, width);
  }
  return width;
}

/** Display width in terminal columns. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let width = 0;
  if (SIMPLE.test(s)) {
    for (let i = 0; i < s.length; i++) width += eastAsianWidth(s.charCodeAt(i));
    return width;
  }
  for (const g of splitGraphemes(s)) width += clusterWidth(g);
  return width;
}

/** The width of one cluster from splitGraphemes, without splitting it again. */
export function graphemeWidth(g: string): number {
  if (g.length === 1 && SIMPLE.test(g)) return eastAsianWidth(g.charCodeAt(0));
  return clusterWidth(g);
}

/** Cut to at most `width` columns, ending in "…" when anything was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const g of splitGraphemes(s)) {
    const w = graphemeWidth(g);
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
