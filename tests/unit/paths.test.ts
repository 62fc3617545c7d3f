import { describe, expect, it } from 'vitest';
import { storePaths } from '../../src/store/paths';

const never = (): string => {
  throw new Error('the system was asked for the home folder');
};

describe('storePaths', () => {
  it('takes the home folder from HOME, without asking the system', () => {
    expect(storePaths({ HOME: '/home/kei' }, never)).toEqual({
      cacheDir: '/home/kei/.cache/memories',
      collection: '/home/kei/.local/share/memories/collection.yaml',
    });
  });

  it('asks the system when HOME is unset or relative', () => {
    expect(storePaths({}, () => '/home/tetsuo').cacheDir).toBe('/home/tetsuo/.cache/memories');
    expect(storePaths({ HOME: 'home' }, () => '/home/tetsuo').cacheDir).toBe('/home/tetsuo/.cache/memories');
  });

  it('keeps no cache when no home folder is an absolute path, and ignores relative XDG values', () => {
    expect(storePaths({ HOME: 'home' }, () => 'also/relative').cacheDir).toBeUndefined();
    expect(storePaths({ HOME: '/home/kei', XDG_CACHE_HOME: 'cache', XDG_DATA_HOME: 'data' }, never)).toEqual({
      cacheDir: '/home/kei/.cache/memories',
      collection: '/home/kei/.local/share/memories/collection.yaml',
    });
    expect(storePaths({ HOME: '/home/kei', XDG_CACHE_HOME: '/var/cache/kei' }, never).cacheDir).toBe('/var/cache/kei/memories');
  });
});
