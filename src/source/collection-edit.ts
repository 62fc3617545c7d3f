import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';

/**
 * Edits of the collection file's lists, made two ways:
 * - on the text, at the positions the parser gives, where the lists are plain block YAML: the
 *   common case, in which comments, key order, quoting and blank lines stay exactly as the user
 *   wrote them and a diff shows only the lines that changed;
 * - through yaml's Document API for everything else (flow lists, `...`, odd indentation), which
 *   keeps the content and most formatting.
 * Neither is trusted on its own: the caller decodes the result and checks that it holds exactly
 * the change asked for.
 */

/** One entry of a list: field names to values, in the order they are written. */
export type Entry = Record<string, string | number>;

/** One change to a list under a top-level key; indexes count in the list as it was read. */
export type Edit =
  | { op: 'add'; list: string; entry: Entry }
  | { op: 'remove'; list: string; index: number }
  | { op: 'set'; list: string; index: number; field: string; value: string };

/** The order edits are applied in, so that indexes keep meaning what they meant: sets, removals from the end, then additions. */
export function orderEdits(edits: readonly Edit[]): Edit[] {
  const rank = { set: 0, remove: 1, add: 2 } as const;
  return [...edits].sort((a, b) => rank[a.op] - rank[b.op] || (a.op === 'remove' && b.op === 'remove' ? b.index - a.index : 0));
}

