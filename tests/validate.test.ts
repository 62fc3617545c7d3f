import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers';

/** A folder holding the given files, for one test. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'memories-validate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The problem lines of a run, with the folder left out of their paths. */
const lines = (stdout: string, dir: string): string[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(`${dir}/`, ''));

const REJECTED = `anthologies:
  - id: mine
    titel: Mine
    year: 1999
    segments:
      - id: mine-one
        title: One
        credits:
          - { role: director, staff: nobody-here }
          - { role: directr, staff: katsuhiro-otom }
releases:
  - id: mine-dvd
    anthology: mine
    format: dvd
    country: JP
    publisher: P
reviews:
  - id: mine-review
    subject: mine-one
    author: A
    text: Fine.
  - id: other-review
    subject: no-such-work
    author: A
    txt: typo
`;

describe('memories validate reports every problem in one run', () => {
  it('checks the references of a rejected record, and not references to it', async () => {
    const dir = folder({ 'mine.yaml': REJECTED });
    const r = await run(['--no-bundled', 'validate', dir]);
    expect(r.code).toBe(3);
    expect(lines(r.stdout, dir)).toEqual([
      'mine.yaml:2:5: error: anthology "mine" is missing the required field "title"',
      'mine.yaml:3:5: error: unknown field "titel" in anthology; did you mean "title"?',
      'mine.yaml:9:13: error: credit names staff "nobody-here", which no staff record has; add the person under "staff:" or fix the id',
      'mine.yaml:10:13: error: credit names staff "katsuhiro-otom", which no staff record has; add the person under "staff:" or fix the id',
      'mine.yaml:10:21: error: "role" cannot be directr; did you mean "director"? It is one of: director, chief-director, unit-director, screenplay, original-story, music, theme-music, character-design, animation-director, key-animation, art-director, background-art, mechanical-design, cgi-director, cinematography, editor, supervisor, producer, executive-producer',
      // The release and the first review name the rejected anthology and its segment: that is one cause, told above.
      'mine.yaml:22:5: error: review "other-review" is missing the required field "text"',
      'mine.yaml:22:5: error: review "other-review": subject "no-such-work" is not an anthology or segment id',
      'mine.yaml:25:5: error: unknown field "txt" in review; did you mean "text"?',
    ]);
  });

  it('sorts problems by file, line and column, whatever found them', async () => {
    const dir = folder({
      'a.yaml': 'staff:\n  - id: x\n    nme: X\n',
      'b.yaml':
        'anthologies:\n  - id: b\n    title: B\n    year: 1990\n    segments:\n      - { id: b1, title: B1, credits: [{ role: director, staff: nobody }] }\n',
    });
    const r = await run(['--no-bundled', 'validate', dir]);
    const found = lines(r.stdout, dir).map((l) => l.split(': ')[0]);
    expect(found).toEqual(['a.yaml:2:5', 'a.yaml:3:5', 'b.yaml:6:40']);
  });
});

describe('memories validate takes files', () => {
  it('as an argument and through --data, whatever the file is called', async () => {
    const dir = folder({ 'mine.txt': 'staff:\n  - id: x\n    name: X\n    aliases: [1]\n' });
    const file = join(dir, 'mine.txt');
    for (const args of [
      ['validate', file],
      ['--data', file, 'validate'],
    ]) {
      const r = await run(['--no-bundled', ...args]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe(`${file}:4:15: error: "aliases" must be text; YAML read 1 as a number, so put it in quotes: "1"\n`);
      expect(r.stderr).toBe('1 file checked: 1 error, 0 warnings\n');
    }
  });

  it('and refuses what is neither a file nor a folder with exit 4', async () => {
    const r = await run(['validate', '/dev/null']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('/dev/null: neither a folder nor a regular file');
  });
});

describe('hints', () => {
  const release = (extra: string): string => `releases:
  - id: r
    anthology: memories
    format: dvd
    country: JP
    publisher: P
${extra}`;

  it.each([
    ['a nested field', '    video:\n      aspect: "1.85:1"\n', '8:7: error: unknown field "aspect" in video; did you mean "aspect_ratio"?'],
    [
      'a language name',
      '    audio:\n      - language: japanese\n',
      '8:19: error: "language" must be a two-letter ISO 639-1 code such as "ja" or "en"; found "japanese"; did you mean "ja"?',
    ],
    [
      'a three-letter language code',
      '    audio:\n      - language: jpn\n',
      '8:19: error: "language" must be a two-letter ISO 639-1 code such as "ja" or "en"; found "jpn"; did you mean "ja"?',
    ],
    [
      'a country code for a language',
      '    audio:\n      - language: jp\n',
      '8:19: warning: "language" is "jp", which is not an ISO 639-1 code; did you mean "ja"?',
    ],
    [
      'an unknown language code',
      '    audio:\n      - language: xq\n',
      '8:19: warning: "language" is "xq", which is not an ISO 639-1 code; check it',
    ],
    [
      'a region that is none',
      '    region: "Z"\n',
      '7:13: error: "region" must be a disc region: "0" to "8" for DVD, "A", "B" or "C" for Blu-ray, several joined by "/" ("2/4"), or "free"; found "Z"',
    ],
  ])('for %s', async (_what, extra, problem) => {
    const dir = folder({ 'r.yaml': release(extra) });
    const r = await run(['validate', dir]);
    expect(lines(r.stdout, dir)).toEqual([`r.yaml:${problem}`]);
  });

  it('check a code given in other capitals as they check it written right', async () => {
    for (const written of ['UK', 'uk']) {
      const dir = folder({ 'r.yaml': release('').replace('country: JP', `country: ${written}`) });
      const r = await run(['validate', dir]);
      expect(lines(r.stdout, dir)).toEqual([
        'r.yaml:5:14: warning: "country" is "UK", which is not an ISO 3166-1 country code; did you mean "GB"?',
      ]);
    }
  });

  it('accept values in other capitals where only one value is meant', async () => {
    const dir = folder({
      'r.yaml': release('    region: "a"\n    audio:\n      - language: JA\n    video:\n      standard: ntsc\n')
        .replace('format: dvd', 'format: DVD')
        .replace('country: JP', 'country: jp'),
    });
    const r = await run(['--data', dir, 'releases', '--json', 'id,format,country,region,video,audio', 'id:=r']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'r', format: 'dvd', country: 'JP', region: 'A', video: { standard: 'NTSC' }, audio: [{ language: 'ja' }] },
    ]);
  });
});

