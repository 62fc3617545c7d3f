import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The completion scripts in the shells themselves. .ci/run installs zsh and fish from Debian's
// packages and sets MEMORIES_REQUIRE_SHELLS, so there a missing shell fails; elsewhere it is skipped.
const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const required = process.env.MEMORIES_REQUIRE_SHELLS === '1';
const shells = Object.fromEntries(['bash', 'zsh', 'fish'].map((s) => [s, required || has(s)])) as Record<'bash' | 'zsh' | 'fish', boolean>;

const home = mkdtempSync(join(tmpdir(), 'memories-shells-'));
const files = join(home, 'files');
mkdirSync(join(files, 'anime-data'), { recursive: true });
writeFileSync(join(files, 'anime-notes.yaml'), 'staff: []\n');
const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, 'cache'), NO_COLOR: '1' };

function runIn(shell: string, script: string): string {
  const r = spawnSync(shell, ['-c', script], { encoding: 'utf8', env, cwd: files });
  if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Each case: the line typed up to the cursor, and the candidates, as the shell would insert them. */
const CASES: [string, string[]][] = [
  ['memories sh', ['show ']],
  ['memories list --li', ['--limit ']],
  [
    'memories list --',
    [
      '--color ',
      '--columns ',
      '--composer ',
      '--csv ',
      '--data ',
      '--director ',
      '--help ',
      '--json ',
      '--limit ',
      '--no-bundled ',
      '--no-pager ',
      '--sort ',
      '--studio ',
      '--version ',
      '--writer ',
      '--year ',
    ],
  ],
  ['memories --no', ['--no-bundled ', '--no-pager ']],
  ['memories list dire', ['directed:', 'director:']],
  ['memories releases format:d', ['format:digital ', 'format:dvd ']],
  ['memories releases status:o', ['status:out-of-print ']],
  ['memories releases country:', ['country:AU ', 'country:GB ', 'country:JP ', 'country:US ']],
  ['memories staff role:comp', []],
  ['memories staff role:chief', ['role:chief-director ']],
  ['memories list --sort yea', ['year ', 'year- ']],
  ['memories --color ', ['always ', 'auto ', 'never ']],
  ['memories show katsuhiro-otomo --role comp', ['composer ']],
  ['memories releases --columns id,cat', ['id,catalog ']],
  ['memories own memories-us', ['memories-us-dvd-2004 ']],
  [
    'memories compare robot-carnival-d',
    ['robot-carnival-discotek-bluray ', 'robot-carnival-discotek-dvd ', 'robot-carnival-discotek-uhd '],
  ],
  ['memories watched cannon', ['cannon-fodder ']],
  ['memories unwatch katsuhiro', []],
  ['memories review magnetic', ['magnetic-rose ']],
  ['memories --data anime-', ['anime-data/', 'anime-notes.yaml ']],
  ['memories validate anime-n', ['anime-notes.yaml ']],
];

/** What bash inserts: the candidate less the part before the last break character, as bash shows it whole. */
const BASH = `
memories() { "${process.execPath}" "${BIN}" "$@"; }
before=$COMP_WORDBREAKS
eval "$(memories completion bash)"
[[ $before == "$COMP_WORDBREAKS" ]] || echo "COMP_WORDBREAKS changed"
comp() {
  COMP_LINE=$1 COMP_POINT=\${#1}
  read -r -a COMP_WORDS <<< "$1"; [[ $1 == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
  _memories
  local cur=\${COMP_WORDS[COMP_CWORD]} head=
  [[ $cur == *:* ]] && head=\${cur%:*}:
  local c; for c in "\${COMPREPLY[@]}"; do printf '%s\\t' "$head$c"; done; echo
}
`;

/** zsh: compadd and _files stand in for the completion system, and print what it would insert. */
const ZSH = `
memories() { "${process.execPath}" "${BIN}" "$@"; }
compdef() { :; }
compadd() {
  local suffix=' '
  while [[ $1 == -* ]]; do [[ $1 == -S ]] && { suffix=$2; shift; }; [[ $1 == -- ]] && { shift; break; }; shift; done
  local c; for c in "$@"; do printf '%s%s\\t' "$c" "$suffix"; done
}
_files() { local f; for f in \${PREFIX}*(N); do [[ -d $f ]] && printf '%s/\\t' "$f" || printf '%s \\t' "$f"; done; }
eval "$(memories completion zsh)"
comp() { words=(\${=1}); [[ $1 == *' ' ]] && words+=(''); CURRENT=\${#words}; PREFIX=\${words[CURRENT]}; _memories; echo; }
`;

/** fish: commandline stands in for the editor's line; fish adds the space after a candidate itself, except after / : , */
const FISH = `
function memories; "${process.execPath}" "${BIN}" $argv; end
memories completion fish | source
function comp
    set -g line $argv[1]
    function commandline
        set -l toks (string split ' ' -- $line)
        test "$argv[1]" = -opc; and printf '%s\\n' $toks[1..-2]
        test "$argv[1]" = -ct; and printf '%s\\n' $toks[-1]
    end
    for c in (__memories_complete)
        set c (string split -f1 \\t -- $c)
        string match -qr '[/:,]$' -- $c; and printf '%s\\t' $c; or printf '%s \\t' $c
    end
    echo
end
`;

const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

describe.each([
  ['bash', BASH],
  ['zsh', ZSH],
  ['fish', FISH],
] as const)('completion in %s', (shell, setup) => {
  it.skipIf(!shells[shell])('offers what each word can be, with a space after a whole word', () => {
    const out = runIn(shell, `${setup}\n${CASES.map(([line]) => `comp ${quote(line)}`).join('\n')}`);
    const got = out
      .split('\n')
      .slice(0, CASES.length)
      .map((l) => l.split('\t').filter(Boolean));
    expect(out).not.toContain('COMP_WORDBREAKS changed');
    expect(Object.fromEntries(CASES.map(([line], i) => [line, got[i]]))).toEqual(
      Object.fromEntries(CASES.map(([line, expected]) => [line, expected])),
    );
  });
});

it.skipIf(!shells.fish)('fish leaves file completion to memories, which asks for it where a path goes', () => {
  expect(
    runIn('fish', `function memories; "${process.execPath}" "${BIN}" $argv; end\nmemories completion fish | source\ncomplete -c memories`),
  ).toContain('--no-files');
});
