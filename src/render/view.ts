/** How output will be seen: decided once per run by the CLI and passed to every renderer. */
export interface View {
  /** Output goes to a terminal: tables get headers and fitted columns; otherwise plain TSV. */
  tty: boolean;
  /** Columns available. */
  width: number;
  /** Styling: a chalk instance when colour is on, PLAIN (which adds no bytes) when it is off. */
  color: Styles;
}

type Style = (text: string) => string;

/** The styles renderers use: a chalk instance has them all. */
export interface Styles {
  /** 0 when nothing is styled. */
  level: number;
  bold: Style & { underline: Style };
  dim: Style;
  italic: Style;
  red: Style;
  yellow: Style;
  green: Style;
  cyan: Style;
}

const same: Style = (text) => text;

/** No colour: every style returns its text as it is. Loading chalk is left to runs that colour. */
export const PLAIN: Styles = {
  level: 0,
  bold: Object.assign((text: string) => text, { underline: same }),
  dim: same,
  italic: same,
  red: same,
  yellow: same,
  green: same,
  cyan: same,
};

/** The widest a paragraph of prose is wrapped to, however wide the terminal: a readable measure. */
export const READABLE_MEASURE = 88;
