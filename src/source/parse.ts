import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { describeFsError, MAX_FILE_BYTES, readRegularFile } from './files';
import type { FoundFile } from './files';
import { fileStart } from './problem';
import type { Pos, Problems } from './problem';

/** A parsed data file: its YAML document and what turns offsets into line and column. */
export interface SourceFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Read and parse one file; a file that cannot be read, decoded or parsed yields problems and no document. */
export function readSourceFile(file: FoundFile, problems: Problems): SourceFile | undefined {
  const { path, stats } = file;
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  let bytes: Buffer;
  try {
    // At most the cap plus one byte, whatever stat said: /proc and devices report a size of 0.
    bytes = readRegularFile(path, MAX_FILE_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const size = stats.size > MAX_FILE_BYTES ? `${mb(stats.size)}, ` : '';
    if (code === 'EFBIG')
      problems.error(fileStart(path), `file is ${size}over the ${mb(MAX_FILE_BYTES)} limit; split it into smaller files`);
    else problems.error(fileStart(path), `cannot read file: ${describeFsError(e)}`);
    return undefined;
  }
  const text = decodeUtf8(path, bytes, problems);
  return text === undefined ? undefined : parseSource(path, text, problems);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where a byte offset falls, counting lines by newline bytes. */
function bytePos(path: string, bytes: Buffer, offset: number): Pos {
  const before = bytes.subarray(0, offset);
  const line = before.filter((b) => b === 0x0a).length + 1;
  const lineStart = before.lastIndexOf(0x0a) + 1;
  return { file: path, line, col: offset - lineStart + 1 };
}

/** UTF-8 text without its BOM, or a problem saying the file is in another encoding. */
export function decodeUtf8(path: string, bytes: Buffer, problems: Problems): string | undefined {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0));
  if (utf16) {
    problems.error(fileStart(path), 'file is not UTF-8 (it looks like UTF-16); save it as UTF-8');
    return undefined;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    problems.error(bytePos(path, bytes, nul), 'file contains a NUL byte, which YAML does not allow; is it a binary file?');
    return undefined;
  }
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    problems.error(bytePos(path, bytes, bad), 'file is not valid UTF-8 (Shift_JIS or Latin-1?); save it as UTF-8');
    return undefined;
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return 0;
}

/** Parse YAML text with positions kept; syntax errors are reported and the file is skipped. */
export function parseSource(path: string, text: string, problems: Problems): SourceFile | undefined {
  const lines = new LineCounter();
  // YAML 1.2 core schema: `no` stays a string and `1:30` is not a number. Duplicate keys are
  // errors, but found by the decoder with a set: yaml's own check (uniqueKeys) compares every
  // key with every other, which took 70 s for one mapping of 80,000 keys.
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: false, merge: false, prettyErrors: false });
  const at = (offset: number): Pos => ({ file: path, ...lines.linePos(offset) });
  // An unknown tag is reported by the decoder at the node that carries it, so only its record is skipped.
  const fatal = [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')];
  // Only the first: after a syntax error the parser's later reports are mostly its
  // consequences (a tab gives three), and the file is skipped until it is fixed, as yamllint does.
  const first = fatal[0];
  if (first === undefined) return { path, text, doc, lines };
  const pos = at(first.pos[0]);
  const lineStart = (line: number): number => (/^\s*/.exec(text.split('\n')[line - 1] ?? '')?.[0].length ?? 0) + 1;
  // Where the stack runs out depends on the machine: point at the line's start, so the report is stable.
  if (/call stack/i.test(first.message)) pos.col = lineStart(pos.line);
  // A key read as going on over two lines: the next line is indented deeper than its neighbours.
  const overIndented =
    first.code === 'BLOCK_AS_IMPLICIT_KEY' && fatal[1]?.code === 'MULTILINE_IMPLICIT_KEY' && fatal[1].pos[0] === first.pos[0];
  if (overIndented)
    problems.error(
      { ...pos, line: pos.line + 1, col: lineStart(pos.line + 1) },
      'this line is indented deeper than the key above it, so YAML reads it as part of that value; indent it like its neighbours',
    );
  else problems.error(pos, describeYamlError(first.code, first.message));
  return undefined;
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'this file holds more than one YAML document (a second "---"); keep all records in one document or split the file';
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same mapping; remove or rename one of them';
    case 'TAB_AS_INDENT':
      return 'tab characters cannot indent YAML; indent with spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value holds ": " (a colon and a space), which YAML reads as another key; put the value in quotes';
    case 'KEY_OVER_1024_CHARS':
      return 'a key longer than 1024 characters; keys are field names and ids';
    default:
      // The parser recurses once per level; thousands of levels exhaust the stack, which it reports.
      if (/call stack/i.test(first)) return 'collections are nested too deeply to read; data files need only a few levels';
      return `YAML syntax: ${first}`;
  }
}
