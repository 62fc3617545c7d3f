/** Where something stands in a data file; line and col count from 1. */
export interface Pos {
  file: string;
  line: number;
  col: number;
}

export type Severity = 'error' | 'warning';

/** One thing wrong with the data, with where it is and what to do about it. */
export interface Problem extends Pos {
  severity: Severity;
  message: string;
}

/** Collects problems for one load; passed down instead of thrown, so every problem is reported. */
export class Problems {
  readonly list: Problem[] = [];

  error(at: Pos, message: string): void {
    this.list.push({ ...at, severity: 'error', message });
  }

  warning(at: Pos, message: string): void {
    this.list.push({ ...at, severity: 'warning', message });
  }

  get errorCount(): number {
    return this.list.filter((p) => p.severity === 'error').length;
  }
}

/** A position for a whole file, when nothing finer is known. */
export function fileStart(file: string): Pos {
  return { file, line: 1, col: 1 };
}