interface Splice {
  from: number;
  to: number;
  text: string;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

/** YAML for `value` as a block at `indent`: quoted where plain would read back differently, multi-line text as a literal block, never folded. */
function block(value: unknown, indent: string): string {
  return stringify(value, { lineWidth: 0, schema: 'core' })
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n');
}

/** Whether only white space (and, with `dash`, one "- ") stands between the start of its line and `offset`. */
function ownLine(text: string, offset: number, dash = false): boolean {
  const before = text.slice(lineStart(text, offset), offset);
  return dash ? /^ *- +$/.test(before) : /^ *$/.test(before);
}

const columnOf = (text: string, offset: number): number => offset - lineStart(text, offset);

/** The end of a node's last line, newline included. */
const endOfLines = (text: string, node: Node): number => lineEnd(text, node.range![1] - 1);

type ListPair = Pair<Node, Node | null>;

/**
 * The edits as splices of the text, or undefined where the text is not plain enough to splice
 * safely (then the Document API does it).
 */
function splices(text: string, doc: Document.Parsed, edits: readonly Edit[]): Splice[] | undefined {
  const root = doc.contents;
  const rootMap = root === null ? undefined : isMap(root) && !root.flow ? root : undefined;
  if (root !== null && (!rootMap || columnOf(text, rootMap.range[0]) !== 0)) return undefined;
  if (/^\.\.\.\s*(#.*)?$/m.test(text)) return undefined;
  const out: Splice[] = [];
  const byList = new Map<string, Entry[]>();
  for (const edit of edits) {
    const pair = rootMap?.items.find((p) => isScalar(p.key) && p.key.value === edit.list) as ListPair | undefined;
    if (pair && !ownLine(text, pair.key.range![0])) return undefined;
    const seq = pair?.value;
    if (edit.op === 'add') {
      byList.set(edit.list, [...(byList.get(edit.list) ?? []), edit.entry]);
      continue;
    }
    if (!isSeq(seq) || seq.flow) return undefined;
    const item = seq.items[edit.index] as Node | undefined;
    if (!item?.range || !ownLine(text, item.range[0], true)) return undefined;
    if (edit.op === 'remove') out.push({ from: lineStart(text, item.range[0]), to: endOfLines(text, item), text: '' });
    else {
      const splice = setField(text, item, edit.field, edit.value);
      if (!splice) return undefined;
      out.push(splice);
    }
  }
  for (const [list, entries] of byList) {
    const pair = rootMap?.items.find((p) => isScalar(p.key) && p.key.value === list) as ListPair | undefined;
    const splice = pair
      ? appendTo(text, pair, entries)
      : { from: text.length, to: text.length, text: `${text === '' || text.endsWith('\n') ? '' : '\n'}${list}:\n${block(entries, '  ')}` };
    if (!splice) return undefined;
    out.push(splice);
  }
  return out;
}

/** Add entries after the last item of a block list, or under a key whose value is empty. */
function appendTo(text: string, pair: ListPair, entries: Entry[]): Splice | undefined {
  const value = pair.value;
  if (isSeq(value) && !value.flow && value.items.length > 0) {
    const last = value.items[value.items.length - 1] as Node;
    const at = endOfLines(text, last);
    const indent = ' '.repeat(columnOf(text, value.range![0]));
    return { from: at, to: at, text: `${text.slice(0, at).endsWith('\n') ? '' : '\n'}${block(entries, indent)}` };
  }
  // `owned:`, `owned: ~ # note` or `owned: []`: the value's text goes, a comment after it stays.
  const empty = value === null || (isScalar(value) && value.value === null) || (isSeq(value) && value.items.length === 0);
  if (!empty || (value && (value.anchor || value.tag))) return undefined;
  const keyEnd = pair.key.range![1];
  const colon = text.indexOf(':', keyEnd);
  const valueEnd = value?.range && value.range[1] > colon ? value.range[1] : colon + 1;
  const eol = text.indexOf('\n', colon);
  if (eol !== -1 && valueEnd > eol) return undefined;
  const rest = text.slice(valueEnd, eol === -1 ? text.length : eol);
  if (!/^\s*(#.*)?$/.test(rest)) return undefined;
  const indent = ' '.repeat(columnOf(text, pair.key.range![0]) + 2);
  const comment = rest.trim() === '' ? '' : ` ${rest.trim()}`;
  return { from: colon + 1, to: eol === -1 ? text.length : eol + 1, text: `${comment}\n${block(entries, indent)}` };
}

/** Set one field of a block mapping item, replacing its lines or adding a line at the item's end. */
function setField(text: string, item: Node, field: string, value: string): Splice | undefined {
  if (!isMap(item) || item.flow || item.items.length === 0) return undefined;
  const map = item as YAMLMap<Node, Node | null>;
  const first = map.items[0]!.key;
  const indent = ' '.repeat(columnOf(text, first.range![0]));
  const lines = block({ [field]: value }, indent);
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === field);
  if (!pair) {
    const at = endOfLines(text, item);
    return { from: at, to: at, text: `${text.slice(0, at).endsWith('\n') ? '' : '\n'}${lines}` };
  }
  if (!pair.value?.range || !ownLine(text, pair.key.range![0]) || pair.value.anchor) return undefined;
  return { from: lineStart(text, pair.key.range![0]), to: endOfLines(text, pair.value), text: lines };
}

/** Apply splices that do not overlap, from the end backwards; undefined if any overlap. */
function applySplices(text: string, list: Splice[]): string | undefined {
  const sorted = list.map((s, i) => ({ ...s, i })).sort((a, b) => b.from - a.from || b.i - a.i);
  let out = text;
  let floor = Infinity;
  for (const s of sorted) {
    if (s.to > floor) return undefined;
    out = out.slice(0, s.from) + s.text + out.slice(s.to);
    floor = s.from;
  }
  return out;
}

/** Parse text known to be valid YAML, with the options the decoder uses. */
const parse = (text: string): Document.Parsed =>
  parseDocument(text, { lineCounter: new LineCounter(), schema: 'core', merge: false, uniqueKeys: false });

/** The edits made on the text, keeping every other byte; undefined where that is not safe. */
export function editText(text: string, edits: readonly Edit[]): string | undefined {
  const list = splices(text, parse(text), orderEdits(edits));
  return list && applySplices(text, list);
}

/** The edits made through yaml's Document API, which handles any form; the document is printed again. */
export function editDocument(text: string, edits: readonly Edit[]): string {
  const doc = parse(text);
  for (const edit of orderEdits(edits)) {
    if (edit.op === 'set') doc.setIn([edit.list, edit.index, edit.field], edit.value);
    else if (edit.op === 'remove') doc.deleteIn([edit.list, edit.index]);
    else {
      const list = doc.get(edit.list, true) as YAMLSeq | Node | undefined;
      if (isSeq(list)) list.items.push(doc.createNode(edit.entry));
      else doc.set(edit.list, doc.createNode([edit.entry]));
    }
  }
  return doc.toString({ lineWidth: 0 });
}
