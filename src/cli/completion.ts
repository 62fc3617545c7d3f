import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { defineCommand, withExamples } from './commands/command';
import type { CommandModule } from './commands/command';
import { tableCommands } from './commands/tables';
import { escapeLine } from '../render/escape';
import { EXIT, usageError } from './errors';
import type { Catalogue, Library } from '../catalogue/catalogue';
import { FIELD_ALIASES, FIELDS } from '../query/fields';
import type { SearchKind } from '../query/fields';
import { own } from '../util/own';
import { searchItems } from '../query/tables';
import type { FieldDef } from '../query/fields';
import { REF_KINDS } from '../query/resolve';
import type { RefKind } from '../query/resolve';
import { COMPARE_REFS, RELEASE_REFS, WORK_REFS } from './commands/resolve';

/**
 * Shell scripts that ask `memories __complete -- WORDS...` for candidates, as gh and cobra do.
 * The words go after "--", so that one being typed that is "--" itself reaches memories. The
 * answer is one candidate per line; a first line ":files" asks the shell for its own file
 * names instead. A candidate that ends in ":" or "," is part of a word (a field, a list), so
 * the shell adds no space after it; after any other it does.
 */
const COMPLETION_SCRIPTS: Record<string, string> = {
  bash: `# memories completion for bash: eval "$(memories completion bash)"
_memories() {
  # The words up to the cursor, split at spaces only: bash splits at ":" too (COMP_WORDBREAKS),
  # which would break director:kanno apart. The global COMP_WORDBREAKS is left as it is.
  local line=\${COMP_LINE:0:COMP_POINT} cur
  local -a words
  read -r -a words <<< "$line"
  if [[ -z $line || $line == *[[:space:]] ]]; then words+=(""); fi
  cur=\${words[\${#words[@]}-1]}
  local IFS=$'\\n'
  local -a found
  found=( $(memories __complete -- "\${words[@]:1}" 2>/dev/null) )
  COMPREPLY=()
  local name
  if [[ \${found[0]} == :files ]]; then
    # Quoted as the shell reads them back; a folder takes a "/" and no space, for what is inside.
    for name in $(compgen -f -- "$cur"); do
      if [[ -d $name ]]; then COMPREPLY+=("$(printf %q "$name")/"); else COMPREPLY+=("$(printf %q "$name") "); fi
    done
    return
  fi
  # Bash replaces only what follows the last break character in the word: leave that part out.
  local head=""
  if [[ $cur == *[:=]* ]]; then
    local rest=$cur
    while [[ $rest == *[:=]* ]]; do
      local c=\${rest%%[:=]*}
      [[ $COMP_WORDBREAKS == *"\${rest:\${#c}:1}"* ]] && head+="$c\${rest:\${#c}:1}" || { head=""; break; }
      rest=\${rest:\${#c}+1}
    done
  fi
  local candidate
  for candidate in "\${found[@]}"; do
    [[ $candidate == "$head"* ]] || continue
    candidate=\${candidate:\${#head}}
    case $candidate in
      *: | *,) COMPREPLY+=("$candidate") ;;
      *) COMPREPLY+=("$candidate ") ;;
    esac
  done
}
complete -o nospace -F _memories memories
`,
  zsh: `#compdef memories
# memories completion for zsh: eval "$(memories completion zsh)"
_memories() {
  local -a found whole part
  found=("\${(@f)$(memories __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ \${found[1]} == :files ]]; then
    _files
    return
  fi
  local candidate
  for candidate in \${found:#}; do
    if [[ $candidate == *[:,] ]]; then part+=("$candidate"); else whole+=("$candidate"); fi
  done
  (( \${#whole} )) && compadd -Q -- "\${whole[@]}"
  (( \${#part} )) && compadd -Q -S '' -- "\${part[@]}"
}
compdef _memories memories
`,
  fish: `# memories completion for fish: memories completion fish | source
function __memories_complete
    set -l tokens (commandline -opc) (commandline -ct)
    set -l found (memories __complete -- $tokens[2..-1] 2>/dev/null)
    if test "$found[1]" = :files
        __fish_complete_path (commandline -ct)
    else
        for candidate in $found
            echo $candidate
        end
    end
end
# No file names unless memories asks for them (--data, validate): the function gives those.
complete -c memories -f -a '(__memories_complete)'
`,
};

/** The kinds of item a command that takes a query lists: its table's, or all of them for search. */
const kindsOf = (command: string): readonly SearchKind[] =>
  command === 'search' ? ['works', 'people', 'releases'] : tableCommands.filter((t) => t.name === command).map((t) => t.kind);

/** The kinds of record each command that takes a REF accepts (see resolveOrFail). */
const REFS_OF: Record<string, readonly RefKind[]> = {
  show: REF_KINDS,
  review: WORK_REFS,
  watched: WORK_REFS,
  unwatch: WORK_REFS,
  own: RELEASE_REFS,
  want: RELEASE_REFS,
  unown: RELEASE_REFS,
  unwant: RELEASE_REFS,
  compare: COMPARE_REFS,
};

/** Where a command or an option takes paths of the file system: the shell completes those. */
const PATHS = new Set(['validate', '--data']);

const FILES = ':files';

/** A command's long flags, --help among them (commander keeps it apart from the others). */
function longOptions(cmd: CommandUnknownOpts): string[] {
  return [...cmd.options.map((o) => o.long).filter((o): o is string => o !== undefined), '--help'];
}

