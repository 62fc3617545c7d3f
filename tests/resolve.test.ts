import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, run } from './helpers';

// How a REF is resolved (query/resolve.ts): the kinds a command takes, then an exact id, a
// whole title, name or code, a title or name prefix, word prefixes, an id prefix.

const first = async (args: string[]): Promise<{ code: number; line: string; stderr: string }> => {
  const r = await run(args);
  return {
    code: r.code,
    line:
      r.stdout
        .split('\n')
        .find((l) => l.startsWith('ID'))
        ?.replace(/^ID\s+/, '') ?? '',
    stderr: r.stderr,
  };
};

describe('REF resolution', () => {
  it.each([
    ['an exact id', 'memories', 'memories'],
    ['a whole title, though person ids share its words', 'Farewell to Weapons', 'a-farewell-to-weapons'],
    ['a title prefix', 'Farewell', 'a-farewell-to-weapons'],
    ['a title with a leading article it does not have', 'the magnetic rose', 'magnetic-rose'],
    ['a title without the article it has', 'Animatrix', 'the-animatrix'],
    ['a word of one title only', 'rose', 'magnetic-rose'],
    ['a catalog number', 'BCQA-0023', 'memories-jp-4k-2025'],
    ['a name in another order and script', 'Kanno Yoko', 'yoko-kanno'],
    ['an id prefix', 'memories-us', 'memories-us-dvd-2004'],
    ['a person: qualifier', 'person:kon', 'satoshi-kon'],
    ['a release: qualifier with an id prefix', 'release:memories-jp-4k', 'memories-jp-4k-2025'],
  ])('show finds %s', async (_, ref, id) => {
    const r = await first(['show', ref, '--no-pager']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.line).toBe(id);
  });

  it('takes the kinds each command accepts first: review and watched take works, own takes releases', async () => {
    const review = await run(['review', 'rose']);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain('Magnetic Rose');
    const watched = await run(['watched', 'satoshi-kon']);
    expect(watched.code).toBe(2);
    expect(watched.stderr).toContain('"satoshi-kon" is a person, not an anthology or a segment; you watch works');
    const own = await run(['own', 'memories']);
    expect(own.code).toBe(2);
    // Only releases are offered: the anthology of the same id is not a candidate.
    expect(own.stderr).toContain('matches more than one record');
    expect(own.stderr).not.toMatch(/^ {2}memories {2}/m);
    expect(own.stderr).toMatch(/^ {2}memories-jp-4k-2025 {2}\(release/m);
  });

  it('refuses a qualifier the command does not take, saying what it takes', async () => {
    const r = await run(['compare', 'person:kon', 'memories']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"person:kon" asks for a person, and this command takes an anthology or a release');
  });
});

describe('one id in two id spaces', () => {
  const data = ['--data', fixture('shared-ids')];

  it('is a warning in validate, and the candidates are listed with the kind that tells them apart', async () => {
    const v = await run([...data, 'validate']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('warning: release id "magnetic-rose" is also the id of a work; a REF of it will need release: before it');
    const r = await run([...data, 'show', 'magnetic-rose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  segment:magnetic-rose  (segment');
    expect(r.stderr).toContain('  release:magnetic-rose  (release');
    const release = await first([...data, 'show', 'release:magnetic-rose']);
    expect(release.line).toBe('magnetic-rose');
    expect(
      (
        await run([...data, 'own', 'magnetic-rose'], {
          env: { NO_COLOR: '1', MEMORIES_COLLECTION: join(mkdtempSync(join(tmpdir(), 'memories-shared-')), 'c.yaml') },
        })
      ).code,
    ).toBe(0);
  });
});
