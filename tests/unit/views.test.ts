import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/catalogue';
import { namedTargets, REF_KINDS, resolveRef } from '../../src/query/resolve';
import type { Target } from '../../src/query/resolve';
import { storedViews, viewSections } from '../../src/query/views';
import { TABLE_VIEWS } from '../../src/render/records';
import { PLAIN } from '../../src/render/view';
import type { View } from '../../src/render/view';
import { renderAnthology, renderRelease, renderSegment, renderStaff } from '../../src/render/show';
import { encodeSnapshot, snapshotOf } from '../../src/store/snapshot';
import { BUNDLED, catalogueOf } from '../helpers';

// The stored views answer as the catalogue does: the same record for a REF, and a catalogue
// of its cluster that prints the same view.

const texts = readdirSync(BUNDLED)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(BUNDLED, f), 'utf8'));
const { catalogue: cat } = catalogueOf(...texts);
const views = storedViews(snapshotOf(encodeSnapshot('key', [], [], viewSections(cat, texts.length, TABLE_VIEWS.tables(cat)))));
const view: View = { tty: true, width: 100, color: PLAIN };

function render(catalogue: Catalogue, t: Target): string {
  const library = { catalogue, collection: undefined };
  if (t.kind === 'staff') return renderStaff(catalogue, t.staff, view);
  if (t.kind === 'release') return renderRelease(library, t.release, view);
  return t.work.kind === 'anthology' ? renderAnthology(library, t.work.anthology, view) : renderSegment(library, t.work, view);
}

const names = namedTargets(cat).flatMap((n) => [...n.names, ...n.codes]);
const ids = namedTargets(cat).map((n) => n.target.id);

describe('stored views', () => {
  it('find the record a REF names exactly when the catalogue does: every name, and parts of names', () => {
    const words = [...names, ...ids].flatMap((n) => n.split(/[\s-]+/));
    const whole = fc.constantFrom(...names, ...ids);
    const ref = fc.oneof(
      whole,
      fc.constantFrom(...words),
      whole.chain((n) => fc.integer({ min: 1, max: n.length }).map((k) => n.slice(0, k))),
      whole.map((n) => `The ${n}`),
    );
    fc.assert(
      fc.property(ref, fc.subarray([...REF_KINDS], { minLength: 1 }), (r, kinds) => {
        const live = resolveRef(cat, r, kinds);
        const stored = views.find(r, kinds);
        if (live.kind === 'found')
          expect(stored && { kind: stored.kind, id: stored.id }).toEqual({ kind: live.target.kind, id: live.target.id });
        else expect(stored).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('hold, for every record, a catalogue that prints its view as the whole catalogue does', () => {
    let checked = 0;
    for (const { target } of namedTargets(cat)) {
      const stored = views.find(target.id);
      // An id that another record has too is ambiguous, and answered from the files.
      if (!stored) continue;
      checked++;
      const small = views.catalogueFor([stored]);
      expect(render(small, views.target(small, stored)), target.id).toBe(render(cat, target));
    }
    expect(checked).toBeGreaterThan(namedTargets(cat).length * 0.9);
  });

  it('keep every table row by row, and the number of files', () => {
    for (const [name, rows] of Object.entries(TABLE_VIEWS.tables(cat))) {
      expect(views.rows(name)).toEqual(rows);
      expect(views.rows(name, 2)).toEqual(rows.slice(0, 2));
    }
    expect(views.fileCount()).toBe(texts.length);
  });
});
