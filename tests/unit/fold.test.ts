import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldKey, foldKeyAnyOrder } from '../../src/query/fold';

describe('fold', () => {
  it('takes every step on any text, the shortcut for plain ASCII included', () => {
    const reference = (s: string): string =>
      s
        .normalize('NFKC')
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
        .replace(/o[ouh]+/g, 'o')
        .replace(/([aeiu])\1+/g, '$1');
    const pieces = fc.constantFrom('O', 'o', 'u', 'h', 'Ō', 'ō', 'A', 'a', 'ｏ', 'カ', 'ノ', 'の', '℃', 'é', ' ', '-', '\t');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (s) => {
          expect(fold(s)).toBe(reference(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['Ōtomo', 'otomo'],
    ['Ootomo', 'otomo'],
    ['Ohtomo', 'otomo'],
    ['Outomo', 'otomo'],
    ['Kouji', 'koji'],
    ['Kōji', 'koji'],
    ['ＡＫＩＲＡ', 'akira'],
    ['Yūko', 'yuko'],
    ['Yuuko', 'yuko'],
    ['リンタロウ', fold('りんたろう')],
  ])('%s folds to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('makes STUDIO4℃ and Studio 4°C the same key', () => {
    expect(foldKey('STUDIO4℃')).toBe(foldKey('Studio 4°C'));
  });

  it('ignores word order for names', () => {
    expect(foldKeyAnyOrder('Kanno Yoko')).toBe(foldKeyAnyOrder('Yōko Kanno'));
  });
});
