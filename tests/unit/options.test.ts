import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { queryOptions } from '../../src/cli/commands/query-options';
import { showOptions } from '../../src/cli/commands/show';
import { validateOptions } from '../../src/cli/commands/validate';
import { globalOptions } from '../../src/cli/context';
import type { Install, Io } from '../../src/cli/io';
import { buildProgram } from '../../src/cli/main';

// The contract between argv and each command's options: the real program parses the words,
// and the function that turns its flags into options gets them, as an action would.
const io: Io = { stdout: { write: () => {}, isTTY: false }, stderr: { write: () => {}, isTTY: false }, env: {}, now: () => new Date() };
// Nothing runs, so nothing is loaded.
const install: Install = {
  bundledData: '',
  heavy: () => {
    throw new Error('no command runs in these tests');
  },
};

class Parsed extends Error {
  constructor(
    readonly command: Command,
    readonly args: readonly unknown[],
  ) {
    super('parsed');
  }
}

/** The command argv names, with its parsed arguments and flags, stopped before it runs. */
async function parse(argv: string[]): Promise<{ name: string; args: readonly unknown[]; flags: Record<string, unknown> }> {
  const program = buildProgram(io, install, () => {});
  program.hook('preAction', (_root, command) => {
    throw new Parsed(command, command.processedArgs);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof Parsed) return { name: e.command.name(), args: e.args, flags: e.command.optsWithGlobals() };
    throw e;
  }
  throw new Error('no command ran');
}

describe('argv to options', () => {
  it('gives every command the shared options', async () => {
    const { flags } = await parse(['--no-bundled', '--data', 'a', '--data', 'b.yaml', '--color', 'never', '--no-pager', 'list']);
    expect(globalOptions(flags)).toEqual({ data: ['a', 'b.yaml'], bundled: false, color: 'never', pager: false });
    expect(globalOptions((await parse(['list'])).flags)).toEqual({ data: [], bundled: true, color: 'auto', pager: true });
  });

  it('turns query flags into terms that narrow every alternative, and takes --sort and --limit', async () => {
    const { args, flags } = await parse([
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
    const options = queryOptions(args[0] as string[], flags);
    expect(options.sort).toBe('year-');
    expect(options.limit).toBe(2);
    expect(options.query.groups.map((g) => g.map((t) => t.raw))).toEqual([
      ['kanno', 'director:Kōji Morimoto', 'year:1987'],
      ['hisaishi', 'director:Kōji Morimoto', 'year:1987'],
    ]);
  });

  it('gives show its REF, its role filter and --json', async () => {
    const { name, args, flags } = await parse(['show', 'yoko-kanno', '--role', 'composer', '--json']);
    expect(name).toBe('show');
    expect(showOptions(args[0] as string, flags)).toEqual({
      ref: 'yoko-kanno',
      role: { label: 'composer', roles: ['music', 'theme-music'] },
      json: true,
    });
  });

  it('gives validate its paths and --json', async () => {
    const { args, flags } = await parse(['validate', 'a', 'b.yaml', '--json']);
    expect(validateOptions(args[0] as string[], flags)).toEqual({ folders: ['a', 'b.yaml'], json: true });
  });
});
