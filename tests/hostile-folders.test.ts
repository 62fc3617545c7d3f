import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_KEYS } from '../src/catalogue/decode';
import { readRegularFile } from '../src/source/files';
import { run } from './helpers';

// Hostile data folders, round two (issue 19): what a shared folder's author could do to the
// person who loads it. The bounds on time are generous, many times what a run takes here;
// the runs they guard against took from 6 seconds to for ever.

const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'memories-hostile-'));
const timed = async (
  args: string[],
  options: Parameters<typeof run>[1] = {},
): Promise<Awaited<ReturnType<typeof run>> & { ms: number }> => {
  const started = Date.now();
  const r = await run(args, options);
  return { ...r, ms: Date.now() - started };
};

/** A valid anthology with one segment, its record's lines indented for the `anthologies` list. */
const ANTHOLOGY = '  - id: a\n    title: A\n    year: 1990\n    segments:\n      - { id: a-1, title: One }\n';

/** An anthology whose `count` segments each take their studios through an alias of one anchored list, after `people` staff records. */
function aliasFile(count: number, people: number): string {
  const segments = Array.from({ length: count }, (_, i) => `      - { id: s-${i}, title: S, studios: *studios }`).join('\n');
  const staff = Array.from({ length: people }, (_, i) => `  - { id: p-${i}, name: Person ${i}, native_name: 人 }`).join('\n');
  return `staff:\n${staff}\nanthologies:\n  - id: many\n    title: Many\n    year: 1990\n    studios: &studios [Studio A, Studio B]\n    segments:\n${segments}\n`;
}

describe('linear parsing whatever the file holds', () => {
  it('resolves the documented maximum of aliases in a large file quickly', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'aliases.yaml'), aliasFile(999, 10_000));
    const r = await timed(['--no-bundled', 'validate', dir]);
    expect([r.code, r.stderr]).toEqual([0, '1 file checked: 0 errors, 0 warnings\n']);
    // Walking the whole document for every alias took 54 s here; now about 1.5 s.
    expect(r.ms).toBeLessThan(10_000);
  });

  it('reports an alias with no anchor at its position instead of reading it as empty', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'data.yaml'), 'anthologies: *undefined\n');
    const r = await run(['--no-bundled', 'validate', dir]);
    expect([r.code, r.stdout]).toEqual([
      3,
      `${dir}/data.yaml:1:14: error: the alias *undefined names no anchor before it; put "&undefined" on a value above, or write the value out\n`,
    ]);
  });

  it('checks a mapping of 80,000 keys quickly, and refuses it in one problem', async () => {
    const dir = tmp();
    const keys = Array.from({ length: 80_000 }, (_, i) => `  k${i}: v`).join('\n');
    writeFileSync(join(dir, 'keys.yaml'), `anthologies:\n${ANTHOLOGY}    links:\n    ${keys.replaceAll('\n', '\n    ')}\n`);
    const r = await timed(['--no-bundled', 'validate', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      `${dir}/keys.yaml:8:7: error: this mapping has 80000 keys, more than the ${MAX_KEYS} a data file may use in one mapping\n`,
    );
    expect(r.ms).toBeLessThan(8000);
  });

  it('still finds a duplicate key, at the second one', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dup.yaml'), `anthologies:\n${ANTHOLOGY}    links:\n      home: x\n      home: y\n`);
    expect((await run(['--no-bundled', 'validate', dir])).stdout).toBe(
      `${dir}/dup.yaml:9:7: error: this key appears twice in the same mapping; remove or rename one of them\n`,
    );
  });
});

describe('bounded reads', () => {
  it('never reads past the cap, whatever stat says', () => {
    // /proc/self/pagemap says it is 0 bytes long and reads for gigabytes.
    if (!existsSync('/proc/self/pagemap')) return;
    // (Its reads must also be aligned, so it may end in EINVAL instead: either way, bounded.)
    expect(() => readRegularFile('/proc/self/pagemap', 1 << 20)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^(EFBIG|EINVAL)$/) }),
    );
  });

  it('never waits on a file that blocks, and never opens what is not a regular file', () => {
    if (existsSync('/proc/kmsg')) {
      let code: string | undefined;
      try {
        readRegularFile('/proc/kmsg', 1 << 20);
      } catch (e) {
        code = (e as NodeJS.ErrnoException).code;
      }
      expect(code === undefined || ['EAGAIN', 'EACCES', 'EPERM', 'EFBIG', 'EINVAL'].includes(code)).toBe(true);
    }
    expect(() => readRegularFile('/dev/zero', 1 << 20)).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
  });
});