/** The ids of the records of some kinds. */
function idsOf(cat: Catalogue, kinds: readonly RefKind[]): string[] {
  const of: Record<RefKind, () => string[]> = {
    anthology: () => cat.anthologies.map((a) => a.id),
    segment: () => cat.anthologies.flatMap((a) => a.segments.map((s) => s.id)),
    person: () => [...cat.staffById.keys()],
    release: () => [...cat.releaseById.keys()],
  };
  return kinds.flatMap((k) => of[k]());
}

/**
 * The values a query field can take, for `field:` completion: an enumerated field's values
 * that the catalogue holds, and all its values where they are few; anthology ids for the
 * fields that name an anthology. None for a free field (names, titles).
 */
function fieldValues(kinds: readonly SearchKind[], field: string, library: () => Library): string[] {
  if (field === 'anthology' || field === 'work') return library().catalogue.anthologies.map((a) => a.id);
  const name = own(FIELD_ALIASES, field) ?? field;
  const values = new Set<string>();
  for (const kind of kinds) {
    const def = own(FIELDS[kind] as Record<string, FieldDef<unknown>>, name);
    if (!def?.choices) continue;
    const choices = def.choices();
    if (choices.length <= 20) choices.forEach((c) => values.add(c));
    for (const item of searchItems(library().catalogue)[kind]) for (const v of def.values(item, library())) values.add(String(v));
  }
  return [...values];
}

/**
 * Candidates for the last of `words` (the word being typed, possibly empty), given the words
 * before it: commands, flags and their values (from commander's own definitions: what takes a
 * value, and its choices), query fields ("director:") and their values, ids by the kinds each
 * command accepts, and FILES where a path goes. `library` is only called when ids or values
 * are needed.
 */
function completeWords(program: CommandUnknownOpts, words: string[], library: () => Library): string[] {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const visible = program.commands.filter((c) => c.name() !== '__complete');
  // What takes a value (an optional value, as --json's, may be a term).
  const options = [program, ...visible].flatMap((c) => c.options);
  const takesValue = new Set(options.filter((o) => o.required).map((o) => o.long ?? ''));
  const name = before.find((w, i) => !w.startsWith('-') && !takesValue.has(before[i - 1] ?? ''));
  const cmd = visible.find((c) => c.name() === name);
  const previous = before[before.length - 1] ?? '';
  const table = tableCommands.find((t) => t.name === cmd?.name());
  const kinds = cmd ? kindsOf(cmd.name()) : [];
  let candidates: string[];
  if (takesValue.has(previous)) {
    const option = [...(cmd?.options ?? []), ...program.options].find((o) => o.long === previous);
    // A list, such as --columns id,cat: the names after those already typed.
    const done = current.slice(0, current.lastIndexOf(',') + 1);
    if (PATHS.has(previous)) return [FILES];
    if (option?.argChoices) candidates = option.argChoices;
    else if (previous === '--columns' && table) candidates = table.columns.map((c) => `${done}${c.name}`);
    else if (previous === '--sort' && kinds.length === 1)
      candidates = Object.keys(FIELDS[kinds[0]!]).flatMap((f) => [`${done}${f}`, `${done}${f}-`]);
    else candidates = [];
  } else if (current.startsWith('-')) candidates = [...longOptions(cmd ?? program), ...(cmd ? longOptions(program) : [])];
  else if (!cmd) candidates = visible.map((c) => c.name());
  else if (PATHS.has(cmd.name())) return [FILES];
  else if (own(REFS_OF, cmd.name())) candidates = idsOf(library().catalogue, REFS_OF[cmd.name()]!);
  else if (cmd.name() === 'fields') candidates = Object.keys(FIELDS);
  else if (cmd.name() === 'completion') candidates = Object.keys(COMPLETION_SCRIPTS);
  else if (kinds.length > 0) {
    const colon = current.indexOf(':');
    if (colon >= 0) {
      const field = current.slice(0, colon);
      candidates = fieldValues(kinds, field, library).map((v) => `${field}:${v}`);
    } else candidates = [...new Set([...kinds.flatMap((k) => Object.keys(FIELDS[k])), ...Object.keys(FIELD_ALIASES)])].map((f) => `${f}:`);
  } else candidates = [];
  return [...new Set(candidates)].filter((c) => c.startsWith(current)).sort();
}

/** `memories completion SHELL`: print the script for one shell. */
export const completion = defineCommand(
  'completion',
  (command) =>
    withExamples(
      command
        .argument('<shell>', 'bash, zsh or fish')
        .description('Print a shell completion script for commands, flags, query fields and ids'),
      ['eval "$(memories completion bash)"', 'eval "$(memories completion zsh)"', 'memories completion fish | source'],
    ),
  ([shell]): { script: string } => {
    const script = own(COMPLETION_SCRIPTS, shell);
    if (!script) throw usageError(`no completion for "${escapeLine(shell)}"; choose bash, zsh or fish`);
    return { script };
  },
  (ctx, { script }) => {
    ctx.write(script);
    return EXIT.ok;
  },
);

/** The hidden `memories __complete -- WORDS...` that the scripts call: one candidate per line, for the program it belongs to. */
export const complete: CommandModule = {
  hidden: true,
  readsProgram: true,
  ...defineCommand(
    '__complete',
    (command) => command.argument('[words...]').allowUnknownOption().helpOption(false),
    ([words], _flags, command): { words: string[]; program: CommandUnknownOpts } => ({ words, program: command.parent ?? command }),
    (ctx, { words, program }) => {
      const candidates = completeWords(program, words.length > 0 ? words : [''], () => ctx.library());
      ctx.write(candidates.map((c) => `${c}\n`).join(''));
      return EXIT.ok;
    },
  ),
};
