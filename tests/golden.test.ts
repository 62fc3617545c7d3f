import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, fixture, run } from './helpers';

// Exact terminal output of every table command, compare and show, at 40, 80 and 120 columns,
// in the way of gh's TestX_tty tests: a change to a layout shows up here as a diff to read.
// UPDATE_GOLDEN=1 npx vitest run tests/golden.test.ts writes the files anew.

const GOLDEN = fileURLToPath(new URL('./golden', import.meta.url));
const CJK = ['--no-bundled', '--data', fixture('cjk-titles')];
const CASES: [name: string, args: string[]][] = [
  ['list', ['list']],
  ['segments', ['segments']],
  ['staff', ['staff', 'role:music']],
  ['releases', ['releases']],
  ['compare', ['compare', 'memories-us-dvd-2004', 'memories-gb-dvd-2004']],
  ['show-anthology', ['show', 'memories']],
  ['show-segment', ['show', 'magnetic-rose']],
  ['show-person', ['show', 'Yoko Kanno']],
  ['show-release', ['show', 'memories-jp-4k-2025']],
  ['cjk-list', [...CJK, 'list']],
  ['cjk-segments', [...CJK, 'segments']],
];

describe('terminal output', () => {
  for (const [name, args] of CASES) {
    it.each([40, 80, 120])(`${name} at %i columns`, async (width) => {
      const { stdout, stderr, code } = await run(args, { tty: true, width });
      expect(code, stderr).toBe(0);
      const file = join(GOLDEN, `${name}-${width}.txt`);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, stdout);
      }
      expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1`).toBe(true);
      expect(stdout).toBe(readFileSync(file, 'utf8'));
    });
  }
});

// The whole --help of every command, as np pins its help: a change to help is a diff to read.
describe('help', () => {
  const pages: [name: string, args: string[]][] = [
    ['memories', ['--help']],
    ...COMMANDS.map((c): [string, string[]] => [c, [c, '--help']]),
  ];
  it.each(pages)('of %s', async (name, args) => {
    const { stdout, code } = await run(args);
    expect(code).toBe(0);
    const file = join(GOLDEN, 'help', `${name}.txt`);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(join(GOLDEN, 'help'), { recursive: true });
      writeFileSync(file, stdout);
    }
    expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1`).toBe(true);
    expect(stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('speaks with one voice: command summaries start with a capital, flag descriptions with a small letter, none ends in a full stop', async () => {
    const top = (await run(['--help'])).stdout;
    const section = (text: string, title: string): string[] => {
      const start = text.indexOf(`${title}:\n`);
      if (start < 0) return [];
      const body = text.slice(start + title.length + 2).split('\n\n')[0]!;
      // An entry's description starts after two spaces; wrapped lines carry on the one above.
      return body.split('\n').flatMap((l) => /^ {2}\S.*?\s{2,}(\S.*)$/.exec(l)?.[1] ?? []);
    };
    for (const summary of section(top, 'Commands')) expect(summary, summary).toMatch(/^[A-Z].*[^.]$/);
    for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      for (const flag of section((await run(args)).stdout, 'Options')) expect(flag, `${args[0]}: ${flag}`).toMatch(/^[a-z(]/);
    }
  });
});
