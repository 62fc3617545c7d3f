import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, splitGraphemes } from '../../src/render/width';

// Characters of every kind the catalogue meets: Latin with accents (precomposed and combining),
// kana and kanji, half-width katakana with dakuten, full-width Latin, Hangul jamo, emoji with
// variation selectors, skin tones, ZWJ families, keycaps and flags, controls and zero-width.
const ALPHABET = [
  'a',
  'Z',
  ' ',
  'é',
  'e\u0301',
  'ō',
  '大',
  '友',
  'か',
  'ア',
  'ｶ',
  'ﾞ',
  'Ａ',
  '°',
  '℃',
  '…',
  '·',
  '\u1100',
  '\u1161',
  '\u11A8',
  '한',
  '🎬',
  '❤',
  '\uFE0F',
  '👍',
  '\u{1F3FD}',
  '👨',
  '\u200D',
  '👩',
  '👧',
  '1',
  '\u20E3',
  '🇯',
  '🇵',
  '©',
  '\u200B',
  '\u0007',
  '\u0308',
  'ि',
  'क',
  '\u3099',
  'は',
  '「',
  '・',
  '\u00AD',
  '\u00A0',
  '‼',
  '〽',
  '\r',
  '\n',
];

describe('displayWidth', () => {
  it.each([
    ['Memories', 8],
    ['大友克洋', 8],
    ['彼女の想いで', 12],
    ['Kōji', 4],
    ['Ko\u0304ji', 4],
    ['ｶﾞ', 2],
    ['🎬', 2],
    ['❤️', 2],
    ['👨‍👩‍👧', 2],
    ['1️⃣', 2],
    ['🇯🇵', 2],
    ['STUDIO4℃', 8],
    ['\u1100\u1161\u11A8', 2],
  ])('%s is %i columns', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });

  it('agrees with string-width on any mix of scripts and emoji', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }), (chars) => {
        const s = chars.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits into graphemes without breaking a cluster', () => {
    expect(splitGraphemes('e\u0301a👨‍👩‍👧')).toEqual(['e\u0301', 'a', '👨‍👩‍👧']);
  });

  it('splits long text a slice at a time exactly as the segmenter splits it whole', () => {
    const whole = (t: string): string[] => Array.from(new Intl.Segmenter().segment(t), (g) => g.segment);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { minLength: 200, maxLength: 1500 }), (chars) => {
        const text = chars.join('');
        expect(splitGraphemes(text)).toEqual(whole(text));
      }),
      { numRuns: 100 },
    );
  });

  it('splits in linear time, with no lone surrogate, even one cluster of thousands of marks', () => {
    const started = Date.now();
    expect(splitGraphemes('大友克洋、'.repeat(40_000))).toHaveLength(200_000);
    const marks = splitGraphemes(`e${'\u0301'.repeat(5000)}😀`);
    expect(marks.join('')).toBe(`e${'\u0301'.repeat(5000)}😀`);
    expect(marks.some((g) => /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(g))).toBe(false);
    // Generous: the whole-string segmenter took over 30 s for this much; sliced, well under one.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
