import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, fixture, run } from './helpers';

// Every example memories shows: in each command's help, the syntax lines of `help search`, the
// README's shell blocks and docs/query.md. Each runs, on the bundled data, in a shell, with
// its own collection file: it must exit 0, and print something unless it is about the collection.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'memories.js');
// Every command, and the alias reviews.
const PAGES = [...COMMANDS, 'reviews'];
// About the collection, which starts empty here: these may print nothing.
const COLLECTION =
  /^memories (own|want|unown|unwant|watched|unwatch|log|collection)\b|\| memories (own|want)|\b(rating|owned|wanted|watched):/;
// Lines that set up a shell rather than run memories.
const SHELL_SETUP = /\$\(|\| source/;

async function helpExamples(): Promise<string[]> {
  const pages = await Promise.all(PAGES.map((c) => run([c, '--help'])));
  const lines = pages.flatMap((p) => p.stdout.split('\n'));
  const examples = lines.flatMap((l) => /^\s+\$ (memories .*)$/.exec(l)?.[1] ?? []);
  // The syntax lines of help search: the first column of each, as a search.
  const search = (await run(['help', 'search'])).stdout;
  const syntax = search.slice(search.indexOf('Query syntax:'), search.indexOf('\n\n', search.indexOf('Query syntax:')));
  const terms = syntax.split('\n').flatMap((l) => /^ {2}(\S.*?)\s{2,}\S/.exec(l)?.[1] ?? []);
  return [...examples, ...terms.map((t) => `memories search ${/["']/.test(t) ? t : `'${t}'`}`)];
}

function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.replace(/\s+# .*$/, '').trim())
    .filter((l) => l.startsWith('memories '));
}

function queryDocExamples(): string[] {
  const doc = readFileSync(join(ROOT, 'docs', 'query.md'), 'utf8');
  return [...doc.matchAll(/`(memories [^`]+)`/g)].map((m) => m[1]!).filter((e) => !/[A-Z]{3,}|\[/.test(e));
}

describe('every example', () => {
  const home = mkdtempSync(join(tmpdir(), 'memories-examples-'));
  // Folders the examples name: one that adds to the bundled data, one that stands alone (--no-bundled).
  for (const name of ['anime', 'my-anime-data']) cpSync(fixture('user-release'), join(home, name), { recursive: true });
  cpSync(fixture('cjk-titles'), join(home, 'anime-data'), { recursive: true });
  mkdirSync(join(home, 'cache'));
  const shell = (example: string): { status: number | null; stdout: string; stderr: string } =>
    spawnSync('sh', ['-c', `memories() { "${process.execPath}" "${BIN}" "$@"; }\n${example}`], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        NO_COLOR: '1',
        XDG_CACHE_HOME: join(home, 'cache'),
        MEMORIES_COLLECTION: join(home, 'collection.yaml'),
      },
    });

  it('in help pages, help search, the README and docs/query.md runs and prints', async () => {
    const all = [...(await helpExamples()), ...readmeExamples(), ...queryDocExamples()].filter((e) => !SHELL_SETUP.test(e));
    expect(all.length).toBeGreaterThan(60);
    const failed: string[] = [];
    for (const example of all) {
      const r = shell(example);
      // validate and the collection commands speak on stderr.
      if (r.status !== 0 || (`${r.stdout}${r.stderr}`.trim() === '' && !COLLECTION.test(example)))
        failed.push(`${example}\n  exit ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    }
    expect(failed).toEqual([]);
  });
});
