import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers';

// Terminal tables (render/table.ts, laid out by cli-table3) and the choices around them.

const terminal = (width: number) => ({ tty: true, width });

describe('table columns', () => {
  it('are chosen and ordered with --columns, in a terminal and in a pipe', async () => {
    const piped = await run(['releases', 'anthology:memories', '--columns', 'id,catalog,title']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.split('\n')[0]!.split('\t')).toHaveLength(3);
    expect(piped.stdout).toMatch(/^memories-jp-laserdisc\t[^\t]*\t/m);
    const shown = await run(['releases', 'anthology:memories', '--columns', 'catalog,id'], terminal(120));
    expect(shown.stdout.split('\n')[0]).toMatch(/^CATALOG +ID$/);
  });

  it('refuse an unknown name with the closest one, and list themselves with --columns help', async () => {
    const bad = await run(['releases', '--columns', 'id,catalgo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no column "catalgo" (did you mean "catalog"?)');
    const help = await run(['releases', '--columns', 'help']);
    expect(help.code).toBe(0);
    for (const name of ['id', 'catalog', 'title', 'aspect', 'runtime', 'discs', 'audio', 'subtitles'])
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('show the catalog number by default, after the old columns so that piped fields keep their numbers', async () => {
    const { stdout } = await run(['releases', 'anthology:memories']);
    expect(stdout).toMatch(/^memories-jp-4k-2025(\t[^\t\n]*){6}\tBCQA-0023$/m);
  });
});

describe('narrow terminals', () => {
  it.each([40, 80, 120])('fit every table at %i columns, never cutting an id or a year', async (width) => {
    for (const command of ['list', 'segments', 'staff', 'releases']) {
      const { stdout, code } = await run([command], terminal(width));
      expect(code).toBe(0);
      const lines = stdout.split('\n').slice(0, -1);
      // The longest staff id is 45 columns: a lone id column may be wider than 40.
      for (const line of lines) if (!/^\S+$/.test(line)) expect(stringWidth(line), `${command}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    }
    const list = await run(['list'], terminal(width));
    // Titles wrap under their column rather than being cut.
    expect(list.stdout).toMatch(/^robot-carnival +Robot( Carnival)? +1987( |$)/m);
    expect(list.stdout).not.toMatch(/Robot …|Carn…/);
  });

  it('wrap titles and names at 80 columns rather than cutting them to a stub', async () => {
    const { stdout } = await run(['segments'], terminal(80));
    expect(stdout).toContain('Magnetic Rose');
    expect(stdout).not.toMatch(/Magne…|Kōji …/);
    const releases = await run(['releases'], terminal(80));
    expect(releases.stdout).not.toMatch(/blu…|uhd…|Col…/);
  });
});

describe('empty results', () => {
  it('say so on a terminal, with how many records have the field, and print nothing to a pipe', async () => {
    const shown = await run(['releases', 'status:announced'], terminal(80));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe('');
    expect(shown.stderr).toMatch(/^no releases match status:announced; status is recorded for \d+ of \d+ releases\n$/);
    expect((await run(['list', 'year:1900'], terminal(80))).stderr).toBe('no anthologies match year:1900\n');
    const piped = await run(['list', 'year:1900']);
    expect(piped).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('MEMORIES_FORCE_TTY', () => {
  it('gives a pipe the terminal layout at the width it names, or 80', async () => {
    const forced = await run(['list'], { env: { NO_COLOR: '1', MEMORIES_FORCE_TTY: '50' } });
    expect(forced.stdout.split('\n')[0]).toMatch(/^ID +TITLE/);
    for (const line of forced.stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(50);
    const eighty = await run(['list'], { env: { NO_COLOR: '1', MEMORIES_FORCE_TTY: '1' } });
    expect(eighty.stdout).toBe((await run(['list'], terminal(80))).stdout);
    const coloured = await run(['list'], { env: { MEMORIES_FORCE_TTY: '1' } });
    expect(coloured.stdout).toContain('\u001b[1m');
  });
});

describe('compare in a terminal', () => {
  const pair = ['compare', 'memories-us-dvd-2004', 'memories-gb-dvd-2004'];

  it('puts the releases side by side in a box when they fit, ids whole and every value wrapped, not cut', async () => {
    const { stdout, code } = await run(pair, terminal(80));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^┌─+┬─+┬─+┐$/);
    expect(stdout).toMatch(/│ memories-us-dvd-2004 +│ memories-gb-dvd-2004 +│/);
    for (const dub of ['German', 'Spanish', 'Italian']) expect(stdout).toContain(dub);
    expect(stdout).not.toContain('…');
    for (const line of stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/│ ≠ Audio/);
  });

  it('stacks them, one block per release, when they do not fit', async () => {
    const { stdout } = await run(pair, terminal(40));
    expect(stdout).toMatch(/^memories-us-dvd-2004\n/);
    expect(stdout).toMatch(/\n\nmemories-gb-dvd-2004\n/);
    expect(stdout).toMatch(/^≠ Country +United Kingdom \(GB\)$/m);
    for (const line of stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });

  it('starts a pipe with the ids, so a script knows which column is which release', async () => {
    const { stdout } = await run(pair);
    expect(stdout.split('\n')[0]).toBe('Release\tmemories-us-dvd-2004\tmemories-gb-dvd-2004\t');
    expect(stdout).toMatch(/^Region\t1\t2\tdiffers$/m);
  });
});

describe('show in a terminal', () => {
  it('wraps headings, list items and sources under themselves at any width', async () => {
    for (const width of [40, 80]) {
      const { stdout } = await run(['show', 'memories-gb-dvd-2004'], terminal(width));
      for (const line of stdout.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    }
    const narrow = (await run(['show', 'memories-gb-dvd-2004'], terminal(40))).stdout;
    expect(narrow).toMatch(/^Memories: GB DVD {2}\(Sony Pictures Home\n {2}Entertainment, 2004\)\n/);
    expect(narrow).toMatch(/\n {2}- German, German dub \(5\.1 per\n {4}otakunews\)\n/);
  });

  it('names the native title as such, lists the studios of the film and its segments, and shows the collection marks', async () => {
    const { stdout } = await run(['show', 'memories'], {
      ...terminal(100),
      env: { NO_COLOR: '1', MEMORIES_COLLECTION: fixture('collection-owned.yaml') },
    });
    expect(stdout).toMatch(/^Native title +MEMORIES$/m);
    expect(stdout).toMatch(/^Studios +Studio 4°C, Madhouse$/m);
    expect(stdout).not.toMatch(/^Title /m);
    const release = await run(['show', 'memories-us-dvd-2004'], {
      ...terminal(100),
      env: { NO_COLOR: '1', MEMORIES_COLLECTION: fixture('collection-owned.yaml') },
    });
    expect(release.stdout.split('\n')[0]).toBe('● Memories: US DVD  (Columbia TriStar Home Entertainment, 2004)');
  });
});
