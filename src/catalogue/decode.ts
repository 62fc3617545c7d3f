import { isAlias, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Node } from 'yaml';
import type { SourceFile } from '../source/parse';
import type { Pos, Problems } from '../source/problem';
import { suggest } from '../util/closest';
import { dateFault } from '../util/date';
import type { DocumentOf, FieldType, Fields, RejectedOf, TopLevel } from './schema';
import { SLUG, topLevel } from './schema';
import type { RecordsByKind } from './types';

const INVALID = Symbol('invalid');
type Decoded = unknown;

/**
 * Records and lists decoded with a problem somewhere inside: what could be read of them is
 * kept, so that a rejected record can still be checked for everything else (its references).
 */
const partial = new WeakSet<object>();
const isPartial = (v: Decoded): boolean => typeof v === 'object' && v !== null && partial.has(v);

interface Context {
  source: SourceFile;
  problems: Problems;
  /** Aliases followed so far: a cap keeps an alias bomb from expanding without end. */
  aliases: number;
  /** What each alias names, found in one walk of the document on the first alias. */
  targets?: Map<Alias, Node | undefined>;
}

// Caps on what one data file may hold (docs/data-format.md lists them). Past each, one problem
// says so, rather than a run that slows down or runs out of memory.
/** Data files need few aliases; more than this is treated as an attack or a mistake. */
const MAX_ALIASES = 1000;
/** Keys in one mapping: a record has a few dozen fields at most. */
export const MAX_KEYS = 1000;
/** Characters in one value: a long review is some thousands. */
const MAX_VALUE_CHARS = 1_000_000;

const DUPLICATE_KEY = 'this key appears twice in the same mapping; remove or rename one of them';

/** Tags of the YAML 1.2 core schema; any other tag (!custom, !!js/function) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

class TooManyAliases extends Error {}

/**
 * Turn one parsed data file into typed records. Each top-level record is all or nothing: a
 * record with any error is reported and skipped, and its neighbours in the same file still load.
 * What could be read of the skipped ones comes back as `rejected`, to be checked for the rest.
 */
export function decodeFile(source: SourceFile, problems: Problems): RecordsByKind {
  const { records, rejected } = decodeDocument(source, problems, topLevel, 'a data file');
  return Object.values(rejected).some((list) => list.length > 0) ? { ...records, rejected } : records;
}

/**
 * Decode a document whose top level is a mapping of the keys in `table`, each a list of records.
 * The part of each record with a problem that could be read goes to `rejected`.
 */
export function decodeDocument<T extends TopLevel>(
  source: SourceFile,
  problems: Problems,
  table: T,
  what: string,
): { records: DocumentOf<T>; rejected: RejectedOf<T> } {
  const lists = (): Record<string, unknown[]> => Object.fromEntries(Object.keys(table).map((k) => [k, []]));
  const out = lists();
  const rejected = lists();
  decodeLists(source, problems, table, what, out, rejected);
  // Every value has been checked against its field's type in the table: here the records take the types derived from it.
  return { records: out as DocumentOf<T>, rejected: rejected as RejectedOf<T> };
}

function decodeLists(
  source: SourceFile,
  problems: Problems,
  table: TopLevel,
  what: string,
  out: Record<string, unknown[]>,
  rejected: Record<string, unknown[]>,
): void {
  const ctx: Context = { source, problems, aliases: 0 };
  const root = source.doc.contents;
  const keyList = Object.keys(table)
    .map((k) => `"${k}"`)
    .join(', ');
  if (root === null || (isScalar(root) && root.value === null)) return;
  if (!isMap(root)) {
    err(ctx, root, `${what} must be a mapping with the keys ${keyList}; found ${describeNode(root)}`);
    return;
  }
  if (tooManyKeys(ctx, root)) return;
  const keys = new Set<string>();
  for (const pair of root.items) {
    const key = keyName(ctx, pair.key);
    if (key === undefined || duplicate(ctx, keys, key, pair.key)) continue;
    if (!Object.hasOwn(table, key)) {
      err(ctx, pair.key, `unknown top-level key "${key}"`, suggest(key, Object.keys(table), `use ${keyList}`));
      continue;
    }
    const spec = table[key]!;
    const list = resolve(ctx, pair.value);
    if (list === INVALID || list === null || (isScalar(list) && list.value === null)) continue;
    if (!isSeq(list)) {
      err(ctx, list, `"${key}" must be a list of records (each item starting with "- "); found ${describeNode(list)}`);
      continue;
    }
    for (const item of list.items) {
      let record: Decoded;
      try {
        record = decodeRecord(ctx, item as Node, spec.name, spec.fields);
      } catch (e) {
        if (!(e instanceof TooManyAliases)) throw e;
        err(
          ctx,
          item as Node,
          `more than ${MAX_ALIASES} aliases (*name) in this file; write the values out instead. The rest of the file was not read`,
        );
        return;
      }
      if (record === INVALID) continue;
      if (!isPartial(record)) out[key]!.push(record);
      else rejected[key]!.push(record);
    }
  }
  return;
}

