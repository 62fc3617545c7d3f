import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import type { Install, Io } from '../src/cli/io';
import * as heavy from '../src/cli/heavy';
import { BUNDLED, fixture, run } from './helpers';

/** The installation every in-process run here uses: the bundled data, the heavy parts, no store. */
const INSTALL: Install = { bundledData: BUNDLED, heavy: () => heavy };

// Anything a terminal would act on: C0, DEL, C1 and bidi controls. Our own newlines, tabs
// (TSV) and CRLF (CSV) are taken out before the check.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ours = (s: string): string => s.replace(/\r\n|[\n\t]/g, ' ');
const hostile = ['--data', fixture('hostile-strings')];

describe('data never drives the terminal', () => {
  const commands = [
    ['list'],
    ['segments'],
    ['staff'],
    ['releases'],
    ['show', 'hostile'],
    ['show', 'hostile-segment'],
    ['show', 'hostile-person'],
    ['show', 'hostile-release'],
    ['review', 'hostile'],
    ['search', 'evil'],
    ['list', '--json'],
    ['show', 'hostile', '--json'],
    ['review', 'hostile', '--json'],
    ['list', '--csv'],
    ['validate'],
    ['validate', '--json'],
  ];
  for (const tty of [false, true]) {
    it.each(commands.map((args) => [args.join(' '), args] as const))(`%s (${tty ? 'terminal' : 'pipe'})`, async (_, args) => {
      const { stdout, stderr } = await run([...hostile, ...args], { tty, width: 100 });
      expect(ours(stdout)).not.toMatch(UNSAFE);
      expect(ours(stderr)).not.toMatch(UNSAFE);
    });
  }

  it('shows the escapes as visible notation', async () => {
    const { stdout } = await run([...hostile, 'show', 'hostile']);
    expect(stdout).toContain('Evil ^[[2J^[[31mTitle^[[0m');
    expect(stdout).toContain('右\\u202eから\\u202c左');
    expect(stdout).toContain('Clipboard ^[]52;c;SGVsbG8=^G grab');
  });

  it('quotes bad values in problem messages as they are written in the file', async () => {
    const { stdout } = await run([...hostile, 'validate']);
    expect(stdout).toContain(
      'hostile.yaml:31:14: error: "subject" must be an id of lower-case letters and digits joined by hyphens (like "magnetic-rose"); found "no-such-\\e[31m"',
    );
  });

  it('applies our own colour after escaping, so styling survives and data cannot add any', async () => {
    const { stdout } = await run([...hostile, 'show', 'hostile'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(stdout).toContain('\u001b[1mEvil ^[[2J^[[31mTitle^[[0m\u001b[22m');
  });

  it('escapes a file name with control characters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memories-name-'));
    writeFileSync(join(dir, 'bad\u001b[31mname.yaml'), 'staff: [');
    const { stdout } = await run(['--no-bundled', 'validate', dir]);
    expect(stdout).toContain('bad^[[31mname.yaml:');
    expect(ours(stdout)).not.toMatch(UNSAFE);
  });
});

describe('CSV', () => {
  it('prints a header row and quotes cells with commas', async () => {
    const { stdout, code } = await run(['list', '--csv', 'year:1987']);
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[0]).toBe('ID,TITLE,YEAR,SEGS,DIRECTORS,STUDIOS');
    expect(stdout).toContain('neo-tokyo,Neo Tokyo,1987,3,"Rintaro, Yoshiaki Kawajiri, Katsuhiro Otomo","Madhouse, Project Team Argos"\r\n');
  });

  it('refuses --json with --csv', async () => {
    const { code, stderr } = await run(['list', '--csv', '--json']);
    expect(code).toBe(2);
    expect(stderr).toBe('memories: choose one of --json and --csv\n');
  });
});

describe('the pager', () => {
  async function paged(
    env: Record<string, string>,
    args = ['show', 'memories'],
    rows = 10,
  ): Promise<{ pager?: string; pagerEnv?: Io['env']; stdout: string; text?: string }> {
    let stdout = '';
    const seen: { pager?: string; pagerEnv?: Io['env']; text?: string } = {};
    await main(
      args,
      {
        stdout: { write: (s) => void (stdout += s), isTTY: true, columns: 80, rows },
        stderr: { write: () => undefined, isTTY: true },
        env: { NO_COLOR: '1', ...env },
        now: () => new Date(),
        page: async (command, text, pagerEnv) => {
          Object.assign(seen, { pager: command, pagerEnv, text });
          return command === 'broken' ? 'failed' : 'shown';
        },
      },
      INSTALL,
    );
    return { ...seen, stdout };
  }

  it('pages long output through less with LESS=FRX', async () => {
    const r = await paged({});
    expect(r.pager).toBe('less');
    expect(r.pagerEnv?.LESS).toBe('FRX');
    expect(r.text).toContain('Magnetic Rose');
    expect(r.stdout).toBe('');
  });

  it('prefers MEMORIES_PAGER, then PAGER, and keeps a LESS the user set', async () => {
    expect((await paged({ MEMORIES_PAGER: 'most', PAGER: 'more' })).pager).toBe('most');
    expect((await paged({ PAGER: 'more', LESS: '-S' })).pagerEnv?.LESS).toBe('-S');
  });

  it('does not page with --no-pager, a pager of cat, TERM=dumb, or output that fits the screen', async () => {
    for (const r of [
      await paged({}, ['--no-pager', 'show', 'memories']),
      await paged({ PAGER: 'cat' }),
      await paged({ TERM: 'dumb' }),
      await paged({}, ['show', 'deprive'], 200),
    ]) {
      expect(r.pager).toBeUndefined();
      expect(r.stdout).not.toBe('');
    }
  });

  it('prints the text itself when the pager cannot run', async () => {
    const r = await paged({ MEMORIES_PAGER: 'broken' });
    expect(r.stdout).toContain('Magnetic Rose');
  });

  it('never pages a pipe', async () => {
    const { stdout } = await run(['show', 'memories'], { env: { PAGER: 'false' } });
    expect(stdout).toContain('Magnetic Rose');
  });
});

