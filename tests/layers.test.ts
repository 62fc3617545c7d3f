import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers (source → store → catalogue → query → render → cli) are the linter's to keep:
// these check that it refuses what would blur them.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const rules = async (file: string, code: string): Promise<(string | null)[]> =>
  (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0]!.messages.map((m) => m.ruleId);

describe('the layers', () => {
  it.each([
    ['src/store/x.ts', "import type { Catalogue } from '../catalogue/catalogue';\nexport type X = Catalogue;\n"],
    ['src/catalogue/x.ts', "import { liveSource } from '../query/match';\nexport const x = liveSource;\n"],
    ['src/query/x.ts', "import { renderJson } from '../render/json';\nexport const x = renderJson;\n"],
    ['src/render/x.ts', "import { EXIT } from '../cli/errors';\nexport const x = EXIT;\n"],
    ['src/util/x.ts', "import { Problems } from '../source/problem';\nexport const x = Problems;\n"],
  ])('refuse an import upwards from %s', async (file, code) => {
    expect(await rules(file, code)).toContain('no-restricted-imports');
  });

  it('allow imports downwards, and the process in src/cli/ only', async () => {
    expect(await rules('src/render/x.ts', "import { fold } from '../query/fold';\nexport const x = fold;\n")).toEqual([]);
    expect(await rules('src/render/x.ts', 'export const x = process.env.HOME;\n')).toContain('no-restricted-globals');
    expect(await rules('src/cli/x.ts', 'export const x = process.env.HOME;\n')).toEqual([]);
  });

  it('are linted with types: a floating promise or an any leak is an error', async () => {
    expect(await rules('src/cli/x.ts', 'export function f(): void {\n  Promise.resolve(1);\n}\n')).toContain(
      '@typescript-eslint/no-floating-promises',
    );
    expect(await rules('src/query/x.ts', 'export const x = (v: string): string => JSON.parse(v);\n')).toContain(
      '@typescript-eslint/no-unsafe-return',
    );
  });
});