/** Position of a node's first character. */
function posOf(ctx: Context, node: Node | null | undefined): Pos {
  const offset = node?.range?.[0] ?? 0;
  return { file: ctx.source.path, ...ctx.source.lines.linePos(offset) };
}

function err(ctx: Context, node: Node | null | undefined, message: string, hint?: string): typeof INVALID {
  ctx.problems.error(posOf(ctx, node), message, hint);
  return INVALID;
}

/**
 * Follow an alias (`*name`) to the node it names: the last anchor of that name before it, as
 * YAML says. The first alias of a document walks it once to find them all, so any number of
 * aliases costs one walk. An alias with no anchor before it is a problem at the alias.
 */
function resolve(ctx: Context, node: Node | null): Node | null | typeof INVALID {
  if (!node || !isAlias(node)) return node;
  if (++ctx.aliases > MAX_ALIASES) throw new TooManyAliases();
  ctx.targets ??= aliasTargets(ctx.source.doc);
  const target = ctx.targets.get(node);
  if (target === undefined)
    return err(
      ctx,
      node,
      `the alias *${node.source} names no anchor before it; put "&${node.source}" on a value above, or write the value out`,
    );
  return target;
}

function aliasTargets(doc: SourceFile['doc']): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/** A mapping with more keys than any record needs is one problem, at the mapping. */
function tooManyKeys(ctx: Context, node: Node & { items: unknown[] }): boolean {
  if (node.items.length <= MAX_KEYS) return false;
  err(ctx, node, `this mapping has ${node.items.length} keys, more than the ${MAX_KEYS} a data file may use in one mapping`);
  return true;
}

/** Record a key of a mapping; a second one of the same name is a problem at the second. */
function duplicate(ctx: Context, keys: Set<string>, key: string, node: Node): boolean {
  if (!keys.has(key)) {
    keys.add(key);
    return false;
  }
  err(ctx, node, DUPLICATE_KEY);
  return true;
}

/** A tag outside the core schema, reported at its node; undefined when the node is plain. */
function badTag(ctx: Context, node: Node): typeof INVALID | undefined {
  if (node.tag === undefined || CORE_TAGS.has(node.tag)) return undefined;
  const written = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
  return err(ctx, node, `the tag ${written} is not allowed; data files use plain YAML values, so remove it`);
}

function keyName(ctx: Context, key: Node): string | undefined {
  if (isScalar(key) && typeof key.value === 'string') return key.value;
  err(ctx, key, `keys must be plain text; found ${describeNode(key)}`);
  return undefined;
}

function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'an empty value';
    if (typeof v === 'string') return `the text "${truncate(v)}"`;
    return `the ${typeof v} ${scalarText(v)}`;
  }
  return 'an unexpected value';
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The text of a scalar exactly as written in the file, for "write it as ..." hints. */
function sourceText(ctx: Context, node: Node): string {
  const [start, end] = node.range ?? [0, 0];
  return ctx.source.text.slice(start, end).trim();
}

