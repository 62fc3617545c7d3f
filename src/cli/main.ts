import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import pkg from '../../package.json';
import { escapeLine, escapeText } from '../render/escape';
import { QueryError } from '../query/parse';
import { didYouMean } from '../util/closest';
import type { CommandModule, Runner } from './commands/command';
import { collection, log, own, unown, unwant, unwatch, want, watched } from './commands/collection';
import { compare } from './commands/compare';
import { fields } from './commands/fields';
import { review } from './commands/review';
import { search } from './commands/search';
import { show } from './commands/show';
import { list, releases, segments, staff } from './commands/tables';
import { validate } from './commands/validate';
import { complete, completion } from './completion';
import { createContext } from './context';
import type { GlobalOptions } from './context';
import { CliError, EXIT, isCollectionFileError } from './errors';
import type { Install, Io } from './io';

/** Every command, in the order the help lists them; each module holds its definition, options and run. */
const COMMANDS: readonly CommandModule[] = [
  list,
  segments,
  staff,
  releases,
  search,
  fields,
  show,
  review,
  validate,
  own,
  want,
  unown,
  unwant,
  collection,
  watched,
  unwatch,
  log,
  compare,
  completion,
  complete,
];

const EXIT_CODES_HELP = `
Exit codes:
  0    success (an empty result is a success)
  1    internal error (a bug: please report it; MEMORIES_DEBUG=1 shows the stack)
  2    usage error, or a REF that names nothing or several records
  3    data errors (memories validate; a collection file with errors)
  4    file-system errors (a missing --data folder; the collection file cannot be
       written, or another memories is writing it; the output cannot be written)
  130  interrupted by Ctrl-C (the shell reports it)`;

/** The program and its shared flags, which every command's context is built from. */
function rootCommand(io: Io) {
  return new Command('memories')
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
      (dir, all: string[]) => [...all, dir],
      [],
    )
    .option('--no-bundled', 'leave out the bundled catalogue')
    .option('--no-pager', 'never page long output (MEMORIES_PAGER, PAGER, then less)')
    .addOption(new Option('--color <when>', 'colour').choices(['auto', 'always', 'never'] as const).default('auto'))
    .addHelpText(
      'after',
      `\nData folders load in order: the bundled data, each --data PATH, then each entry of MEMORIES_DATA (colon-separated).\n${EXIT_CODES_HELP}`,
    );
}

/**
 * The command `args` run, if they name one after the shared flags: the first word that is not
 * a flag or a flag's value. Anything else (help, a flag commander must judge) names none.
 */
function commandNamed(program: Command, args: readonly string[]): CommandModule | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) return COMMANDS.find((c) => c.name === arg);
    const option = program.options.find((o) => o.long === arg || o.short === arg);
    if (option === undefined) return undefined;
    if (option.required || option.optional) i++;
  }
  return undefined;
}

/**
 * The program with its commands on it: with `args`, only the command they name, when they name
 * one that does not read the others (building all twenty was about 2.5 ms of every run);
 * otherwise every command, as help, suggestions and completion need. `runnerFor` gives what
 * runs a parsed command, from the program's shared flags. Exported for the argv-to-options
 * contract tests (tests/unit/options.test.ts).
 */
export function buildProgram(io: Io, runnerFor: (globals: () => GlobalOptions) => Runner, args?: readonly string[]): Command {
  const program = rootCommand(io);
  const runner = runnerFor(() => program.opts());
  const named = args && commandNamed(program, args);
  for (const module of named && !named.readsProgram ? [named] : COMMANDS) {
    // addCommand, unlike command(), does not pass the settings on: output, errors and the help flag.
    program.addCommand(module.build(runner).copyInheritedSettings(program), { hidden: module.hidden === true });
  }
  return program;
}

/** Run the CLI with `args` (without node and script) and return the exit code. Never throws. */
export async function main(args: string[], io: Io, install: Install): Promise<number> {
  let code: number = EXIT.ok;
  // Each command builds its context from the shared flags, runs, then delivers held output (perhaps through the pager).
  const program = buildProgram(
    io,
    (globals) => async (_command, options, run) => {
      const ctx = createContext(io, install, globals());
      code = run(ctx, options);
      await ctx.finish();
    },
    args,
  );
  try {
    if (args.length === 0) {
      io.stdout.write(program.helpInformation());
      return EXIT.ok;
    }
    // `help nosuch` would print the whole help: say what is wrong instead, as for `nosuch`.
    const names = COMMANDS.map((c) => c.name);
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
