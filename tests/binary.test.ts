import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers';

// A few runs of the built command (npm test builds it first), as a user would run it.
const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
// A private cache and no collection, so the tests never touch the machine's own.
const env = {
  PATH: process.env.PATH ?? '',
  NO_COLOR: '1',
  XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'memories-xdg-')),
  MEMORIES_COLLECTION: join(tmpdir(), 'memories-no-collection', 'collection.yaml'),
};

function memories(args: string[], shell?: string): { stdout: string; stderr: string; status: number | null } {
  const r = shell
    ? spawnSync('bash', ['--norc', '--noprofile', '-c', shell], {
        env: { ...env, MEMORIES: `node ${BIN}` },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('the built binary', () => {
  it('prints its version', () => {
    const r = memories(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('lists the bundled catalogue', () => {
    const r = memories(['list']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('memories\tMemories\t1995');
  });

  it('ends quietly with exit 0 when the reader closes the pipe', () => {
    // Far more than a pipe buffer holds, so the writer really meets a closed pipe.
    const dir = mkdtempSync(join(tmpdir(), 'memories-epipe-'));
    const staff = Array.from({ length: 5000 }, (_, i) => `  - { id: person-${i}, name: 大友克洋 ${i} }`).join('\n');
    writeFileSync(join(dir, 'many.yaml'), `staff:\n${staff}\n`);
    const r = memories([], `$MEMORIES --data ${dir} staff | head -1; echo "status=\${PIPESTATUS[0]}"`);
    expect(r.stdout.split('\n')[0]).toContain('\t');
    expect(r.stdout).toContain('status=0');
    expect(r.stderr).toBe('');
  });

  // A terminal needs a pseudo-terminal: util-linux's script gives one (Debian has it in every install).
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('pages long output in a terminal through MEMORIES_PAGER', () => {
    // Five rows: the staff table is longer, so it goes to the pager, which keeps two lines.
    const command = `stty rows 5 cols 80; MEMORIES_PAGER='sed -n 1,2p' node ${BIN} staff`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { env, encoding: 'utf8' });
    expect(r.stdout).not.toContain('error');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ID +NAME/);
  });

  // Python can hand a child a pipe left non-blocking (Node's own spawn makes it blocking).
  const hasPython = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!hasPython)('writes all of a long output to a non-blocking pipe whose reader is slow', () => {
    const script = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe()',
      'os.set_blocking(w, False)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)',
      'data = b""',
      'while chunk := os.read(r, 65536): data += chunk',
      'sys.stdout.write(f"{p.wait()} {len(data)} {data.count(10)}")',
    ].join('\n');
    // Far more than the 64 KB a pipe holds, in characters of three bytes, so that a write that stops
    // part way can stop inside one.
    const dir = mkdtempSync(join(tmpdir(), 'memories-nonblocking-'));
    const staff = Array.from({ length: 5000 }, (_, i) => `  - { id: person-${i}, name: 大友克洋 ${i} }`).join('\n');
    writeFileSync(join(dir, 'many.yaml'), `staff:\n${staff}\n`);
    const r = spawnSync('python3', ['-c', script, process.execPath, BIN, '--data', dir, 'staff'], { env, encoding: 'utf8' });
    const lines = memories(['--data', dir, 'staff']).stdout;
    expect(r.stdout).toBe(`0 ${Buffer.byteLength(lines)} ${lines.split('\n').length - 1}`);
  });

  it.skipIf(!existsSync('/dev/full'))('says so and exits 4 when its output cannot be written (a full disk)', () => {
    const r = memories([], `$MEMORIES list > /dev/full; echo "status=$?" >&2`);
    expect(r.stderr).toBe('memories: could not write the output: no space left on the device\nstatus=4\n');
  });

  it('reports data errors with exit 3 and no stack trace', () => {
    const r = memories(['validate', fixture('dangling-references')]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('refs.yaml:9:13: error:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown command', () => {
    const r = memories(['lsit']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("memories: unknown command 'lsit'; did you mean list?\n");
  });
});

describe('the cache of a data folder', () => {
  it('reports the same problems on a warm run as on a cold one', () => {
    const data = mkdtempSync(join(tmpdir(), 'memories-warm-'));
    const cache = mkdtempSync(join(tmpdir(), 'memories-xdg-'));
    writeFileSync(join(data, 'bad.yaml'), 'staff:\n  - { id: b, name: B, born: 1999-02-30 }\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(data, 'bad.yaml'), old, old);
    const go = (): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [BIN, '--data', data, 'staff'], { env: { ...env, XDG_CACHE_HOME: cache }, encoding: 'utf8' });
    const cold = go();
    expect(readdirSync(join(cache, 'memories')).length).toBe(1);
    const warm = go();
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.stdout).toBe(cold.stdout);
    expect(String(warm.stderr)).toContain('bad.yaml:2:29: error: "born" is not a real calendar date: 1999-02-30');
  });
});

describe('the start-up bundle', () => {
  it('names countries and languages from the table the build asked ICU for', () => {
    const r = memories(['show', 'memories-gb-dvd-2004', '--no-pager']);
    const [region, language] = [new Intl.DisplayNames('en', { type: 'region' }), new Intl.DisplayNames('en', { type: 'language' })];
    expect(r.stdout).toContain(`Country    ${region.of('GB')} (GB)\n`);
    expect(r.stdout).toContain(`  - ${language.of('ja')}, Dolby Digital 5.1\n`);
  });

  it('leaves out the yaml parser, which is loaded only when a file must be parsed', () => {
    const bundle = readFileSync(fileURLToPath(new URL('../dist/memories.cjs', import.meta.url)), 'utf8');
    expect(bundle).not.toContain('LineCounter');
    expect(readFileSync(fileURLToPath(new URL('../dist/parse.cjs', import.meta.url)), 'utf8')).toContain('LineCounter');
  });
});

describe('process hygiene', () => {
  it('delivers output larger than a pipe buffer whole before an error exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memories-many-'));
    const bad = Array.from({ length: 3000 }, (_, i) => `  - { id: p${i}, name: P, born: 1999-02-30 }`).join('\n');
    writeFileSync(join(dir, 'bad.yaml'), `staff:\n${bad}\n`);
    const r = memories([], `$MEMORIES --no-bundled validate ${dir} | wc -l; echo "status=\${PIPESTATUS[0]}"`);
    expect(r.stdout).toBe('3000\nstatus=3\n');
  });

  it('stops at once on Ctrl-C (SIGINT) during a slow load, which a shell reports as 130', async () => {
    const { generate } = await import('./bench/generate.mjs');
    const dir = generate(join(tmpdir(), 'memories-sigint-1000'), 1000) as string;
    const child = spawn(process.execPath, [BIN, '--no-bundled', '--data', dir, 'validate'], {
      env: { ...env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'memories-xdg-')) },
      stdio: 'ignore',
    });
    const started = Date.now();
    setTimeout(() => child.kill('SIGINT'), 400);
    const signal = await new Promise<string | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    // Ended by the signal itself, which a shell reports as exit status 130, and promptly.
    expect(signal).toBe('SIGINT');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
