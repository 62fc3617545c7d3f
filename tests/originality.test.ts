import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Synopses and reviews are our own words: none may share a run of six or more words with a
// passage of public text that the fact sheets quote (copied into the fixture, so that this
// runs on a fresh clone).
const DATA = fileURLToPath(new URL('../data', import.meta.url));
const PASSAGES = fileURLToPath(new URL('./fixtures/originality/source-passages.txt', import.meta.url));
const RUN = 6;

/** Lower-case words, letters and digits only: punctuation and case never hide a copy. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every run of RUN words in a text, joined by spaces. */
function runs(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) out.add(w.slice(i, i + RUN).join(' '));
  return out;
}

/** The runs a text shares with any passage. */
function shared(text: string, passages: readonly string[]): string[] {
  const mine = runs(text);
  return passages.flatMap((p) => [...runs(p)].filter((r) => mine.has(r)));
}

const passages = readFileSync(PASSAGES, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .flatMap((l) => l.split('…'));

/** Every synopsis and review text in the bundled data, with where it is. */
function prose(): [string, string][] {
  const out: [string, string][] = [];
  const visit = (where: string, v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(`${where}[${i}]`, x));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'synopsis' || k === 'text') && typeof x === 'string') out.push([`${where}.${k}`, x]);
        else visit(`${where}.${k}`, x);
      }
    }
  };
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.yaml'))) visit(file, parse(readFileSync(join(DATA, file), 'utf8')));
  return out;
}

describe('our own words', () => {
  it('finds a shared run of six words, whatever the case and punctuation, and none of five', () => {
    expect(shared('He walked on, Unaware that he is the CAUSE of it all.', passages)).toEqual(['unaware that he is the cause']);
    expect(shared('unaware that he is the reason', passages)).toEqual([]);
  });

  it('no synopsis or review shares six words in a row with a quoted source passage', () => {
    const texts = prose();
    expect(texts.length).toBeGreaterThan(50);
    const copied = texts.flatMap(([where, text]) => shared(text, passages).map((run) => `${where}: "${run}"`));
    expect(copied).toEqual([]);
  });
});
