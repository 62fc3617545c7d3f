import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dataFileJsonSchema } from '../src/catalogue/json-schema';

const FILE = fileURLToPath(new URL('../docs/memories.schema.json', import.meta.url));

// The shipped JSON Schema is generated from the same field tables as the decoder.
// Regenerate it with `npm run schema` after changing src/catalogue/schema.ts.
it('docs/memories.schema.json matches the field tables', () => {
  const expected = `${JSON.stringify(dataFileJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA) writeFileSync(FILE, expected);
  expect(readFileSync(FILE, 'utf8')).toBe(expected);
});
