import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as heavy from '../src/cli/heavy';
import { editText } from '../src/source/collection-edit';
import type { Edit } from '../src/source/collection-edit';
import { run } from './helpers';

// Random collection files in the forms people write (block and flow lists, comments between
// items, anchors, every quoting, CRLF, a BOM, "---" and "..."), each followed by a random write
// command. Every run must either write exactly the change, or refuse with exit 2, 3 or 4 and
// leave the file byte for byte as it was. None may end in an internal error.

const RELEASES = [
  'memories-us-dvd-2004',
  'memories-gb-dvd-2004',
  'memories-jp-dvd-1999',
  'robot-carnival-discotek-uhd',
  'neo-tokyo-jp-dvd',
];
const WORKS = ['memories', 'magnetic-rose', 'stink-bomb', 'cannon-fodder'];
const TODAY = '2026-11-21';

type Item = Record<string, string | number>;
interface Model {
  owned: Item[];
  wanted: Item[];
  viewings: Item[];
}
type ListName = keyof Model;
type Style = 'block' | 'block-flush' | 'flow' | 'flow-lines' | 'null' | 'empty-flow' | 'missing';

const note = fc.oneof(
  fc.constantFrom(
    'from a shop in Leeds',
    'a: b',
    "it's #1",
    '"quoted"',
    '- dash',
    'yes',
    '123',
    '  lead',
    'trail ',
    '名古屋で',
    'é\u0301',
    'x'.repeat(120),
  ),
  fc.constantFrom('two\nlines', 'a\n\nb', 'end\n'),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
);
const date = fc.constantFrom('2001', '2005-03', '2005-03-01', '2026-11-20');

const releaseItem = fc.record(
  { release: fc.constantFrom(...RELEASES), note: fc.option(note, { nil: undefined }), added: fc.option(date, { nil: undefined }) },
  { requiredKeys: ['release'] },
);
const viewing = fc.record(
  {
    work: fc.constantFrom(...WORKS),
    date: fc.option(date, { nil: undefined }),
    rating: fc.option(
      fc.integer({ min: 0, max: 20 }).map((n) => n / 2),
      { nil: undefined },
    ),
    note: fc.option(note, { nil: undefined }),
  },
  { requiredKeys: ['work'] },
);

const clean = (item: Record<string, unknown>): Item => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as Item;

