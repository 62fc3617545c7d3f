import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { Document, Node, Pair } from 'yaml';

/**
 * Edits of a YAML file made on its text, at the positions the parser gives, so that comments,
 * key order, quoting and blank lines stay exactly as the user wrote them and a diff shows only
 * the lines that changed. Each function returns the new text.
 */

type Item = Record<string, string | number>;

interface Parsed {
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Parse text that is known to be valid YAML (the caller checked it), keeping positions. */
function parse(text: string): Parsed {
  const lines = new LineCounter();
  return { text, doc: parseDocument(text, { lineCounter: lines, schema: 'core' }), lines };
}

function topPair(source: Parsed, key: string): Pair<Node, Node | null> | undefined {
  const root = source.doc.contents;
  if (!isMap(root)) return undefined;
  return root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

/** A scalar as YAML would write it: plain when that reads back the same, quoted otherwise. */
function scalar(value: string | number): string {
  return stringify(value).trimEnd();
}

function itemLines(item: Item, indent: string): string {
  return Object.entries(item)
    .map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${scalar(v)}\n`)
    .join('');
}

/** Append an item to the block list under a top-level key, creating the key if it is missing. */
export function appendListItem(text: string, key: string, item: Item): string {
  const source = parse(text);
  const pair = topPair(source, key);
  const value = pair?.value;
  if (pair && isSeq(value) && value.items.length > 0 && !value.flow) {
    const indent = ' '.repeat(source.lines.linePos(value.range![0]).col - 1);
    const last = value.items[value.items.length - 1] as Node;
    const at = lineEnd(text, last.range![1] - 1);
    const before = text.slice(0, at);
    return `${before}${before.endsWith('\n') ? '' : '\n'}${itemLines(item, indent)}${text.slice(at)}`;
  }
  if (pair) {
    // An empty value (`owned:` or `owned: []`): the list starts on the lines after the key.
    const keyEnd = value?.range ? value.range[1] : pair.key.range![1];
    const from = value?.range ? value.range[0] : keyEnd;
    const at = lineEnd(text, keyEnd);
    const head = text.slice(0, from).replace(/[ \t]*$/, '');
    const keyLine = text.slice(lineStart(text, pair.key.range![0]), pair.key.range![0]);
    const rest = text.slice(keyEnd, at).replace(/^[ \t]*/, '');
    return `${head}${rest.startsWith('#') ? ` ${rest}` : rest.endsWith('\n') ? '\n' : `${rest}\n`}${itemLines(item, `${keyLine}  `)}${text.slice(at)}`;
  }
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${base}${key}:\n${itemLines(item, '  ')}`;
}

/** Remove the item at `index` of the block list under a top-level key, with its lines. */
export function removeListItem(text: string, key: string, index: number): string {
  const source = parse(text);
  const value = topPair(source, key)?.value;
  if (!isSeq(value) || value.flow) throw new Error(`"${key}" is not a block list`);
  const item = value.items[index] as Node;
  const next = value.items[index + 1] as Node | undefined;
  const from = lineStart(text, item.range![0]);
  const to = next ? lineStart(text, next.range![0]) : lineEnd(text, item.range![1] - 1);
  return text.slice(0, from) + text.slice(to);
}
