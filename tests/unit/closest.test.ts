import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/util/closest';

describe('closest', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['titel', 'title', 1],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('suggests a near name and nothing for a far one', () => {
    expect(closest('relases', ['releases', 'reviews'])).toBe('releases');
    expect(closest('xyz', ['releases', 'reviews'])).toBeUndefined();
  });

  it('suggests the one name a word is a part of, and nothing when several are', () => {
    expect(closest('aspect', ['aspect_ratio', 'anamorphic', 'standard'])).toBe('aspect_ratio');
    expect(closest('ratio', ['aspect_ratio', 'standard'])).toBe('aspect_ratio');
    expect(closest('date', ['start-date', 'end-date'])).toBeUndefined();
    expect(closest('on', ['on-disc'])).toBeUndefined();
  });
});
