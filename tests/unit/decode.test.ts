import { describe, expect, it } from 'vitest';
import { decodeText, describeProblems } from '../helpers';

const anthology = (extra = ''): string => `anthologies:
  - id: a
    title: A
    year: 1995
    segments:
      - id: s
        title: S
${extra}`;

describe('decoding a data file', () => {
  it('accepts a minimal anthology', () => {
    const { problems, records } = decodeText(anthology());
    expect(problems.list).toEqual([]);
    expect(records.anthologies[0]).toMatchObject({ id: 'a', title: 'A', year: 1995, segments: [{ id: 's', title: 'S' }] });
    expect(records.anthologies[0]!.at).toEqual({ file: 'test.yaml', line: 2, col: 5 });
  });

  it('reports an unknown field at its position with a did-you-mean', () => {
    const { problems, records } = decodeText(anthology('    titel: oops\n'));
    expect(describeProblems(problems)).toEqual(['test.yaml:8:5: unknown field "titel" in anthology; did you mean "title"?']);
    expect(records.anthologies).toEqual([]);
  });

  it('reports an unknown role with a did-you-mean', () => {
    const text = anthology('    credits:\n      - { role: directer, staff: x }\n');
    expect(describeProblems(decodeText(text).problems)).toEqual([
      'test.yaml:9:17: "role" cannot be directer; did you mean "director"? It is one of: director, chief-director, unit-director, screenplay, original-story, music, theme-music, character-design, animation-director, key-animation, art-director, background-art, mechanical-design, cgi-director, cinematography, editor, supervisor, producer, executive-producer',
    ]);
  });

  it('reports every missing required field and every bad field, not only the first', () => {
    const { problems } = decodeText('anthologies:\n  - id: Bad_Id\n    year: "1995"\n');
    expect(describeProblems(problems)).toEqual([
      'test.yaml:2:9: "id" must be an id of lower-case letters and digits joined by hyphens (like "magnetic-rose"); found Bad_Id',
      'test.yaml:3:11: "year" must be a whole number (a year); found "1995"',
      'test.yaml:2:5: anthology is missing the required field "title"',
      'test.yaml:2:5: anthology is missing the required field "segments"',
    ]);
  });

  it('insists that identifier-like values are quoted', () => {
    const text = `releases:
  - id: r
    anthology: a
    format: dvd
    country: NO
    region: 1
    publisher: P
    catalog_number: 00123
    barcode: 0x1F
`;
    // YAML 1.2 reads NO as the text "NO" (Norway), never as false.
    expect(describeProblems(decodeText(text).problems)).toEqual([
      'test.yaml:6:13: "region" must be a quoted string: YAML reads 1 as a number; write "1"',
      'test.yaml:8:21: "catalog_number" must be a quoted string: YAML reads 00123 as a number; write "00123"',
      'test.yaml:9:14: "barcode" must be a quoted string: YAML reads 0x1F as a number; write "0x1F"',
    ]);
  });

  it('checks dates against the calendar', () => {
    const text = `staff:
  - { id: a, name: A, born: 1999-02-29 }
  - { id: b, name: B, born: 2000-02-29 }
  - { id: c, name: C, born: 1999-13 }
  - { id: d, name: D, born: 1999 }
`;
    const { problems, records } = decodeText(text);
    expect(describeProblems(problems)).toEqual([
      'test.yaml:2:29: "born" is not a real calendar date: 1999-02-29',
      'test.yaml:4:29: "born" is not a real calendar date: 1999-13',
    ]);
    expect(records.staff.map((s) => s.born)).toEqual(['2000-02-29', '1999']);
  });

  it('skips only the bad record; its neighbours load', () => {
    const text = 'staff:\n  - { id: good, name: Good }\n  - { id: bad }\n  - { id: also-good, name: Also }\n';
    const { problems, records } = decodeText(text);
    expect(records.staff.map((s) => s.id)).toEqual(['good', 'also-good']);
    expect(describeProblems(problems)).toEqual(['test.yaml:3:5: staff record "bad" is missing the required field "name"']);
  });

  it('reports YAML syntax errors with their position and loads nothing from the file', () => {
    const { problems, records } = decodeText('staff:\n  - { id: a, name: A\n');
    expect(problems.list.length).toBeGreaterThan(0);
    expect(problems.list[0]).toMatchObject({ file: 'test.yaml', severity: 'error' });
    expect(problems.list[0]!.message).toMatch(/^YAML syntax/);
    expect(records.staff).toEqual([]);
  });

  it('reports a duplicate key', () => {
    const { problems } = decodeText('staff:\n  - id: a\n    name: A\n    name: B\n');
    expect(describeProblems(problems)).toEqual(['test.yaml:4:5: this key appears twice in the same mapping; remove or rename one of them']);
  });

  it('reads YAML 1.1 booleans and sexagesimals as plain strings, never as true or 90', () => {
    const text =
      'releases:\n  - { id: r, anthology: a, format: dvd, country: US, publisher: P, runtime: 1:30, video: { anamorphic: yes } }\n';
    expect(describeProblems(decodeText(text).problems)).toEqual([
      'test.yaml:2:77: "runtime" must be a whole number (minutes); found 1:30',
      'test.yaml:2:104: "anamorphic" must be true or false; found yes',
    ]);
  });

  it('rejects a merge key as an unknown field instead of merging', () => {
    const text = 'staff:\n  - &base { id: a, name: A }\n  - <<: *base\n    id: b\n';
    const problems = describeProblems(decodeText(text).problems);
    expect(problems).toEqual([
      'test.yaml:3:5: unknown field "<<" in staff record',
      'test.yaml:3:5: staff record "b" is missing the required field "name"',
    ]);
  });

  it('rejects __proto__ as an unknown field without touching any prototype', () => {
    const text = 'staff:\n  - id: a\n    name: A\n    __proto__: { polluted: true }\n';
    expect(describeProblems(decodeText(text).problems)).toEqual(['test.yaml:4:5: unknown field "__proto__" in staff record']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says what a data file must be when it is a list', () => {
    expect(describeProblems(decodeText('- a\n- b\n').problems)).toEqual([
      'test.yaml:1:1: a data file must be a mapping with the keys "anthologies", "staff", "releases", "reviews"; found a list',
    ]);
  });

  it('accepts an empty or comment-only file', () => {
    expect(decodeText('').problems.list).toEqual([]);
    expect(decodeText('# nothing yet\n').problems.list).toEqual([]);
  });

  it('reports an unknown top-level key with a did-you-mean', () => {
    expect(describeProblems(decodeText('reviewz: []\n').problems)).toEqual([
      'test.yaml:1:1: unknown top-level key "reviewz"; did you mean "reviews"? Otherwise, use "anthologies", "staff", "releases", "reviews"',
    ]);
  });
});
