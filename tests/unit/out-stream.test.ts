import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outStream } from '../../src/cli/out-stream';

const noNodeStream = (): NodeJS.WriteStream => {
  throw new Error('Node’s stream was asked for');
};

describe('outStream', () => {
  it('writes a file straight to its descriptor, every byte, without Node’s stream', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'memories-out-')), 'out.txt');
    const fd = openSync(path, 'w');
    const out = outStream(fd, noNodeStream);
    const text = `大友克洋 ${'x'.repeat(200_000)}\n`;
    out.write(text);
    out.write('end\n');
    closeSync(fd);
    expect(out.isTTY).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(`${text}end\n`);
  });

  it('takes the null device for what it is: not a terminal', () => {
    const fd = openSync('/dev/null', 'w');
    const out = outStream(fd, noNodeStream);
    out.write('gone\n');
    closeSync(fd);
    expect(out.isTTY).toBe(false);
  });

  it('stops at a write that fails, and says why', () => {
    // Opened for reading only: every write fails (EBADF), as on a full disk (ENOSPC).
    const path = join(mkdtempSync(join(tmpdir(), 'memories-out-')), 'read-only.txt');
    writeFileSync(path, '');
    const fd = openSync(path, 'r');
    const out = outStream(fd, noNodeStream);
    out.write('lost\n');
    out.write('lost too\n');
    closeSync(fd);
    expect(out.failed()?.code).toBe('EBADF');
  });

  it('leaves a descriptor it cannot look at to Node’s stream', () => {
    const fd = openSync('/dev/null', 'w');
    closeSync(fd);
    let asked = 0;
    const written: string[] = [];
    const fake = { isTTY: false, on: () => fake, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const out = outStream(fd, () => (asked++, fake));
    out.write('hello');
    expect(asked).toBe(1);
    expect(written).toEqual(['hello']);
  });
});
