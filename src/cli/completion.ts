import type { Command } from 'commander';
import { tableCommands } from './commands/tables';
import { escapeLine } from '../render/escape';
import type { Context } from './context';
import { EXIT, usageError } from './errors';
import type { Catalogue } from '../catalogue/catalogue';
import { FIELD_ALIASES, FIELDS } from '../query/fields';
import type { SearchKind } from '../query/fields';
import { own } from '../util/own';

/** Shell scripts that ask `memories __complete WORDS...` for candidates, as gh and cobra do. */
export const COMPLETION_SCRIPTS: Record<string, string> = {
  bash: `# memories completion for bash: eval "$(memories completion bash)"
_memories() {
  local IFS=$'\\n'
  COMPREPLY=( $(memories __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
}
# Query fields end in ":", so ":" must not split words.
COMP_WORDBREAKS=\${COMP_WORDBREAKS//:}
complete -o default -o nospace -F _memories memories
`,
  zsh: `#compdef memories
# memories completion for zsh: eval "$(memories completion zsh)"
_memories() {
  local -a candidates
  candidates=("\${(@f)$(memories __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -S '' -Q -- \${candidates:#}
}
compdef _memories memories
`,
  fish: `# memories completion for fish: memories completion fish | source
function __memories_complete
    set -l tokens (commandline -opc) (commandline -ct)
    memories __complete $tokens[2..-1] 2>/dev/null
end
complete -c memories -f -a '(__memories_complete)'
`,
};

const KIND_OF: Record<string, SearchKind[]> = {
  list: ['works'],
  segments: ['works'],
  staff: ['people'],
  releases: ['releases'],
  search: ['works', 'people', 'releases'],
};

function longOptions(cmd: Command): string[] {
  return cmd.options.map((o) => o.long).filter((o): o is string => o !== undefined);
}

/**
 * Candidates for the last of `words` (the word being typed, possibly empty), given the words
 * before it: commands, flags, query fields ("director:"), anthology ids after "anthology:",
 * and REFs for show and review. `catalogue` is only called when ids are needed.
 */
export function completeWords(program: Command, words: string[], catalogue: () => Catalogue): string[] {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const visible = program.commands.filter((c) => c.name() !== '__complete');
  // What takes a value, from commander's own definitions (an optional value, as --json's, may be a term).
  const takesValue = new Set([program, ...visible].flatMap((c) => c.options.filter((o) => o.required).map((o) => o.long ?? '')));
  const name = before.find((w, i) => !w.startsWith('-') && !takesValue.has(before[i - 1] ?? ''));
  const cmd = visible.find((c) => c.name() === name);
  let candidates: string[];
  if (current.startsWith('-')) candidates = [...longOptions(cmd ?? program), ...(cmd ? longOptions(program) : [])];
  else if (before[before.length - 1] === '--columns' && cmd) {
    // Column names, after those already typed: "id,cat" offers "id,catalog".
    const table = tableCommands.find((t) => t.name === cmd.name());
    const done = current.slice(0, current.lastIndexOf(',') + 1);
    candidates = (table?.columns ?? []).map((c) => `${done}${c.name}`);
  } else if (takesValue.has(before[before.length - 1] ?? '')) candidates = [];
  else if (!cmd) candidates = visible.map((c) => c.name());
  else if (cmd.name() === 'show') candidates = [...catalogue().works.keys(), ...catalogue().staffById.keys(), ...catalogue().releaseById.keys()];
  else if (cmd.name() === 'review') candidates = [...catalogue().works.keys()];
  else if (cmd.name() === 'fields') candidates = Object.keys(FIELDS);
  else if (cmd.name() === 'completion') candidates = Object.keys(COMPLETION_SCRIPTS);
  else if (own(KIND_OF, cmd.name())) {
    const field = current.includes(':') ? current.slice(0, current.indexOf(':')) : undefined;
    if (field === 'anthology') candidates = catalogue().anthologies.map((a) => `anthology:${a.id}`);
    else if (field !== undefined) candidates = [];
    else candidates = [...new Set([...KIND_OF[cmd.name()]!.flatMap((k) => Object.keys(FIELDS[k])), ...Object.keys(FIELD_ALIASES)])].map((f) => `${f}:`);
  } else candidates = [];
  return candidates.filter((c) => c.startsWith(current)).sort();
}

/** `memories completion SHELL`: print the script for one shell. */
export function runCompletion(ctx: Context, shell: string): number {
  const script = own(COMPLETION_SCRIPTS, shell);
  if (!script) throw usageError(`no completion for "${escapeLine(shell)}"; choose bash, zsh or fish`);
  ctx.write(script);
  return EXIT.ok;
}

/** The hidden `memories __complete WORDS...` that the scripts call: one candidate per line. */
export function runComplete(ctx: Context, program: Command, words: string[]): number {
  const candidates = completeWords(program, words.length > 0 ? words : [''], () => ctx.catalogue());
  ctx.write(candidates.map((c) => `${c}\n`).join(''));
  return EXIT.ok;
}