/** A scalar in one of the quoting styles that reads back as `value`. */
function scalar(value: string | number, quoting: number): string {
  if (typeof value === 'number') return String(value);
  if (quoting === 1 && !/[\n']/.test(value) && value === value.trim()) return `'${value}'`;
  if (quoting === 2 && /^[a-z][a-z0-9 -]*[a-z0-9]$/.test(value) && !['yes', 'no', 'null', 'true', 'false'].includes(value)) return value;
  return JSON.stringify(value);
}

function listText(name: string, items: Item[], style: Style, quoting: number, comments: boolean, anchor: boolean): string {
  if (style === 'missing') return '';
  if (style === 'null' || items.length === 0)
    return style === 'empty-flow' ? `${name}: []\n` : `${name}:${comments ? ' # nothing yet' : ''}\n`;
  if (style === 'flow' || style === 'flow-lines') {
    const sep = style === 'flow' ? ', ' : ',\n  ';
    const body = items
      .map(
        (item) =>
          `{ ${Object.entries(item)
            .map(([k, v]) => `${k}: ${scalar(v, quoting)}`)
            .join(', ')} }`,
      )
      .join(sep);
    return style === 'flow' ? `${name}: [${body}]\n` : `${name}: [\n  ${body}\n]\n`;
  }
  const indent = style === 'block' ? '  ' : '';
  const lines = items.map((item, i) => {
    const entries = Object.entries(item);
    // The anchor names the whole item, so it stands on a line of its own.
    const head = `${comments ? `${indent}# item ${i}\n` : ''}${indent}- ${anchor && i === 0 ? `&first\n${indent}  ` : ''}`;
    return (
      head +
      entries
        .map(([k, v], j) => `${j === 0 ? '' : `${indent}  `}${k}: ${scalar(v, quoting)}${comments && j === 0 ? ' # trailing' : ''}\n`)
        .join('')
    );
  });
  return `${name}:\n${lines.join('')}`;
}

const collectionFile = fc
  .record({
    owned: fc.array(releaseItem, { maxLength: 4 }),
    wanted: fc.array(releaseItem, { maxLength: 3 }),
    viewings: fc.array(viewing, { maxLength: 4 }),
    styles: fc.array(fc.constantFrom<Style>('block', 'block', 'block-flush', 'flow', 'flow-lines', 'null', 'empty-flow', 'missing'), {
      minLength: 3,
      maxLength: 3,
    }),
    order: fc.constantFrom<ListName[]>(['owned', 'wanted', 'viewings'], ['viewings', 'owned', 'wanted'], ['wanted', 'viewings', 'owned']),
    quoting: fc.integer({ min: 0, max: 2 }),
    comments: fc.boolean(),
    anchor: fc.boolean(),
    alias: fc.boolean(),
    start: fc.constantFrom('', '---\n', '# my shelf\n\n', '%YAML 1.2\n---\n'),
    end: fc.constantFrom('', '...\n', '# the end\n', 'none'),
    crlf: fc.boolean(),
    bom: fc.boolean(),
  })
  .map((f) => {
    const model: Model = { owned: f.owned.map(clean), wanted: f.wanted.map(clean), viewings: f.viewings.map(clean) };
    // Lists written as empty hold nothing, whatever was drawn for them.
    f.order.forEach((name, i) => {
      if (['missing', 'null', 'empty-flow'].includes(f.styles[i]!)) model[name] = [];
    });
    const style = (name: ListName): Style => f.styles[f.order.indexOf(name)]!;
    // The wishlist may name the first owned item again through its anchor: an edit of one is then an edit of both.
    const aliased =
      f.alias &&
      f.anchor &&
      style('owned').startsWith('block') &&
      model.owned.length > 0 &&
      f.order.indexOf('owned') < f.order.indexOf('wanted');
    if (aliased) model.wanted = [model.owned[0]!];
    const lists = f.order.map((name, i) =>
      aliased && name === 'wanted' ? 'wanted:\n  - *first\n' : listText(name, model[name], f.styles[i]!, f.quoting, f.comments, f.anchor),
    );
    let text = f.start + lists.join('') + (f.end === 'none' ? '' : f.end);
    if (f.end === 'none') text = text.replace(/\n$/, '');
    if (f.crlf) text = text.replaceAll('\n', '\r\n');
    return { text: `${f.bom ? '\uFEFF' : ''}${text}`, model };
  });

const command = fc.oneof(
  fc.record({
    kind: fc.constantFrom('own', 'want', 'unown', 'unwant'),
    ids: fc.uniqueArray(fc.constantFrom(...RELEASES), { minLength: 1, maxLength: 3 }),
    note: fc.option(note, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('watched'),
    work: fc.constantFrom(...WORKS),
    date: fc.option(date, { nil: undefined }),
    rating: fc.option(
      fc.integer({ min: 0, max: 20 }).map((n) => String(n / 2)),
      { nil: undefined },
    ),
    note: fc.option(note, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('unwatch'), work: fc.constantFrom(...WORKS), date: fc.option(date, { nil: undefined }) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

function argsOf(c: Command): string[] {
  const opt = (flag: string, value: string | undefined): string[] => (value === undefined ? [] : [flag, value]);
  if (c.kind === 'watched') return ['watched', c.work, ...opt('--date', c.date), ...opt('--rating', c.rating), ...opt('--note', c.note)];
  if (c.kind === 'unwatch') return ['unwatch', c.work, ...opt('--date', c.date)];
  return [c.kind, ...c.ids, ...('note' in c && (c.kind === 'own' || c.kind === 'want') ? opt('--note', c.note) : [])];
}

/** What the collection must hold after the command: an oracle written apart from the planner. */
function expected(before: Model, c: Command): Model {
  const m: Model = structuredClone(before);
  const withNote = (id: string, n: string | undefined): Item => clean({ release: id, note: n, added: TODAY });
  if (c.kind === 'watched')
    m.viewings.push(
      clean({ work: c.work, date: c.date ?? TODAY, rating: c.rating === undefined ? undefined : Number(c.rating), note: c.note }),
    );
  else if (c.kind === 'unwatch') {
    let pick = -1;
    m.viewings.forEach((v, i) => {
      if (
        v.work === c.work &&
        (c.date === undefined || v.date === c.date) &&
        (pick < 0 || String(v.date ?? '') >= String(m.viewings[pick]!.date ?? ''))
      )
        pick = i;
    });
    if (pick >= 0) m.viewings.splice(pick, 1);
  } else {
    for (const id of c.ids) {
      const owned = m.owned.find((o) => o.release === id);
      const wanted = m.wanted.find((w) => w.release === id);
      const n = 'note' in c ? c.note : undefined;
      if (c.kind === 'own') {
        if (owned) {
          if (n !== undefined) owned.note = n;
        } else {
          m.owned.push(withNote(id, n));
          m.wanted = m.wanted.filter((w) => w.release !== id);
        }
      } else if (c.kind === 'want') {
        if (owned) continue;
        if (wanted) {
          if (n !== undefined) wanted.note = n;
        } else m.wanted.push(withNote(id, n));
      } else if (c.kind === 'unown') m.owned = m.owned.filter((o) => o.release !== id);
      else m.wanted = m.wanted.filter((w) => w.release !== id);
    }
  }
  return m;
}

/** The collection as decoded, positions left out, keys in one order. */
function decoded(file: string): string | undefined {
  const { collection, problems } = heavy.loadCollection(file);
  if (problems.errorCount > 0) return undefined;
  return canonical(collection as unknown as Model);
}

const canonical = (m: Model): string =>
  JSON.stringify(
    (['owned', 'wanted', 'viewings'] as const).map((list) =>
      m[list].map((item) =>
        Object.entries(item)
          .filter(([k, v]) => k !== 'at' && v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    ),
  );

describe('a fuzz of collection files and write commands', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'memories-fuzz-cache-'));
  const dir = mkdtempSync(join(tmpdir(), 'memories-fuzz-'));
  let runs = 0;
  const outcomes = new Map<number, number>();

  it('writes exactly the change, or refuses and leaves the file as it was', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(collectionFile, command, async ({ text, model }, c) => {
        const file = join(dir, `c${runs++}.yaml`);
        writeFileSync(file, text);
        const before = readFileSync(file);
        const r = await run(argsOf(c), { env: { NO_COLOR: '1', MEMORIES_COLLECTION: file }, cacheDir });
        outcomes.set(r.code, (outcomes.get(r.code) ?? 0) + 1);
        expect(r.code, r.stderr).not.toBe(1);
        if (r.code === 0) {
          const valid = decoded(file);
          expect(valid, readFileSync(file, 'utf8')).toBeDefined();
          // A file that was not valid to begin with is refused; a valid one changes exactly as asked.
          expect(valid).toBe(canonical(expected(model, c)));
          const after = readFileSync(file, 'utf8');
          expect(after.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
          if (text.includes('\r\n')) expect(after.replaceAll('\r\n', '')).not.toContain('\n');
        } else {
          expect([2, 3, 4]).toContain(r.code);
          expect(readFileSync(file).equals(before)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // The generator makes mostly valid files, so most runs must write.
    expect(outcomes.get(0) ?? 0).toBeGreaterThan(200);
  });
});

describe('edits on the text', () => {
  const blockFile = fc
    .record({ owned: fc.array(releaseItem, { minLength: 1, maxLength: 5 }), quoting: fc.integer({ min: 0, max: 2 }) })
    .map(({ owned, quoting }) => {
      const items = owned.map(clean);
      return { items, text: `# top\n${listText('owned', items, 'block', quoting, true, false)}# bottom\n` };
    });
  const edit = (n: number): fc.Arbitrary<Edit> =>
    fc.oneof(
      fc.record({ op: fc.constant('add' as const), list: fc.constantFrom('owned', 'wanted'), entry: releaseItem.map(clean) }),
      fc.record({ op: fc.constant('remove' as const), list: fc.constant('owned'), index: fc.integer({ min: 0, max: n - 1 }) }),
      fc.record({
        op: fc.constant('set' as const),
        list: fc.constant('owned'),
        index: fc.integer({ min: 0, max: n - 1 }),
        field: fc.constant('note'),
        value: note,
      }),
    );

  it('splice plain block lists, keep every comment, and decode to the model plus the change', () => {
    fc.assert(
      fc.property(
        blockFile.chain((f) => fc.tuple(fc.constant(f), edit(f.items.length))),
        ([{ items, text }, e]) => {
          const out = editText(text, [e]);
          expect(out).toBeDefined();
          for (const line of text.split('\n').filter((l) => /^\s*# (top|bottom|item)/.test(l))) expect(out).toContain(line);
          const file = join(mkdtempSync(join(tmpdir(), 'memories-edit-')), 'c.yaml');
          writeFileSync(file, out!);
          const model: Model = { owned: structuredClone(items), wanted: [], viewings: [] };
          if (e.op === 'add') model[e.list as 'owned' | 'wanted'].push(e.entry);
          else if (e.op === 'remove') model.owned.splice(e.index, 1);
          else model.owned[e.index]!.note = e.value;
          expect(decoded(file)).toBe(canonical(model));
        },
      ),
      { numRuns: 200 },
    );
  });
});
