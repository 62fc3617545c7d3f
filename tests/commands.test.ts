import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers';

describe('memories list', () => {
  it('prints one tab-separated row per anthology in a pipe, oldest first', async () => {
    const { stdout, stderr, code } = await run(['list']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((r) => r[0])).toEqual([
      'robot-carnival',
      'neo-tokyo',
      'memories',
      'digital-juice',
      'the-animatrix',
      'genius-party',
      'genius-party-beyond',
      'batman-gotham-knight',
      'halo-legends',
      'short-peace',
      'modest-heroes',
      'star-wars-visions',
    ]);
    expect(rows.find((r) => r[0] === 'memories')).toEqual([
      'memories',
      'Memories',
      '1995',
      '3',
      'Katsuhiro Otomo, Kōji Morimoto, Tensai Okamura',
      'Studio 4°C, Madhouse',
    ]);
  });

  it('prints a header and fits the width in a terminal', async () => {
    const { stdout } = await run(['list'], { tty: true, width: 60 });
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^ID\s+TITLE\s+YEAR\s+SEGS/);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
    expect(stdout).toContain('…');
  });

  it('reads director and music as their docs say: chief director and theme music included', async () => {
    // Takkyū Ishino is credited on Memories for its theme music only; Otomo is its chief director.
    const music = await run(['list', 'music:ishino']);
    expect(music.stdout.split('\n')[0]).toMatch(/^memories\t/);
    const fields = await run(['fields', 'works']);
    expect(fields.stdout).toMatch(/^ {2}director +director or chief director$/m);
    expect(fields.stdout).toMatch(/^ {2}music +composer \(music or theme music\)$/m);
    expect(fields.stdout).toMatch(/^ {2}theme-music +credited as theme-music$/m);
  });

  it('prints the whole records as JSON with --json', async () => {
    const { stdout, code } = await run(['list', '--json']);
    expect(code).toBe(0);
    const data = JSON.parse(stdout) as { id: string; segments: { id: string }[]; at?: unknown }[];
    const memories = data.find((a) => a.id === 'memories')!;
    expect(memories.segments.map((s) => s.id)).toEqual(['magnetic-rose', 'stink-bomb', 'cannon-fodder']);
    expect(memories.at).toBeUndefined();
  });

  it('keeps working when a --data file is broken, with one warning naming line and column', async () => {
    const { stdout, stderr, code } = await run(['--data', fixture('broken-file'), 'list']);
    expect(code).toBe(0);
    expect(stdout).toContain('test-anthology\tTest Anthology');
    expect(stdout).toContain('memories\tMemories');
    expect(stderr).toMatch(/broken-file\/broken\.yaml:4:1: error: YAML syntax: Flow sequence/);
  });

  it('prints at most five warnings, then points to memories validate', async () => {
    const { stderr, code } = await run(['--data', fixture('many-problems'), 'list']);
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('... and 3 more; run memories validate');
  });

  it('loads only the given folder with --no-bundled', async () => {
    const { stdout } = await run(['--no-bundled', '--data', fixture('broken-file'), 'list']);
    expect(stdout).toBe('test-anthology\tTest Anthology\t2001\t1\t\t\n');
  });

  it('reads folders from MEMORIES_DATA', async () => {
    // Empty entries (a leading or doubled colon) are skipped.
    const { stdout, code } = await run(['--no-bundled', 'list'], {
      env: { MEMORIES_DATA: `:${fixture('user-release')}::${fixture('broken-file')}` },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('test-anthology');
  });

  it('exits 4 with a clear message for a missing --data folder', async () => {
    const { stdout, stderr, code } = await run(['--data', '/no/such/folder', 'list']);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'memories: data folder /no/such/folder: no such file or folder; check the path (given with --data, MEMORIES_DATA or to validate)\n',
    );
  });

  it('succeeds with nothing to show', async () => {
    const { stdout, code } = await run(['--no-bundled', 'list']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});

describe('memories segments, staff, releases', () => {
  it('lists segments with anthology, number, director, music and runtime', async () => {
    const { stdout } = await run(['segments']);
    expect(stdout).toContain('magnetic-rose\tMemories\t1\tMagnetic Rose\tKōji Morimoto\tYoko Kanno\t44 min\n');
    expect(stdout).toContain('stink-bomb\tMemories\t2\tStink Bomb\tTensai Okamura\tJun Miyake\t\n');
  });

  it('lists staff with native names and credit counts', async () => {
    const { stdout } = await run(['staff']);
    expect(stdout).toMatch(/^yoko-kanno\tYoko Kanno\t菅野よう子\t1$/m);
  });

  it('lists releases with country/region, publisher and date', async () => {
    const { stdout } = await run(['releases']);
    expect(stdout).toContain('memories-us-dvd-2004\tMemories\tdvd\tUS/1\tColumbia TriStar Home Entertainment\t2004-02-24\t\t\n');
  });

  it('adds a user release for a bundled anthology from a --data folder', async () => {
    const { stdout, stderr } = await run(['--data', fixture('user-release'), 'releases']);
    expect(stderr).toBe('');
    expect(stdout).toContain('my-memories-bluray\tMemories\tblu-ray\tDE/B\tExample Label\t2024-07\t\t\n');
  });
});

describe('memories show', () => {
  it('shows an anthology with every segment and its director, screenplay and music', async () => {
    const { stdout, code } = await run(['show', 'memories']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1\. Magnetic Rose[^\n]*\n\s+Director\s+Kōji Morimoto\n\s+Screenplay\s+Satoshi Kon\n/);
    expect(stdout).toMatch(
      /2\. Stink Bomb[^\n]*\n\s+Director\s+Tensai Okamura[^\n]*\n\s+Screenplay\s+Katsuhiro Otomo\n\s+Music\s+Jun Miyake\n/,
    );
    expect(stdout).toMatch(
      /3\. Cannon Fodder[^\n]*\n\s+Director\s+Katsuhiro Otomo\n\s+Screenplay\s+Katsuhiro Otomo\n\s+Music\s+Hiroyuki Nagashima\n/,
    );
    expect(stdout).toContain('memories-us-dvd-2004');
  });

  it('shows a segment by a title in another form', async () => {
    for (const ref of ['magnetic-rose', 'Magnetic Rose', 'magnetic rose', '彼女の想いで', 'kanojo no omoide', 'magn']) {
      const { stdout, code } = await run(['show', ref]);
      expect(code, ref).toBe(0);
      expect(stdout, ref).toMatch(/^Magnetic Rose {2}segment 1 of Memories \(1995\)\n/);
      expect(stdout).toMatch(/Director\s+Kōji Morimoto/);
      expect(stdout).toMatch(/Screenplay\s+Satoshi Kon/);
      expect(stdout).toMatch(/Music\s+Yoko Kanno/);
    }
  });

  it('shows a person as a filmography grouped by anthology', async () => {
    for (const ref of ['koji-morimoto', 'Koji Morimoto', 'Morimoto Kouji', '森本晃司']) {
      const { stdout, code } = await run(['show', ref]);
      expect(code, ref).toBe(0);
      expect(stdout).toContain('Kōji Morimoto  森本晃司\n');
      expect(stdout).toMatch(/ {2}Memories \(1995\)\n {4}Magnetic Rose\s+Director\n/);
      expect(stdout).toMatch(/ {2}Robot Carnival \(1987\)\n {4}Franken's Gears\s+Director\n/);
    }
  });

  it('filters a filmography by role', async () => {
    const { stdout } = await run(['show', 'katsuhiro-otomo', '--role', 'music']);
    expect(stdout).toContain('Filmography (Music)\n  no credits\n');
    const { stderr, code } = await run(['show', 'katsuhiro-otomo', '--role', 'directr']);
    expect(code).toBe(2);
    expect(stderr).toContain('--role cannot be "directr" (did you mean "director"?)');
  });

  it('shows every field of a release', async () => {
    const { stdout } = await run(['show', 'memories-us-dvd-2004']);
    for (const line of [
      /Publisher\s+Columbia TriStar Home Entertainment/,
      /Columbia TriStar Home Entertainment \/ Sony Pictures Home Entertainment/,
      /Released\s+2004-02-24/,
      /Region\s+1/,
      /Runtime\s+114 min/,
      /Aspect ratio\s+1\.85:1/,
      /Anamorphic\s+yes/,
      /Japanese, Dolby Digital 5\.1, no English dub/,
      /English, French, Spanish, Portuguese/,
      /'Memories of Memories' featurette/,
      /Rated PG-13/,
      /mania\.com\/memories_article_75900/,
    ]) {
      expect(stdout).toMatch(line);
    }
  });

  it('lists the candidates of an ambiguous REF and exits 2', async () => {
    const { stdout, stderr, code } = await run(['show', 'opening']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('"opening" matches more than one record; use one of these ids:');
    expect(stderr).toContain('robot-carnival-opening  (segment: Opening (Robot Carnival))');
    expect(stderr).toContain('short-peace-opening  (segment: Opening (Short Peace))');
  });

  it('suggests the closest id when nothing matches, and exits 2', async () => {
    const { stderr, code } = await run(['show', 'cannon-foder']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'memories: nothing is called "cannon-foder". Did you mean "cannon-fodder"? Run memories list, memories staff or memories releases to see ids.\n',
    );
  });

  it('prints a person as JSON with their credits', async () => {
    const { stdout } = await run(['show', 'yoko-kanno', '--json']);
    expect(JSON.parse(stdout)).toEqual({
      kind: 'staff',
      staff: expect.objectContaining({ id: 'yoko-kanno', native_name: '菅野よう子' }),
      credits: [{ work: 'magnetic-rose', role: 'music' }],
    });
  });
});

describe('memories review', () => {
  it('prints the anthology review and then its segments', async () => {
    const { stdout, code } = await run(['review', 'memories']);
    expect(code).toBe(0);
    const order = [
      'Three films, three temperatures',
      'A ghost story told with a spaceship',
      'A disaster movie played for laughs',
      'One long take',
    ].map((t) => stdout.indexOf(t));
    expect(order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]!))).toBe(true);
  });

  it('wraps review text to the terminal, capped at a readable measure', async () => {
    const { stdout } = await run(['review', 'magnetic-rose'], { tty: true, width: 50 });
    const lines = stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(50);
    expect(lines.length).toBeGreaterThan(8);
  });

  it('rejects a person as the subject of a review', async () => {
    const { code, stderr } = await run(['review', 'yoko-kanno']);
    expect(code).toBe(2);
    expect(stderr).toContain('reviews are of works');
  });
});

describe('memories validate', () => {
  it('reports 0 problems on the bundled data', async () => {
    const { stdout, stderr, code } = await run(['validate']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
  });

  it('reports every problem with path:line:col and exits 3', async () => {
    const { stdout, stderr, code } = await run(['validate', fixture('dangling-references')]);
    expect(code).toBe(3);
    const file = `${fixture('dangling-references')}/refs.yaml`;
    expect(stdout).toBe(
      [
        `${file}:9:13: error: credit names staff "katsuhiro-otomoo", which no staff record has; did you mean "katsuhiro-otomo"? Otherwise, add the person under "staff:" or fix the id`,
        `${file}:11:5: error: release "nowhere": anthology "memoriez" is not an anthology id; did you mean "memories"?`,
        `${file}:17:5: error: review "of-nothing": subject "nothing-here" is not an anthology or segment id`,
        '',
      ].join('\n'),
    );
    expect(stderr).toMatch(/files checked: 3 errors, 0 warnings\n$/);
  });

  it('names both places of a duplicate id', async () => {
    const { stdout, code } = await run(['validate', fixture('duplicate-ids')]);
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /duplicate-ids\/a\.yaml:2:5: error: duplicate staff id "katsuhiro-otomo": already defined at .*data\/staff\.yaml:\d+:5; rename one of them/,
    );
  });

  it('prints problems as JSON with --json', async () => {
    const { stdout, code } = await run(['validate', '--json', fixture('broken-file')]);
    expect(code).toBe(3);
    const problems = JSON.parse(stdout) as { line: number; column: number; severity: string }[];
    expect(problems[0]).toMatchObject({ line: 4, column: 1, severity: 'error' });
  });
});

describe('usage', () => {
  it('suggests the closest command and exits 2', async () => {
    const { stderr, code } = await run(['lsit']);
    expect(code).toBe(2);
    expect(stderr).toBe("memories: unknown command 'lsit'; did you mean list?\n");
  });

  it('suggests the closest flag and exits 2', async () => {
    const { stderr, code } = await run(['list', '--jsn']);
    expect(code).toBe(2);
    expect(stderr).toBe("memories: unknown option '--jsn'; did you mean --json?\n");
  });

  it('prints no colour for TERM=dumb, unless forced', async () => {
    expect((await run(['list'], { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain('\u001b');
    expect((await run(['list'], { tty: true, env: { TERM: 'dumb', FORCE_COLOR: '1' } })).stdout).toContain('\u001b');
  });

  it("starts every error line with memories:, commander's too", async () => {
    const cases: [string[], string][] = [
      [['show'], "memories: missing required argument 'ref'\n"],
      [['show', 'a', 'b'], "memories: too many arguments for 'show'. Expected 1 argument but got 2.\n"],
      [['list', '--limit'], "memories: option '--limit <n>' argument missing\n"],
      [['help', 'nosuch'], 'memories: no command "nosuch"; run memories help to list them\n'],
      [['help', 'shw'], 'memories: no command "shw" (did you mean "show"?); run memories help to list them\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await run(args);
      expect(r).toEqual({ stdout: '', stderr, code: 2 });
    }
  });

  it('prints the version alone', async () => {
    const { stdout, code } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints help with the exit codes', async () => {
    const { stdout, code } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
  });

  it('rejects a bad --color value', async () => {
    const { stderr, code } = await run(['--color', 'sometimes', 'list']);
    expect(code).toBe(2);
    expect(stderr).toBe("memories: option '--color <when>' argument 'sometimes' is invalid. Allowed choices are auto, always, never.\n");
  });

  it('colours a terminal but never a pipe, and never with NO_COLOR', async () => {
    const ESC = '\u001b';
    expect((await run(['list'], { tty: true, env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(['list'], { tty: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(['show', 'memories'], { tty: false })).stdout).not.toContain(ESC);
    expect((await run(['--color', 'always', 'show', 'memories'])).stdout).toContain(ESC);
  });
});

describe('memories search', () => {
  it('answers the issue examples on the bundled data', async () => {
    const composer = await run(['search', '--composer', 'kanno']);
    // The row says who matched, not only the field.
    expect(composer.stdout).toContain('work\tmagnetic-rose\tMagnetic Rose\tMemories\t1995\tmusic: Yoko Kanno\n');
    const director = await run(['search', 'director:ootomo']);
    expect(director.stdout).toContain('work\tcannon-fodder\tCannon Fodder\tMemories\t1995\tdirector: Katsuhiro Otomo\n');
    expect(director.stdout).not.toContain('magnetic-rose');
    const kanji = await run(['search', '菅野よう子']);
    expect(kanji.stdout).toContain('person\tyoko-kanno\tYoko Kanno\t菅野よう子\t1\tname: 菅野よう子\n');
  });

  it('groups results by kind with a header per kind in a terminal', async () => {
    const { stdout } = await run(['search', 'memories'], { tty: true, width: 100 });
    expect(stdout).toMatch(/^Works \(\d+\)\n/);
    expect(stdout).toMatch(/\nReleases \(\d+\)\n/);
  });

  it('points at the bad term and suggests the closest field, exit 2', async () => {
    const { stderr, code } = await run(['search', 'directr:otomo']);
    expect(code).toBe(2);
    expect(stderr).toBe('memories: unknown field "directr" (did you mean "director"?); run memories fields to list them\n');
  });

  it('refuses a field the table cannot be queried by', async () => {
    const { stderr, code } = await run(['list', 'format:dvd']);
    expect(code).toBe(2);
    expect(stderr).toBe('memories: memories list cannot be queried by format; run memories fields works\n');
  });

  it('says so on stderr when nothing matches, exit 0', async () => {
    const { stdout, stderr, code } = await run(['search', 'zzzz']);
    expect([stdout, stderr, code]).toEqual(['', 'no matches\n', 0]);
  });

  it('prints results as JSON with the fields that matched', async () => {
    const data = JSON.parse((await run(['search', '--json', 'kanno'])).stdout) as {
      works: { matched: string[]; record: { id: string } }[];
    };
    expect(data.works.map((w) => [w.record.id, w.matched])).toEqual([
      ['memories', ['staff']],
      ['magnetic-rose', ['staff']],
    ]);
  });

  it('lists the query fields per kind', async () => {
    const { stdout, code } = await run(['fields', 'people']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^people\n {2}id +the id\n {2}name +any form of the name/);
    expect((await run(['fields', 'peple'])).stderr).toContain('did you mean "people"?');
  });
});