describe('completion', () => {
  it.each([
    [['li'], ['list']],
    [['show', 'magn'], ['magnetic-rose']],
    [['review', 'cannon'], ['cannon-fodder']],
    [
      ['list', 'dir'],
      ['directed:', 'director:'],
    ],
    [['releases', 'anthology:ro'], ['anthology:robot-carnival']],
    [['list', '--js'], ['--json']],
    [
      ['completion', ''],
      ['bash', 'fish', 'zsh'],
    ],
    [['fields', 'p'], ['people']],
    [['releases', '--columns', 'cat'], ['catalog']],
    [['releases', '--columns', 'id,cat'], ['id,catalog']],
    [
      ['list', '--columns', 'id', 'dir'],
      ['directed:', 'director:'],
    ],
  ])('%j -> %j', async (words, expected) => {
    const { stdout, code } = await run(['__complete', ...words]);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toEqual(expected);
  });

  it('prints a script for each shell, and refuses others', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) expect((await run(['completion', shell])).stdout).toContain('memories __complete');
    expect((await run(['completion', 'tcsh'])).code).toBe(2);
  });
});

describe('in a real terminal', () => {
  // util-linux's script(1) gives the built binary a pseudo-terminal of a chosen size.
  const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
  const pty = (cols: number, args: string): string => {
    const r = spawnSync('script', ['-qec', `stty cols ${cols} rows 200; ${process.execPath} ${BIN} ${args}`, '/dev/null'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        TERM: 'xterm',
        NO_COLOR: '1',
        MEMORIES_PAGER: 'cat',
        XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'memories-xdg-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.error) throw new Error(`script(1) is needed for this test (util-linux): ${r.error.message}`);
    return r.stdout.replace(/\r/g, '');
  };

  it.each([40, 80, 120])('fits every line of every command at %i columns, measured by string-width', async (cols) => {
    const { default: stringWidth } = await import('string-width');
    const commands = [
      'list',
      'segments',
      'staff',
      'releases',
      'search otomo',
      'compare memories-us-dvd-2004 memories-gb-dvd-2004',
      'compare memories',
      'show memories',
      'show magnetic-rose',
      'show "Yoko Kanno"',
      'show memories-jp-4k-2025',
      'review memories',
      'fields releases',
    ];
    // One pty for them all (MEMORIES_PAGER is cat): each command after the first is run in full.
    const out = pty(cols, commands.join(`; ${process.execPath} ${BIN} `));
    const lines = out.split('\n');
    expect(lines.length).toBeGreaterThan(200);
    // A lone id is never cut, and the longest staff id is 45 columns: only such a line may be wider.
    for (const line of lines) if (!/^[a-z0-9-]+$/.test(line)) expect(stringWidth(line), line).toBeLessThanOrEqual(cols);
  });

  it('fits the width and keeps columns aligned with Japanese titles', async () => {
    const { default: stringWidth } = await import('string-width');
    for (const cols of [40, 60, 100]) {
      const lines = pty(cols, '--no-bundled --data tests/fixtures/cjk-titles segments').split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) {
        expect(stringWidth(line), line).toBeLessThanOrEqual(cols);
        expect(line, 'no trailing spaces').toBe(line.trimEnd());
      }
      // Every piece of text on every line starts where a column of the header starts.
      const starts = (line: string): number[] =>
        [...line.matchAll(/(?:^| {2,})(\S)/g)].map((m) => stringWidth(line.slice(0, m.index + m[0].length - 1)));
      const columns = new Set(starts(lines[0]!));
      for (const line of lines)
        expect(
          starts(line).every((s) => columns.has(s)),
          lines.join('\n'),
        ).toBe(true);
    }
  });
});

describe('progress while parsing', () => {
  it('shows file counts on a terminal stderr once a load is slow, then clears the line', async () => {
    let stderr = '';
    let clock = 0;
    await main(
      ['--no-bundled', '--data', fixture('bad'), 'validate'],
      {
        stdout: { write: () => undefined, isTTY: false },
        stderr: { write: (s) => void (stderr += s), isTTY: true, columns: 80 },
        env: { NO_COLOR: '1', MEMORIES_COLLECTION: '/nonexistent/collection.yaml' },
        // Each look at the clock is 200 ms later: the load is "slow".
        now: () => new Date((clock += 200)),
      },
      INSTALL,
    );
    expect(stderr).toMatch(/^\rreading data: \d+\/\d+ files/);
    expect(stderr).toContain('\r\u001b[K');
  });

  it('shows nothing when stderr is not a terminal', async () => {
    const { stderr } = await run(['--no-bundled', '--data', fixture('bad'), 'validate']);
    expect(stderr).not.toContain('reading data');
  });
});
