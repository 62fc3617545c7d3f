import { Command } from '@commander-js/extra-typings';
import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import type { Context } from '../context';

/**
 * Runs a command once commander has parsed it: builds the context from the shared flags, calls
 * `run` with the command's options, and delivers the output. main.ts gives the real one; the
 * argv-to-options contract tests give one that only records the options.
 */
export type Runner = <O>(command: CommandUnknownOpts, options: O, run: (ctx: Context, options: O) => number) => Promise<void>;

/** One command, ready to add to the program: `build` gives it with its action. */
export interface CommandModule {
  /** What the command line calls it: a run builds only the command it names (main.ts). */
  name: string;
  build(runner: Runner): CommandUnknownOpts;
  /** Left out of the help (the completion scripts' own command). */
  hidden?: boolean;
  /** Reads the program's other commands (completion), so a run of it builds them all. */
  readsProgram?: boolean;
}

/**
 * A command as gh writes them, in three parts: `define` declares its arguments, flags and help
 * on the command it is given, named `name`, and commander types what they parse to; `options`
 * turns those into the command's options, checking what commander cannot; `run` does the work
 * and returns the exit code.
 */
export function defineCommand<Args extends unknown[], Opts extends OptionValues, O>(
  name: string,
  define: (command: Command) => Command<Args, Opts>,
  options: (args: Args, flags: Opts, command: Command<Args, Opts>) => O,
  run: (ctx: Context, options: O) => number,
): CommandModule {
  return {
    name,
    build(runner) {
      const command = define(new Command(name));
      return command.action(() => runner(command, options(command.processedArgs, command.opts(), command), run));
    },
  };
}

/** Add an Examples section to a command's help. */
export function withExamples<C extends CommandUnknownOpts>(command: C, lines: readonly string[]): C {
  command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
  return command;
}
