/** Where something stands in a data file; line and col count from 1. */
export interface Pos {
  file: string;
  line: number;
  col: number;
}

type Severity = 'error' | 'warning';

/** One thing wrong with the data, with where it is and what to do about it. */
export interface Problem extends Pos {
  severity: Severity;
  /** What is wrong. */
  message: string;
  /** What to do about it, where something can be said: "did you mean "title"?". */
  hint?: string;
}

/** Collects problems for one load; passed down instead of thrown, so every problem is reported. */
export class Problems {
  readonly list: Problem[] = [];

  error(at: Pos, message: string, hint?: string): void {
    this.list.push(problem(at, 'error', message, hint));
  }

  warning(at: Pos, message: string, hint?: string): void {
    this.list.push(problem(at, 'warning', message, hint));
  }

  get errorCount(): number {
    return this.list.filter((p) => p.severity === 'error').length;
  }
}

function problem(at: Pos, severity: Severity, message: string, hint: string | undefined): Problem {
  return hint === undefined ? { ...at, severity, message } : { ...at, severity, message, hint };
}

/** A problem as one line of text: what is wrong, then what to do. */
export const problemText = (p: Problem): string => (p.hint === undefined ? p.message : `${p.message}; ${p.hint}`);

/** A position for a whole file, when nothing finer is known. */
export function fileStart(file: string): Pos {
  return { file, line: 1, col: 1 };
}

/** Problems in the order a reader goes through the files: by file, then line, then column. */
export function byPosition(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
}
