import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json';
import { escapeLine, escapeText } from '../render/escape';
import { runReview, reviewOptions } from './commands/review';
import { ROLE_WORDS, runShow, showOptions } from './commands/show';
import { runFields } from './commands/fields';
import { runCollection, runLog, runOwn, runRemove, runUnwatch, runWant, runWatched } from './commands/collection';
import { runCompare } from './commands/compare';
import { runComplete, runCompletion } from './completion';
import { addQueryFlags, queryOptions } from './commands/query-options';
import { runSearch } from './commands/search';
import { columnsHelp, parseColumns, runTable, tableCommands } from './commands/tables';
import { QueryError } from '../query/parse';
import { runValidate, validateOptions } from './commands/validate';
import type { Context } from './context';
import { createContext, globalOptions } from './context';
import { CliError, EXIT, isCollectionFileError } from './errors';
import type { Install, Io } from './io';
import { didYouMean } from '../util/closest';

type Flags = Record<string, unknown>;

function outputFormat(flags: Flags): 'table' | 'json' | 'csv' {
  const json = flags.json !== undefined && flags.json !== false;
  if (json && flags.csv === true) throw new CliError('choose one of --json and --csv', EXIT.usage);
  return json ? 'json' : flags.csv === true ? 'csv' : 'table';
}

/**
 * A table command's --json [FIELDS], as gh takes it. The value is optional, so a query term
 * right after --json would be taken for it: one that is not a plain list of names
 * ("year:1987", "^otomo") goes back to the terms.
 */
function jsonFields(flags: Flags, terms: string[]): { fields?: string[]; terms: string[] } {
  const value = flags.json;
  if (typeof value !== 'string') return { terms };
  if (!/^[a-z_]+(,[a-z_]+)*$/.test(value)) return { terms: [value, ...terms] };
  return { fields: value.split(','), terms };
}

const EXIT_CODES_HELP = `
Exit codes:
  0    success (an empty result is a success)
  1    internal error (a bug: please report it; MEMORIES_DEBUG=1 shows the stack)
  2    usage error, or a REF that names nothing or several records
  3    data errors (memories validate; a collection file with errors)
  4    file-system errors (a missing --data folder; the collection file cannot be
       written, or another memories is writing it; the output cannot be written)
  130  interrupted by Ctrl-C (the shell reports it)`;

const QUERY_HELP = `
Query syntax:
  kanno                      a bare word matches any title or credited name (people: name;
                             releases: edition, anthology, publisher)
  director:otomo             field:value matches within one field (memories fields lists them)
  music:="yoko kanno"        field:=value must match the whole value (after folding)
  year:1987..1995            ranges for numbers and dates; open ends: runtime:..30, year:2000..
  ^stink                     ^ negates a term
  kanno , hisaishi           "," separates alternatives (OR); terms within one must all match
  '"yoko kanno"'             quotes keep words together

Matching ignores case, accents, widths and long-vowel spellings (Ōtomo = Ootomo = Otomo,
Kōji = Kouji), word order (Kanno Yoko = Yoko Kanno) and spacing (STUDIO4℃ = Studio 4°C);
native script matches too (大友克洋, 彼女の想いで). Exact matches rank above prefix matches,
which rank above substring matches; ties keep the catalogue order.

Examples:
  $ memories search --composer kanno
  $ memories search director:ootomo
  $ memories search 菅野よう子
  $ memories search format:blu-ray country:US
  $ memories list year:1987
  $ memories staff role:music`;

/**
 * Registers every command on one program; each command's logic lives in its own module.
 * Exported for the argv-to-options contract tests (tests/unit/options.test.ts).
 */
