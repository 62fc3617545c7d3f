import { splitCells } from '../util/tsv';

/**
 * Text from data files never reaches the terminal raw. C0 and C1 controls, DEL and the
 * bidirectional overrides and isolates become visible notation (ESC -> "^[", U+202E ->
 * "\u202e"), which defuses every escape sequence (CSI, OSC, DCS, terminated or not) because
 * its introducer is gone. Printable text in any script, emoji included, passes unchanged.
 */
// Beyond C0: DEL, the C1 controls, and the bidirectional marks, overrides and isolates.
const BEYOND_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** A class of those characters and of `also` (C0 ranges, written as a RegExp's source), so the set is written once. */
const unsafe = (also: string, flags = ''): RegExp => new RegExp(`[${also}${BEYOND_C0}]`, flags);

const UNSAFE_LINE = unsafe('\\u0000-\\u001f', 'g');
// The same set without the g flag: a test is much cheaper than a replace that finds nothing, the common case.
const ANY_UNSAFE_LINE = unsafe('\\u0000-\\u001f');
// Newlines stay in prose.
const UNSAFE_TEXT = unsafe('\\u0000-\\u0009\\u000b-\\u001f', 'g');
// What a line of cells (util/tsv.ts) may not hold to be printed as it is: a backslash (a cell's
// tab, newline or backslash, written out) or anything escapeLine changes but a tab (its separators).
const NOT_PLAIN_CELLS = unsafe('\\\\\\u0000-\\u0008\\u000a-\\u001f');
// JSON.stringify escapes C0 already.
const UNSAFE_JSON = unsafe('', 'g');

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when escapeLine would change nothing: one test for many cells joined together. */
export function isSafeLine(s: string): boolean {
  return !ANY_UNSAFE_LINE.test(s);
}

/** Escape a value shown on one line (a table cell, a title, a name): newlines become "^J". */
export function escapeLine(s: string): string {
  return ANY_UNSAFE_LINE.test(s) ? s.replace(UNSAFE_LINE, visible) : s;
}

/**
 * A line of cells (util/tsv.ts) as a pipe prints it: each cell escaped as escapeLine does,
 * joined by tabs. Most lines need nothing done, and are found so by one test.
 */
export function escapeCells(line: string): string {
  return NOT_PLAIN_CELLS.test(line) ? splitCells(line).map(escapeLine).join('\t') : line;
}

/** Escape multi-line text (a synopsis, a review): newlines stay, everything else as escapeLine. */
export function escapeText(s: string): string {
  return s.replace(UNSAFE_TEXT, visible);
}

/** JSON.stringify escapes C0 already; also escape C1 and bidi controls, which it leaves raw. */
export function escapeJson(json: string): string {
  return json.replace(UNSAFE_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