function decodeRecord(ctx: Context, raw: Node | null, name: string, fields: Fields): Decoded {
  const node = resolve(ctx, raw);
  if (node === INVALID) return INVALID;
  if (!node || !isMap(node))
    return err(ctx, node ?? raw, `each ${name} must be a mapping of fields (key: value); found ${describeNode(node)}`);
  const tagged = badTag(ctx, node);
  if (tagged) return tagged;
  if (tooManyKeys(ctx, node)) return INVALID;
  const record: Record<string, unknown> = { at: posOf(ctx, node) };
  let ok = true;
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const pair of node.items) {
    const key = keyName(ctx, pair.key as Node);
    if (key === undefined || duplicate(ctx, keys, key, pair.key as Node)) {
      ok = false;
      continue;
    }
    const spec = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (spec === undefined) {
      ok = false;
      err(ctx, pair.key as Node, `unknown field "${key}" in ${name}`, suggest(key, Object.keys(fields)));
      continue;
    }
    seen.add(key);
    const value = decodeValue(ctx, pair.value as Node | null, spec.type, key, pair.key as Node);
    if (value === INVALID) ok = false;
    else {
      record[key] = value;
      if (isPartial(value)) ok = false;
    }
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && !seen.has(key)) {
      ok = false;
      const id = typeof record.id === 'string' ? ` "${record.id}"` : '';
      err(ctx, node, `${name}${id} is missing the required field "${key}"`);
    }
  }
  if (!ok) partial.add(record);
  return record;
}

function decodeValue(ctx: Context, raw: Node | null, type: FieldType, field: string, keyNode: Node): Decoded {
  const node = resolve(ctx, raw);
  if (node === INVALID) return INVALID;
  // Problems point where the value is used: at an alias (*name), not at the anchor it names.
  const at = raw && isAlias(raw) ? raw : node;
  if (node === null || (isScalar(node) && node.value === null)) {
    return err(ctx, at ?? keyNode, `"${field}" is empty; give it a value or remove the line`);
  }
  const tagged = badTag(ctx, node);
  if (tagged) return tagged;
  switch (type.kind) {
    case 'list': {
      if (!isSeq(node)) return err(ctx, at, `"${field}" must be a list (items starting with "- "); found ${describeNode(node)}`);
      if (type.min !== undefined && node.items.length < type.min) {
        return err(ctx, at, `"${field}" needs at least ${type.min} item${type.min === 1 ? '' : 's'}`);
      }
      const items = node.items.map((item) => decodeValue(ctx, item as Node, type.of, field, keyNode));
      const read = items.filter((item) => item !== INVALID);
      if (read.length < items.length || read.some(isPartial)) partial.add(read);
      return read;
    }
    case 'record':
      return decodeRecord(ctx, node, type.name, type.fields);
    case 'map':
      return decodeMap(ctx, node, field);
    default:
      if (!isScalar(node)) return err(ctx, at, `"${field}" must be a single value; found ${describeNode(node)}`);
      return decodeScalar(ctx, node, type, field, at ?? node);
  }
}

/** A scalar's value as text: YAML reads a plain one as a string, a number, a boolean or a bigint. */
function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
}

function decodeMap(ctx: Context, node: Node, field: string): Decoded {
  if (!isMap(node)) return err(ctx, node, `"${field}" must be a mapping of name: value; found ${describeNode(node)}`);
  if (tooManyKeys(ctx, node)) return INVALID;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  let ok = true;
  const keys = new Set<string>();
  for (const pair of node.items) {
    const key = keyName(ctx, pair.key as Node);
    const value = resolve(ctx, pair.value as Node | null);
    if (key === undefined || value === INVALID || duplicate(ctx, keys, key, pair.key as Node)) ok = false;
    else if (!isScalar(value) || value.value === null || typeof value.value === 'object') {
      err(ctx, value ?? (pair.key as Node), `"${field}.${key}" must be a single value`);
      ok = false;
    } else out[key] = scalarText(value.value);
  }
  return ok ? { ...out } : INVALID;
}