export function buildProgram(io: Io, install: Install, setExit: (code: number) => void): Command {
  const program = new Command('memories');
  program
    .description('A catalogue of anime anthology films: works, segments, staff, home-video releases and reviews.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(escapeText(s)),
      // Commander's errors speak as every other, on one line: "memories: unknown command 'lsit'; did you mean list?".
      outputError: (s, write) => write(s.replace(/^error: /, 'memories: ').replace(/\n\(Did you mean (.*)\?\)/, '; did you mean $1?')),
    })
    .showSuggestionAfterError(true)
    .helpCommand('help [command]', 'Show the help of a command')
    .option(
      '--data <path>',
      'also load records from PATH, a data folder or one file (repeatable)',
      (dir: string, all: string[]) => [...all, dir],
      [] as string[],
    )
    .option('--no-bundled', 'leave out the bundled catalogue')
    .option('--no-pager', 'never page long output (MEMORIES_PAGER, PAGER, then less)')
    .addOption(new Option('--color <when>', 'colour').choices(['auto', 'always', 'never']).default('auto'))
    .addHelpText(
      'after',
      `\nData folders load in order: the bundled data, each --data PATH, then each entry of MEMORIES_DATA (colon-separated).\n${EXIT_CODES_HELP}`,
    );

  // Each action builds its context, runs, then delivers held output (perhaps through the pager).
  const act =
    <A extends unknown[]>(fn: (ctx: Context, ...args: A) => number) =>
    async (...args: [...A, Flags, Command]): Promise<void> => {
      const self = args[args.length - 1] as Command;
      const ctx = createContext(io, install, globalOptions(self.optsWithGlobals()));
      setExit(fn(ctx, ...(args.slice(0, -1) as unknown as A)));
      await ctx.finish();
    };
  const examples = (cmd: Command, lines: string[]): Command =>
    cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);

  for (const table of tableCommands) {
    const cmd = program
      .command(table.name)
      .argument('[terms...]', 'query terms: words, field:value, field:lo..hi, ^negated, "," for OR (memories help search)')
      .description(table.summary)
      .option('--json [fields]', 'print the records as JSON; --json id,title for only those fields ("help" lists them)')
      .option('--csv', 'print the table as CSV, with a header row')
      .option('--columns <list>', 'the columns to show, in order, separated by commas ("help" lists them)');
    addQueryFlags(cmd, table.kind === 'works', table.kind);
    examples(cmd, table.examples);
    const command = table as Parameters<typeof runTable>[0];
    cmd.action(
      act((ctx, terms: string[], flags: Flags) => {
        if (flags.columns === 'help') {
          ctx.write(columnsHelp(command));
          return EXIT.ok;
        }
        if (flags.json === 'help') {
          ctx.write(
            `JSON fields of memories ${command.name} (choose with --json a,b,c):\n${command.jsonFields.map((f) => `  ${f}\n`).join('')}`,
          );
          return EXIT.ok;
        }
        const json = jsonFields(flags, terms);
        return runTable(command, ctx, {
          ...queryOptions(json.terms, flags),
          format: outputFormat(flags),
          columns: parseColumns(command, flags.columns as string | undefined),
          jsonFields: json.fields,
        });
      }),
    );
  }

  const search = program
    .command('search')
    .argument('[terms...]', 'what to look for (or use the flags)')
    .description('Search works, people and releases at once, in any spelling')
    .option('--json', 'print the results as JSON');
  addQueryFlags(search, true);
  search.addHelpText('after', QUERY_HELP);
  search.action(act((ctx, terms: string[], flags: Flags) => runSearch(ctx, { ...queryOptions(terms, flags), json: flags.json === true })));

  const fields = program
    .command('fields')
    .argument('[kind]', 'works, people or releases')
    .description('List the fields a query can use, per kind')
    .option('--json', 'print the fields as JSON');
  examples(fields, ['memories fields', 'memories fields releases', 'memories fields --json']);
  fields.action(act((ctx, kind: string | undefined, flags: Flags) => runFields(ctx, kind, flags.json === true)));

  const show = program
    .command('show')
    .argument('<ref>', 'an id, a title or name in any of its forms, or a unique prefix')
    .description('Show an anthology, a segment, a person (their filmography) or a release in full')
    // The choices are for help and completion; showOptions checks the value, with a did-you-mean.
    .addOption(new Option('--role <role>', 'with a person: only credits in this role').choices(ROLE_WORDS).argParser((role) => role))
    .option('--json', 'print the record as JSON');
  examples(show, [
    'memories show memories',
    'memories show "magnetic rose"',
    'memories show 大友克洋',
    'memories show koji-morimoto --role director',
    'memories show memories-us-dvd-2004',
  ]);
  show.action(act((ctx, ref: string, flags: Flags) => runShow(ctx, showOptions(ref, flags))));

  const review = program
    .command('review')
    .argument('<ref>', 'an anthology or segment')
    .description('Read the reviews of an anthology (and of its segments) or of one segment')
    .option('--json', 'print the reviews as JSON');
  examples(review, ['memories review memories', 'memories review cannon-fodder']);
  review.action(act((ctx, ref: string, flags: Flags) => runReview(ctx, reviewOptions(ref, flags))));

  const validate = program
    .command('validate')
    .argument('[path...]', 'more data folders or files to check, besides the configured ones')
    .description('Check data files and print every problem as path:line:col; exit 3 on any error')
    .option('--json', 'print the problems as JSON');
  examples(validate, [
    'memories validate',
    'memories --no-bundled validate ~/anime-data',
    'memories validate ~/anime/my-bluray.yaml',
    'memories validate --json ~/anime',
  ]);
  validate.action(act((ctx, dirs: string[], flags: Flags) => runValidate(ctx, validateOptions(dirs, flags))));

  // own, want, unown and unwant: one or more releases, or "-" for ids on standard input.
  const releaseLists = [
    {
      name: 'own',
      summary: 'Add releases to your collection (and take them off your wishlist), or change the note on one',
      note: 'a note of your own, such as where you bought it',
      examples: [
        'memories own memories-us-dvd-2004',
        'memories own memories-jp-4k-2025 --note "import, 2026"',
        'memories releases format:dvd country:US | memories own -',
      ],
      run: (ctx: Context, refs: string[], note?: string) => runOwn(ctx, refs, note),
    },
    {
      name: 'want',
      summary: 'Add releases to your wishlist, or change the note on one',
      note: 'a note of your own',
      examples: ['memories want robot-carnival-discotek-uhd', 'memories releases format:blu-ray | memories want -'],
      run: (ctx: Context, refs: string[], note?: string) => runWant(ctx, refs, note),
    },
    {
      name: 'unown',
      summary: 'Remove releases from your collection',
      examples: ['memories unown memories-us-dvd-2004'],
      run: (ctx: Context, refs: string[]) => runRemove(ctx, 'owned', refs),
    },
    {
      name: 'unwant',
      summary: 'Remove releases from your wishlist',
      examples: ['memories unwant robot-carnival-discotek-uhd'],
      run: (ctx: Context, refs: string[]) => runRemove(ctx, 'wanted', refs),
    },
  ];
  for (const list of releaseLists) {
    const cmd = program
      .command(list.name)
      .argument('<releases...>', 'release ids (memories releases lists them), or - to read them from standard input')
      .description(list.summary);
    if (list.note) cmd.option('--note <text>', list.note);
    examples(cmd, list.examples);
    cmd.action(act((ctx, refs: string[], flags: Flags) => list.run(ctx, refs, flags.note as string | undefined)));
  }

  const collection = program.command('collection').description('List the releases you own and want').option('--json', 'print them as JSON');
  examples(collection, ['memories collection', 'memories releases owned:yes']);
  collection.action(act((ctx, flags: Flags) => runCollection(ctx, flags.json === true)));

  const watched = program
    .command('watched')
    .argument('<work>', 'an anthology or segment')
    .description('Log a viewing of an anthology or a segment')
    .option('--date <date>', 'when (YYYY-MM-DD, YYYY-MM or YYYY; default today)')
    .option('--rating <n>', 'your rating, 0 to 10 in half points')
    .option('--note <text>', 'a note of your own');
  examples(watched, ['memories watched magnetic-rose --rating 9.5', 'memories watched robot-carnival --date 2026-11-01']);
  watched.action(act((ctx, ref: string, flags: Flags) => runWatched(ctx, ref, flags as { date?: string; rating?: string; note?: string })));

  const unwatch = program
    .command('unwatch')
    .argument('<work>', 'an anthology or segment')
    .description('Remove the latest logged viewing of a work, or the one on a date')
    .option('--date <date>', 'the viewing on this date');
  examples(unwatch, ['memories unwatch magnetic-rose', 'memories unwatch robot-carnival --date 2026-11-01']);
  unwatch.action(act((ctx, ref: string, flags: Flags) => runUnwatch(ctx, ref, flags.date as string | undefined)));

  const log = program.command('log').description('List your viewings, newest first').option('--json', 'print them as JSON');
  examples(log, ['memories log', 'memories segments rating:8..']);
  log.action(act((ctx, flags: Flags) => runLog(ctx, flags.json === true)));

  const compare = program
    .command('compare')
    .argument('<refs...>', 'two or more release ids, or an anthology to compare all its releases')
    .description('Compare editions side by side, with the differences marked')
    .option('--json', 'print the comparison as JSON');
  examples(compare, ['memories compare memories', 'memories compare memories-us-dvd-2004 memories-gb-dvd-2004']);
  compare.action(act((ctx, refs: string[], flags: Flags) => runCompare(ctx, refs, flags.json === true)));

  const completion = program
    .command('completion')
    .argument('<shell>', 'bash, zsh or fish')
    .description('Print a shell completion script for commands, flags, query fields and ids');
  examples(completion, ['eval "$(memories completion bash)"', 'eval "$(memories completion zsh)"', 'memories completion fish | source']);
  completion.action(act((ctx, shell: string) => runCompletion(ctx, shell)));

  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(act((ctx, words: string[]) => runComplete(ctx, program, words)));

  return program;
}

