import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { ROLES, topLevel } from '../src/catalogue/schema';
import type { Fields } from '../src/catalogue/schema';

const doc = readFileSync(fileURLToPath(new URL('../docs/data-format.md', import.meta.url)), 'utf8');

function fieldNames(fields: Fields): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => [
    name,
    ...(spec.type.kind === 'record'
      ? fieldNames(spec.type.fields)
      : spec.type.kind === 'list' && spec.type.of.kind === 'record'
        ? fieldNames(spec.type.of.fields)
        : []),
  ]);
}

it('docs/data-format.md names every field and every role', () => {
  const names = [...Object.keys(topLevel), ...Object.values(topLevel).flatMap((k) => fieldNames(k.fields)), ...ROLES];
  expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
});