function decodeScalar(ctx: Context, scalar: Node & { value: unknown }, type: FieldType, field: string, node: Node): Decoded {
  const v = scalar.value;
  const written = sourceText(ctx, scalar);
  switch (type.kind) {
    case 'text':
    case 'longtext':
      if (typeof v !== 'string')
        return err(ctx, node, `"${field}" must be text; YAML read ${written} as a ${typeof v}, so put it in quotes: "${written}"`);
      if (v.trim() === '') return err(ctx, node, `"${field}" is empty; give it a value or remove the line`);
      if (v.length > MAX_VALUE_CHARS)
        return err(ctx, node, `"${field}" is ${v.length} characters long, more than the ${MAX_VALUE_CHARS} a value may have`);
      return v;
    case 'slug':
      if (typeof v !== 'string' || !SLUG.test(v)) {
        return err(
          ctx,
          node,
          `"${field}" must be an id of lower-case letters and digits joined by hyphens (like "magnetic-rose"); found ${written}`,
        );
      }
      return v;
    case 'code': {
      if (typeof v !== 'string') {
        return err(ctx, node, `"${field}" must be a quoted string: YAML reads ${written} as a ${typeof v}; write "${written}"`);
      }
      // The value in other capitals, where only one reading fits ("jp" for a country, "a" for a region).
      const code = !type.pattern || type.pattern.test(v) ? v : [v.toUpperCase(), v.toLowerCase()].find((c) => type.pattern!.test(c));
      if (code === undefined) {
        const meant = type.suggest?.(v);
        return err(
          ctx,
          node,
          `"${field}" must be ${type.hint ?? 'valid'}; found "${v}"`,
          meant === undefined ? undefined : `did you mean "${meant}"?`,
        );
      }
      if (type.known && !type.known.codes().includes(code)) {
        // Right in form, but no code anyone knows: worth a look, not worth leaving the record out.
        const meant = type.suggest?.(v);
        ctx.problems.warning(
          posOf(ctx, node),
          `"${field}" is "${code}", which is not ${type.known.what}`,
          meant === undefined ? 'check it' : `did you mean "${meant}"?`,
        );
      }
      return code;
    }
    case 'int':
    case 'number':
      if (typeof v !== 'number' || (type.kind === 'int' && !Number.isInteger(v)) || Number.isNaN(v)) {
        const what = type.kind === 'int' ? `a whole number (${type.unit})` : 'a number';
        return err(ctx, node, `"${field}" must be ${what}; found ${written}`);
      }
      if (v < type.min || v > type.max) return err(ctx, node, `"${field}" must be from ${type.min} to ${type.max}; found ${written}`);
      if (type.kind === 'number' && type.step !== undefined && !Number.isInteger(v / type.step)) {
        return err(ctx, node, `"${field}" goes in steps of ${type.step}; found ${written}`);
      }
      return v;
    case 'bool':
      if (typeof v !== 'boolean') return err(ctx, node, `"${field}" must be true or false; found ${written}`);
      return v;
    case 'enum':
      if (typeof v === 'string' && !type.values.includes(v)) {
        // Other capitals are the same value where they name only one ("ntsc").
        const same = type.values.filter((c) => c.toLowerCase() === v.toLowerCase());
        if (same.length === 1) return same[0];
      }
      if (typeof v !== 'string' || !type.values.includes(v)) {
        const near = suggest(String(v), type.values);
        return err(
          ctx,
          node,
          `"${field}" cannot be ${written}`,
          `${near === undefined ? 'use' : `${near} It is`} one of: ${type.values.join(', ')}`,
        );
      }
      return v;
    case 'date':
      return decodeDate(ctx, node, v, written, field);
    default:
      return err(ctx, node, `"${field}" has an unsupported value`);
  }
}

/** Dates are YYYY, YYYY-MM or YYYY-MM-DD, and must exist on the calendar. A bare year number is accepted. */
function decodeDate(ctx: Context, node: Node, v: unknown, written: string, field: string): Decoded {
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : v;
  const fault = typeof s === 'string' ? dateFault(s) : 'form';
  if (fault === 'form') return err(ctx, node, `"${field}" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; found ${written}`);
  if (fault === 'calendar') return err(ctx, node, `"${field}" is not a real calendar date: ${written}`);
  return s;
}
