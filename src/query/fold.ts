/**
 * Folding makes the spellings fans type compare equal: case, accents and widths (NFKC, then
 * combining marks dropped), romanized long vowels (ō, oo, ou, oh -> o; uu -> u; aa, ee, ii),
 * and katakana read as hiragana. Both sides of every comparison are folded the same way.
 */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/o[ouh]+/g, 'o')
    .replace(/([aeiu])\1+/g, '$1');
}

/** Folded words: letters and digits only, so punctuation and spacing never matter. */
export function foldWords(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** One folded key per spelling: "STUDIO4℃", "Studio 4°C" and "studio-4c" all give "studio4c". */
export function foldKey(s: string): string {
  return foldWords(s).join('');
}

/** The key with the words in sorted order, so "Kanno Yoko" and "Yoko Kanno" compare equal. */
export function foldKeyAnyOrder(s: string): string {
  return foldWords(s).sort().join(' ');
}
