import { describe, expect, it } from 'vitest';
import { fold, foldKey, foldKeyAnyOrder } from '../../src/query/fold';

describe('fold', () => {
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
