import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { fileStart } from './problem';
import type { Pos, Problems } from './problem';

/** A parsed data file: its YAML document and what turns offsets into line and column. */
export interface SourceFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** A data folder the user asked for does not exist or cannot be listed. */
export class MissingFolderError extends Error {
  constructor(readonly folder: string, readonly reason: string) {
    super(`data folder ${folder}: ${reason}`);
  }
}

const DATA_FILE = /\.ya?ml$/i;

/**
 * Every *.yaml / *.yml file below `folder`, sorted so that loading is deterministic. Hidden
 * files and folders (".git", ".github") are passed over, as ripgrep does.
 */
export function listDataFiles(folder: string, problems: Problems): string[] {
  try {
    if (!statSync(folder).isDirectory()) throw new MissingFolderError(folder, 'not a folder');
  } catch (e) {
    if (e instanceof MissingFolderError) throw e;
    throw new MissingFolderError(folder, describeFsError(e));
  }
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.error(fileStart(dir), `cannot read folder: ${describeFsError(e)}`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (DATA_FILE.test(entry.name)) found.push(path);
    }
  };
  walk(folder);
  return found;
}

/** Read and parse one file; a file that cannot be read or parsed yields problems and no document. */
export function readSourceFile(path: string, problems: Problems): SourceFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.error(fileStart(path), `cannot read file: ${describeFsError(e)}`);
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseSource(path, text, problems);
}

/** Parse YAML text with positions kept; syntax errors are reported and the file is skipped. */
export function parseSource(path: string, text: string, problems: Problems): SourceFile | undefined {
  const lines = new LineCounter();
  // YAML 1.2 core schema: `no` stays a string and `1:30` is not a number. Duplicate keys are errors.
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false });
  const at = (offset: number): Pos => ({ file: path, ...lines.linePos(offset) });
  for (const e of doc.errors) problems.error(at(e.pos[0]), describeYamlError(e.code, e.message));
  for (const w of doc.warnings) problems.error(at(w.pos[0]), describeYamlError(w.code, w.message));
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  return { path, text, doc, lines };
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
    case 'TAG_RESOLVE_FAILED':
      return `${first}; data files use plain YAML values without custom tags`;
    default:
      return `YAML syntax: ${first}`;
  }
}

/** A short, human reason for a file-system error (ENOENT -> "no such file or folder"). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