/** Run the CLI with `args` (without node and script) and return the exit code. Never throws. */
export async function main(args: string[], io: Io, install: Install): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, install, (c) => {
    code = c;
  });
  try {
    if (args.length === 0) {
      io.stdout.write(program.helpInformation());
      return EXIT.ok;
    }
    // `help nosuch` would print the whole help: say what is wrong instead, as for `nosuch`.
    const names = program.commands.map((c) => c.name());
    if (args[0] === 'help' && args[1] !== undefined && !args[1].startsWith('-') && !names.includes(args[1])) {
      io.stderr.write(`memories: no command "${escapeLine(args[1])}"${didYouMean(args[1], names)}; run memories help to list them\n`);
      return EXIT.usage;
    }
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message; help and version are successes.
      if (e.code === 'commander.unknownOption') {
        // "-otomo": a beets habit for leaving a term out, which memories writes ^otomo.
        const word = /'-([^'\s-][^'\s]+)'/.exec(e.message)?.[1];
        if (word) io.stderr.write(`memories: to leave out what matches a term, write ^${escapeLine(word)}\n`);
      }
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof QueryError) {
      io.stderr.write(`memories: ${escapeLine(e.message)}\n`);
      return EXIT.usage;
    }
    if (isCollectionFileError(e)) {
      io.stderr.write(`memories: ${escapeText(e.message)}\n`);
      return EXIT.files;
    }
    if (e instanceof CliError) {
      // Messages quote paths, arguments and environment values: escaped here, once, for all of them.
      io.stderr.write(`memories: ${escapeText(e.message)}\n`);
      return e.exitCode;
    }
    const detail = io.env.MEMORIES_DEBUG
      ? `\n${escapeText(e instanceof Error ? (e.stack ?? e.message) : String(e))}`
      : ' (MEMORIES_DEBUG=1 shows details)';
    io.stderr.write(`memories: internal error: ${escapeLine(e instanceof Error ? e.message : String(e))}${detail}\n`);
    return EXIT.internal;
  }
}
