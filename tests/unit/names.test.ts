import { describe, expect, it } from 'vitest';
import { countryName, languageName, namesTable } from '../../src/util/names';

describe('language and region names', () => {
  it('come from ICU, and the table the build keeps holds what ICU says for every code in it', () => {
    const table = namesTable();
    expect(table.region.GB).toBe('United Kingdom');
    expect(table.language.ja).toBe('Japanese');
    expect(Object.keys(table.region).length).toBeGreaterThan(200);
    for (const [code, name] of Object.entries(table.language))
      expect(new Intl.DisplayNames('en', { type: 'language' }).of(code)).toBe(name);
  });

  it('give the code itself when it has no name or is not a code at all', () => {
    expect(countryName('AA')).toBe('AA');
    expect(languageName('not a code!')).toBe('not a code!');
    expect(languageName('__proto__')).toBe('__proto__');
  });
});
