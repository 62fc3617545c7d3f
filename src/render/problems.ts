import type { Problem } from '../source/problem';
import { problemText } from '../source/problem';
import { escapeLine } from './escape';
import type { View } from './view';

/** "path:line:col: error: message", the form editors and grep understand; all of it escaped. */
export function renderProblem(p: Problem, view: View): string {
  const label = p.severity === 'error' ? view.color.red('error') : view.color.yellow('warning');
  return `${escapeLine(p.file)}:${p.line}:${p.col}: ${label}: ${escapeLine(problemText(p))}\n`;
}

/** Problems as data, for `validate --json` (docs/json.md): a hint is null where none is known. */
export function problemsAsData(problems: readonly Problem[]): object[] {
  return problems.map((p) => ({
    path: p.file,
    line: p.line,
    column: p.col,
    severity: p.severity,
    message: p.message,
    hint: p.hint ?? null,
  }));
}

/** The closing line of `memories validate`. */
export function renderSummary(problems: readonly Problem[], fileCount: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(fileCount, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
}

/** At most `limit` warnings for commands other than validate, then a pointer to validate. */
export function renderLoadWarnings(problems: readonly Problem[], view: View, limit = 5): string {
  const shown = problems.slice(0, limit).map((p) => renderProblem(p, view));
  const rest = problems.length - shown.length;
  return shown.join('') + (rest > 0 ? `... and ${rest} more; run memories validate\n` : '');
}
