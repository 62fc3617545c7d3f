import { describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../../src/cli/context';
import type { Io } from '../../src/cli/io';
import { buildProgram } from '../../src/cli/main';

// The contract between argv and each command's options: the real program parses the words, and
// a runner that runs nothing records what the command's options function made of them.
const io: Io = { stdout: { write: () => {}, isTTY: false }, stderr: { write: () => {}, isTTY: false }, env: {}, now: () => new Date() };

interface Parsed {
  name: string;
  options: unknown;
  globals: GlobalOptions;
}

/** What argv gives the command it names, stopped before it runs, from a program of every command or (with argv) of the one it names. */
async function parseWith(argv: string[], only: boolean): Promise<Parsed> {
  let parsed: Parsed | undefined;
  const program = buildProgram(
    io,
    (globals) => (command, options) => {
      parsed = { name: command.name(), options, globals: globals() };
      return Promise.resolve();
    },
    only ? argv : undefined,
  );
  await program.parseAsync(argv, { from: 'user' });
  if (!parsed) throw new Error('no command ran');
  return parsed;
}

const outcome = (argv: string[], only: boolean): Promise<unknown> =>
  parseWith(argv, only).then(
    (p) => p,
    (e: unknown) => ({ refused: e instanceof Error ? e.message : String(e) }),
  );

/** What argv gives, checked to be the same whether the program was built with every command or only the one named. */
async function parse(argv: string[]): Promise<Parsed> {
  const only = await outcome(argv, true);
  expect(only, argv.join(' ')).toEqual(await outcome(argv, false));
  return parseWith(argv, true);
}

/** The usage error argv gives, before anything runs. */
async function refused(argv: string[]): Promise<string> {
  return parse(argv).then(
    () => 'accepted',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

describe('argv to options', () => {
  it('gives every command the shared options', async () => {
    const { globals } = await parse(['--no-bundled', '--data', 'a', '--data', 'b.yaml', '--color', 'never', '--no-pager', 'list']);
    expect(globals).toEqual({ data: ['a', 'b.yaml'], bundled: false, color: 'never', pager: false });
    expect((await parse(['list'])).globals).toEqual({ data: [], bundled: true, color: 'auto', pager: true });
  });

  it('turns query flags into terms that narrow every alternative, and takes --sort and --limit', async () => {
    const { name, options } = await parse([
      'list',
      'kanno',
      ',',
      'hisaishi',
      '--year',
      '1987',
      '--director',
      'Kōji Morimoto',
      '--sort',
      'year-',
      '--limit',
      '2',
    ]);
    expect(name).toBe('list');
    const { query, ...rest } = options as { query: { groups: { raw: string }[][] } };
    expect(query.groups.map((g) => g.map((t) => t.raw))).toEqual([
      ['kanno', 'director:Kōji Morimoto', 'year:1987'],
      ['hisaishi', 'director:Kōji Morimoto', 'year:1987'],
    ]);
    expect(rest).toEqual({ sort: 'year-', limit: 2, format: 'table', columns: undefined, jsonFields: undefined, help: undefined });
  });

  it('takes --json FIELDS, but gives a term written after --json back to the query', async () => {
    expect((await parse(['releases', '--json', 'id,format'])).options).toMatchObject({ format: 'json', jsonFields: ['id', 'format'] });
    const { options } = await parse(['list', '--json', 'year:1987']);
    expect(options).toMatchObject({ format: 'json', jsonFields: undefined, query: { groups: [[{ raw: 'year:1987' }]] } });
    expect((await parse(['staff', '--json', 'help'])).options).toMatchObject({ help: 'json' });
  });

  it('checks --columns against the command’s columns, and --columns help asks for the list', async () => {
    expect((await parse(['releases', '--columns', 'id, format'])).options).toMatchObject({ columns: ['id', 'format'] });
    expect((await parse(['segments', '--columns', 'help'])).options).toMatchObject({ help: 'columns', columns: undefined });
    expect(await refused(['releases', '--columns', 'formt'])).toMatch(
      /^memories releases has no column "formt" \(did you mean "format"\?\)/,
    );
  });

  it('refuses a --limit that is not a whole number, and --json with --csv', async () => {
    for (const limit of ['', '0x8', '1e1', '-1', 'ten'])
      expect(await refused(['list', '--limit', limit])).toBe(`--limit takes a whole number, not "${limit}"`);
    expect(await refused(['list', '--json', '--csv'])).toBe('choose one of --json and --csv');
  });

  it('gives the shorthand flags only to the commands whose kinds have those fields', async () => {
    expect((await parse(['search', 'kanno', '--composer', 'kanno'])).options).toMatchObject({
      json: false,
      query: { groups: [[{ raw: 'kanno' }, { raw: 'music:kanno' }]] },
    });
    expect(await refused(['staff', '--director', 'otomo'])).toMatch(/unknown option '--director'/);
  });

  it('gives show its REF, its role filter and --json', async () => {
    expect(await parse(['show', 'yoko-kanno', '--role', 'composer', '--json'])).toMatchObject({
      name: 'show',
      options: { ref: 'yoko-kanno', role: { label: 'composer', roles: ['music', 'theme-music'] }, json: true },
    });
    expect(await refused(['show', 'x', '--role', 'directer'])).toMatch(
      /^--role cannot be "directer" \(did you mean "director"\?\); roles are: director, /,
    );
  });

  it('gives validate its paths, and fields its kind', async () => {
    expect((await parse(['validate', 'a', 'b.yaml', '--json'])).options).toEqual({ folders: ['a', 'b.yaml'], json: true });
    expect((await parse(['fields', 'releases'])).options).toEqual({ kinds: ['releases'], json: false });
    expect((await parse(['fields'])).options).toEqual({ kinds: ['works', 'people', 'releases'], json: false });
    expect(await refused(['fields', 'relases'])).toMatch(
      /^no kind "relases" \(did you mean "releases"\?\); kinds are works, people, releases$/,
    );
  });

  it('gives the collection commands their ids, notes, dates and ratings, checked', async () => {
    expect((await parse(['own', 'a', 'b', '--note', 'import'])).options).toEqual({ refs: ['a', 'b'], note: 'import' });
    expect((await parse(['unwant', '-'])).options).toEqual({ refs: ['-'] });
    expect((await parse(['watched', 'magnetic-rose', '--date', '2026-11', '--rating', '8.5'])).options).toEqual({
      ref: 'magnetic-rose',
      date: '2026-11',
      rating: 8.5,
      note: undefined,
    });
    expect((await parse(['unwatch', 'magnetic-rose'])).options).toEqual({ ref: 'magnetic-rose', date: undefined });
    expect(await refused(['own', 'a', '--note', ' '])).toBe('--note needs some text');
    expect(await refused(['watched', 'x', '--rating', '7.25'])).toMatch(/^--rating must be from 0 to 10 in half points/);
    expect(await refused(['watched', 'x', '--date', '2026-02-30'])).toBe('--date 2026-02-30 is not a real calendar date');
    expect(await refused(['unwatch', 'x', '--date', '11/2026'])).toBe('--date must be YYYY, YYYY-MM or YYYY-MM-DD, not "11/2026"');
  });

  it('gives compare its refs, and completion the script of the shell named', async () => {
    expect((await parse(['compare', 'a', 'b', '--json'])).options).toEqual({ refs: ['a', 'b'], json: true });
    expect((await parse(['completion', 'fish'])).options).toMatchObject({ script: expect.stringContaining('complete -c memories') });
    expect(await refused(['completion', 'tcsh'])).toBe('no completion for "tcsh"; choose bash, zsh or fish');
  });
});

describe('the program a run builds', () => {
  const built = (argv: string[]): string[] => buildProgram(io, () => () => Promise.resolve(), argv).commands.map((c) => c.name());
  const every = built([]);

  it('holds only the command the words name, after any shared flags and their values', () => {
    expect(built(['list'])).toEqual(['list']);
    expect(built(['--no-bundled', '--data', 'show', '--color', 'never', 'search', 'otomo'])).toEqual(['search']);
    expect(built(['-V', 'show', 'memories'])).toEqual(['show']);
  });

  it('holds every command for help, a name it does not know, a flag it must judge, and completion', () => {
    expect(every.length).toBeGreaterThan(15);
    for (const argv of [['help', 'list'], ['--help', 'list'], ['lsit'], ['--data=x', 'list'], ['--bogus', 'list'], ['__complete', 'li']])
      expect(built(argv), argv.join(' ')).toEqual(every);
  });
});
