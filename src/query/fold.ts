/**
 * Folding makes the spellings fans type compare equal: case, accents and widths (NFKC, then
 * combining marks dropped), romanized long vowels (ō, oo, ou, oh -> o; uu -> u; aa, ee, ii),
 * and katakana read as hiragana. Both sides of every comparison are folded the same way.
 */
export function fold(s: string): string {
  let folded = memo.get(s);
  if (folded === undefined) {
    folded = foldUncached(s);
    // Names and titles repeat across thousands of credits; a bounded memo folds each once.
    if (memo.size > 100_000) memo.clear();
    memo.set(s, folded);
  }
  return folded;
}

const memo = new Map<string, string>();
const MARKS = /\p{M}+/gu;

function foldUncached(s: string): string {
  return s
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/o[ouh]+/g, 'o')
    .replace(/([aeiu])\1+/g, '$1');
}

/** The forms a match compares: the folded words, their concatenation, and the words sorted. */
export interface Folded {
  words: readonly string[];
  key: string;
  anyOrder: string;
}

function fromWords(words: readonly string[]): Folded {
  return { words, key: words.join(''), anyOrder: [...words].sort().join(' ') };
}

const foldedMemo = new Map<string, Folded>();

/** All three folded forms of a string, computed once per distinct string (searches compare the same names over and over). */
export function folded(s: string): Folded {
  let f = foldedMemo.get(s);
  if (f === undefined) {
    f = fromWords(fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    if (foldedMemo.size > 100_000) foldedMemo.clear();
    foldedMemo.set(s, f);
  }
  return f;
}

/**
 * A string folded ahead of time, as a stored search index keeps it: its folded words joined
 * by spaces (words never contain one). foldedFromStore(foldForStore(s)) equals folded(s).
 */
export function foldForStore(s: string): string {
  return folded(s).words.join(' ');
}

export function foldedFromStore(stored: string): Folded {
  return fromWords(stored === '' ? [] : stored.split(' '));
}

/** Folded words: letters and digits only, so punctuation and spacing never matter. */
export function foldWords(s: string): readonly string[] {
  return folded(s).words;
}

/** One folded key per spelling: "STUDIO4℃", "Studio 4°C" and "studio-4c" all give "studio4c". */
export function foldKey(s: string): string {
  return folded(s).key;
}

/** The key with the words in sorted order, so "Kanno Yoko" and "Yoko Kanno" compare equal. */
export function foldKeyAnyOrder(s: string): string {
  return folded(s).anyOrder;
}

/**
 * Order text the way a reader expects (case and accents ignored, Ōmori beside Omori) without
 * localeCompare, whose first call sets up an ICU collator: about 8 ms of every run.
 */
export function compareText(a: string, b: string): number {
  const x = sortKey(a);
  const y = sortKey(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const sortKeys = new Map<string, string>();

function sortKey(s: string): string {
  let key = sortKeys.get(s);
  if (key === undefined) {
    key = /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(MARKS, '').toLowerCase();
    if (sortKeys.size > 100_000) sortKeys.clear();
    sortKeys.set(s, key);
  }
  return key;
}