describe('staying inside the data folder', () => {
  it('does not follow a link out of the folder, and says so once', async () => {
    const dir = tmp();
    const outside = tmp();
    writeFileSync(join(outside, 'secret.yaml'), 'staff:\n  - { id: secret, name: Secret }\n');
    symlinkSync('/', join(dir, 'sys'));
    symlinkSync(outside, join(dir, 'elsewhere'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'linked.yaml'));
    mkdirSync(join(dir, 'inner'));
    writeFileSync(join(dir, 'inner', 'mine.yaml'), 'staff:\n  - { id: mine, name: Mine }\n');
    symlinkSync(join(dir, 'inner'), join(dir, 'again'));
    const r = await timed(['--no-bundled', 'validate', dir]);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${dir}/elsewhere:1:1: warning: is a link to ${outside}, outside the data folder; links are followed only within it, so it was not read`,
      `${dir}/linked.yaml:1:1: warning: is a link to ${outside}/secret.yaml, outside the data folder; links are followed only within it, so it was not read`,
      `${dir}/sys:1:1: warning: is a link to /, outside the data folder; links are followed only within it, so it was not read`,
    ]);
    expect(r.ms).toBeLessThan(5000);
    expect((await run(['--no-bundled', '--data', dir, 'staff'])).stdout).toBe('mine\tMine\t\t0\n');
  });

  it('refuses the root of the file system as a data folder', async () => {
    const r = await timed(['--data', '/', 'list']);
    expect([r.code, r.stderr]).toEqual([
      4,
      'memories: data folder /: is the root of the file system; give the folder that holds your data files; check the path (given with --data, MEMORIES_DATA or to validate)\n',
    ]);
  });

  it('stops at the depth bound with one problem', async () => {
    const dir = tmp();
    let deep = dir;
    for (let i = 0; i < 40; i++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    const r = await run(['--no-bundled', 'validate', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/: error: folders nested more than 32 levels deep; the rest was not read\n$/);
  });
});

describe('wrapping in linear time', () => {
  it('shows a 200,000-character CJK synopsis in an 80-column terminal within seconds', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'long.yaml'),
      `anthologies:\n${ANTHOLOGY.replace('id: a', 'id: long')}    synopsis: "${'大友克洋の夢。'.repeat(200_000 / 7)}"\n`,
    );
    const r = await timed(['--no-bundled', '--data', dir, 'show', 'long', '--no-pager'], { tty: true, width: 80 });
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stdout.split('\n').length).toBeGreaterThan(2000);
  });
});

describe('every byte on stderr escaped', () => {
  const HOSTILE = 'x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202ey';
  // eslint-disable-next-line no-control-regex -- the very bytes that must never reach stderr
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it.each([
    ['a --data path', ['--data', `/nonexistent/${HOSTILE}`, 'list'], {}],
    ['a validate argument', ['validate', `/tmp/${HOSTILE}`], {}],
    ['MEMORIES_DATA', ['list'], { MEMORIES_DATA: `/nonexistent/${HOSTILE}` }],
    ['MEMORIES_COLLECTION', ['own', 'memories-us-dvd-2004'], { MEMORIES_COLLECTION: `/proc/${HOSTILE}/c.yaml` }],
    ['--role', ['show', 'otomo', '--role', HOSTILE], {}],
    ['fields KIND', ['fields', HOSTILE], {}],
    ['--limit', ['list', '--limit', HOSTILE], {}],
    ['review REF', ['review', HOSTILE], {}],
    ['--color', ['--color', HOSTILE, 'list'], {}],
    ['an unknown option', ['list', `--${HOSTILE}`], {}],
    ['an unknown command', [HOSTILE], {}],
    ['completion SHELL', ['completion', HOSTILE], {}],
    ['--sort', ['list', '--sort', HOSTILE], {}],
  ])('through %s', async (_what, args, env) => {
    const r = await run(args as string[], { env: { NO_COLOR: '1', ...env } });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(1);
    expect(r.stderr).not.toMatch(raw);
  });

  it('through a file name passed by a glob', () => {
    const dir = tmp();
    const name = join(dir, `README${HOSTILE}`);
    writeFileSync(name, 'not yaml');
    const r = spawnSync(process.execPath, [BIN, 'validate', name], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    // A file named on its own is read, and its problem names it, escaped.
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('READMEx^[]0;pwned^G^[[2J\\u009b31m\\u202ey');
    expect(r.stdout + r.stderr).not.toMatch(raw);
  });
});

describe('own properties only', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s is an unknown name everywhere a name is taken', async (name) => {
    const places: string[][] = [
      ['completion', name],
      ['fields', name],
      ['show', 'otomo', '--role', name],
      ['list', '--sort', name],
      ['releases', '--sort', name],
      ['--color', name, 'list'],
    ];
    for (const args of places) {
      const r = await run(args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stdout).not.toContain('native code');
    }
  });
});

describe('the small ones', () => {
  it('refuses a review rating that is not in half points', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.yaml'), 'reviews:\n  - { id: r, subject: memories, author: me, rating: 7.3, text: Fine. }\n');
    const r = await run(['validate', dir]);
    expect(r.stdout).toBe(`${dir}/r.yaml:2:53: error: "rating" goes in steps of 0.5; found 7.3\n`);
  });
});