describe('one problem per cause', () => {
  it.each([
    [
      'a tab',
      'anthologies:\n  - id: t\n    title: T\n\tyear: 1999\n',
      ['t.yaml:4:1: error: tab characters cannot indent YAML; indent with spaces'],
    ],
    [
      'a line indented too deep',
      'anthologies:\n  - id: t\n    title: T\n     year: 1999\n',
      [
        't.yaml:4:6: error: this line is indented deeper than the key above it, so YAML reads it as part of that value; indent it like its neighbours',
      ],
    ],
    [
      'a colon in a plain value',
      'anthologies:\n  - id: t\n    title: Memories: Magnetic Rose\n',
      ['t.yaml:3:12: error: a value holds ": " (a colon and a space), which YAML reads as another key; put the value in quotes'],
    ],
  ])('reports %s once, clearly', async (_what, text, expected) => {
    const dir = folder({ 't.yaml': text });
    const r = await run(['--no-bundled', 'validate', dir]);
    expect(lines(r.stdout, dir)).toEqual(expected);
  });
});

describe('validate --json', () => {
  it('gives path, line, column, severity, message and hint, sorted', async () => {
    const dir = folder({ 'mine.yaml': REJECTED });
    const r = await run(['--no-bundled', 'validate', '--json', dir]);
    const problems = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(problems[0]).toEqual({
      path: join(dir, 'mine.yaml'),
      line: 2,
      column: 5,
      severity: 'error',
      message: 'anthology "mine" is missing the required field "title"',
      hint: null,
    });
    expect(problems[1]).toEqual({
      path: join(dir, 'mine.yaml'),
      line: 3,
      column: 5,
      severity: 'error',
      message: 'unknown field "titel" in anthology',
      hint: 'did you mean "title"?',
    });
    expect(problems.map((p) => p.line)).toEqual([2, 3, 9, 10, 10, 22, 22, 25]);
  });
});

describe('former ids', () => {
  it('still name the person, in a data file with a warning and as a REF', async () => {
    const dir = folder({
      'mine.yaml':
        'anthologies:\n  - id: mine\n    title: Mine\n    year: 1999\n    segments:\n      - id: mine-one\n        title: One\n        credits:\n          - { role: music, staff: person-combustible-composer }\n',
    });
    const r = await run(['validate', dir]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout, dir)).toEqual([
      'mine.yaml:9:13: warning: credit names staff "person-combustible-composer" by a former id; write "makoto-kubota"',
    ]);
    const json = JSON.parse((await run(['--data', dir, 'show', '--json', 'mine-one'])).stdout) as {
      segment: { credits: { staff: string }[] };
    };
    expect(json.segment.credits).toEqual([{ role: 'music', staff: 'makoto-kubota' }]);
    const shown = await run(['show', 'person-magnetic-rose-animation-director']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^ID +toshiyuki-inoue$/m);
  });

  it('cannot be the id of another person', async () => {
    const dir = folder({ 'mine.yaml': 'staff:\n  - id: someone\n    name: Someone\n    former_ids: [katsuhiro-otomo]\n' });
    const r = await run(['validate', dir]);
    expect(lines(r.stdout, dir)).toEqual([
      'mine.yaml:2:5: error: former id "katsuhiro-otomo" of staff "someone" is also the id or a former id of staff "katsuhiro-otomo"; remove it from one of them',
    ]);
  });
});

describe('medium', () => {
  it('is a query field with fixed values, and shown', async () => {
    expect(
      (await run(['list', 'medium:direct-to-video'])).stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['robot-carnival', 'digital-juice', 'the-animatrix', 'batman-gotham-knight', 'halo-legends']);
    const bad = await run(['list', 'medium:cinema']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('medium cannot be "cinema"; it is one of film, direct-to-video, tv, web, streaming');
    expect((await run(['show', 'memories'])).stdout).toMatch(/^Medium +film$/m);
  });
});
