/**
 * Folding makes the spellings fans type compare equal: case, accents and widths (NFKC, then
 * combining marks dropped), romanized long vowels (ō, oo, ou, oh -> o; uu -> u; aa, ee, ii),
 * and katakana read as hiragana. Both sides of every comparison are folded the same way.
 */
export const fold = memoized((s) => foldUncached(s));

/**
 * `compute`, computed once per distinct string: names and titles repeat across thousands of
 * credits. The memo is bounded, so that a hostile folder of distinct strings cannot grow it
 * without end.
 */
function memoized<V>(compute: (s: string) => V): (s: string) => V {
  const memo = new Map<string, V>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = compute(s);
      if (memo.size > 100_000) memo.clear();
      memo.set(s, v);
    }
    return v;
  };
}
// Built on first use, for text that is not plain ASCII: unicode property classes take time to build.
let marks: RegExp | undefined;
const MARKS = (): RegExp => (marks ??= /\p{M}+/gu);

// ASCII has nothing to normalize, no marks and no kana: the common case skips those steps.
const ASCII = /^[\x20-\x7e]*$/;

function foldUncached(s: string): string {
  return (ASCII.test(s) ? s : foldScripts(s))
    .toLowerCase()
    .replace(/o[ouh]+/g, 'o')
    .replace(/([aeiu])\1+/g, '$1');
}

function foldScripts(s: string): string {
  return s
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS(), '')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * A folded string in the forms a match compares, each made when first asked for: `spaced`,
 * the folded words joined by single spaces (a word never contains one), is all a stored
 * search index keeps, and a match can often be ruled out from it and `key` alone.
 */
export class Folded {
  private k?: string;
  private w?: readonly string[];
  private a?: string;
  private s?: readonly string[];

  constructor(readonly spaced: string) {}

  /** Letters and digits only, so punctuation and spacing never matter. */
  get words(): readonly string[] {
    return (this.w ??= this.spaced === '' ? [] : this.spaced.split(' '));
  }

  /** The words run together: one key per spelling. */
  get key(): string {
    return (this.k ??= this.spaced.replaceAll(' ', ''));
  }

  /** The words in sorted order, so "Kanno Yoko" and "Yoko Kanno" compare equal. */
  get anyOrder(): string {
    return (this.a ??= [...this.words].sort().join(' '));
  }

  /** Each word after a space: where `spaced` has one of these, a word starts with it. */
  get wordStarts(): readonly string[] {
    return (this.s ??= this.words.map((w) => ` ${w}`));
  }
}

/** A string folded, computed once per distinct string (searches compare the same names over and over). */
export const folded = memoized((s): Folded => {
  const text = fold(s);
  // Letters and digits are all a word keeps; folded ASCII has no capitals, so the simpler test is the same.
  return new Folded(
    text
      .split(ASCII.test(text) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(' '),
  );
});

/** A string folded ahead of time, as a stored search index keeps it; foldedFromStore(foldForStore(s)) matches as folded(s). */
export function foldForStore(s: string): string {
  return folded(s).spaced;
}

export function foldedFromStore(stored: string): Folded {
  return new Folded(stored);
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

const sortKey = memoized((s) => (ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKD').replace(MARKS(), '').toLowerCase()));
