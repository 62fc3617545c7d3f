import type { ChalkInstance } from 'chalk';

/** How output will be seen: decided once per run by the CLI and passed to every renderer. */
export interface View {
  /** Output goes to a terminal: tables get headers and fitted columns; otherwise plain TSV. */
  tty: boolean;
  /** Columns available. */
  width: number;
  /** Styling; a level-0 instance when colour is off, so it adds no bytes. */
  color: ChalkInstance;
}

/** The widest a paragraph of prose is wrapped to, however wide the terminal: a readable measure. */
export const READABLE_MEASURE = 88;
