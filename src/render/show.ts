import type { Catalogue, Library } from '../catalogue/catalogue';
import type { Anthology, Common, Credit, Release, Review, Segment, Staff, Work } from '../catalogue/types';
import { ROLES } from '../catalogue/schema';
import { holding } from '../catalogue/collection';
import { anthologyStudios, workRecord } from '../catalogue/credits';
import { compareText } from '../query/fold';
import { escapeLine } from './escape';
import type { Field } from './layout';
import { languageName, renderBullets, renderFields, renderHanging, renderLine, renderProse, roleLabel, section } from './layout';
import { countryRegion, releaseMark, workLabel, workMark } from './records';
import type { SpecKey } from '../query/compare';
import { audioLine, EDITION_SPECS, formatLabel, PICTURE_SPECS, SPEC_TEXT } from './release-specs';
import type { View } from './view';

/** Credits grouped by role, in the vocabulary's order: "Director  Kōji Morimoto". */
function renderCredits(cat: Catalogue, credits: Credit[] | undefined, view: View, indent: string): string {
  const byRole = new Map<string, string[]>();
  for (const c of credits ?? []) {
    const name = cat.staffById.get(c.staff)?.name ?? c.staff;
    const entry = c.note ? `${name} (${c.note})` : name;
    byRole.set(c.role, [...(byRole.get(c.role) ?? []), entry]);
  }
  const order = [...ROLES] as string[];
  const fields: Field[] = [...byRole.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([role, names]) => [roleLabel(role), names.join(', ')]);
  return renderFields(fields, view, indent);
}

function titleForms(r: { native_title?: string; romaji_title?: string }): string {
  return [r.native_title, r.romaji_title].filter(Boolean).join(' · ');
}

/** The native title and its romanization, each on a line of its own. */
function titleFields(r: { native_title?: string; romaji_title?: string }): Field[] {
  return [
    ['Native title', r.native_title],
    ['Romanized', r.romaji_title],
  ];
}

function trailer(record: Common, view: View): string {
  return (
    section('Notes', record.notes ? renderProse(record.notes, view) : '', view) +
    section('Sources', renderBullets(record.sources, '  ', view), view) +
    section('Links', renderFields(Object.entries(record.links ?? {}), view, '  '), view)
  );
}

/** The first line of a view, wrapped under itself: the collection's mark (as tables show it), the title, and what follows it. */
function heading(title: string, suffix: string, view: View, mark = ''): string {
  return renderHanging(
    [
      ...(mark ? [{ text: `${mark} `, style: view.color.green }] : []),
      { text: title, style: view.color.bold },
      { text: suffix ? `  ${suffix}` : '' },
    ],
    view,
    '',
    '  ',
  );
}

function reviewPointer(cat: Catalogue, id: string, view: View): string {
  const reviews = cat.reviewsBySubject.get(id) ?? [];
  if (reviews.length === 0) return '';
  const by = reviews.map((r) => r.author + (r.rating === undefined ? '' : ` (${r.rating}/10)`)).join(', ');
  return section('Reviews', renderHanging([{ text: `${by}: memories review ${id}` }], view, '  ', '    '), view);
}

/** The detail view of an anthology: header, credits, synopsis, each segment, releases. */
export function renderAnthology(library: Library, a: Anthology, view: View): string {
  const cat = library.catalogue;
  let out = heading(a.title, `(${a.year})`, view, workMark(library.collection, a.id));
  out += renderFields(
    [
      ['ID', a.id],
      ...titleFields(a),
      ['Also known as', a.alt_titles?.join('; ')],
      ['Released', a.released],
      ['Medium', a.medium],
      ['Runtime', a.runtime === undefined ? undefined : `${a.runtime} min`],
      // The film's own studios, then those of its segments.
      ['Studios', anthologyStudios(a).join(', ')],
      ['Tags', a.tags?.join(', ')],
    ],
    view,
  );
  out += section('Credits', renderCredits(cat, a.credits, view, '  '), view);
  out += section('Synopsis', a.synopsis ? renderProse(a.synopsis, view) : '', view);
  out += section('Segments', a.segments.map((s, i) => renderSegmentSummary(library, s, i + 1, view)).join('\n'), view);
  const releases = cat.releasesByAnthology.get(a.id) ?? [];
  out += section(
    'Releases',
    renderFields(
      releases.map((r): Field => [r.id, releaseSummary(r)]),
      view,
      '  ',
    ),
    view,
  );
  out += reviewPointer(cat, a.id, view);
  return out + trailer(a, view);
}

function renderSegmentSummary({ catalogue: cat, collection }: Library, s: Segment, n: number, view: View): string {
  const extra = [titleForms(s), s.runtime === undefined ? '' : `${s.runtime} min`, s.studios?.join(', ') ?? ''].filter(Boolean).join(' · ');
  const mark = workMark(collection, s.id);
  const line = renderHanging(
    [
      { text: `${n}. ` },
      ...(mark ? [{ text: `${mark} `, style: view.color.green }] : []),
      { text: s.title, style: view.color.bold },
      { text: extra ? `  ${extra}` : '' },
      { text: '  ' },
      { text: `[${s.id}]`, style: view.color.dim },
    ],
    view,
    '  ',
    '     ',
  );
  return line + renderCredits(cat, s.credits, view, '     ');
}

/** "DVD · US/1 · Columbia TriStar · 2004-02-24 · out-of-print" */
function releaseSummary(r: Release): string {
  return [r.title, formatLabel(r.format), countryRegion(r), r.publisher, r.released, r.status].filter(Boolean).join(' · ');
}

/** The detail view of a segment: its anthology, credits, synopsis and reviews. */
export function renderSegment({ catalogue: cat, collection }: Library, work: Work & { kind: 'segment' }, view: View): string {
  const { segment: s, anthology: a, number } = work;
  let out = heading(s.title, `segment ${number} of ${a.title} (${a.year})`, view, workMark(collection, s.id));
  out += renderFields(
    [
      ['ID', s.id],
      ...titleFields(s),
      ['Also known as', s.alt_titles?.join('; ')],
      ['Anthology', `${a.title} [${a.id}]`],
      ['Runtime', s.runtime === undefined ? undefined : `${s.runtime} min`],
      ['Studios', s.studios?.join(', ')],
    ],
    view,
  );
  out += section('Credits', renderCredits(cat, s.credits, view, '  '), view);
  out += section('Synopsis', s.synopsis ? renderProse(s.synopsis, view) : '', view);
  out += reviewPointer(cat, s.id, view);
  return out + trailer(s, view);
}

/** A person's filmography: every credit, grouped by anthology and then by work. */
/** Which credits a filmography shows: those in `roles`, headed by `label`. */
export interface RoleFilter {
  label: string;
  roles: readonly string[];
}

export function renderStaff(cat: Catalogue, p: Staff, view: View, roleFilter?: RoleFilter): string {
  let out = heading(p.name, p.native_name ?? '', view);
  out += renderFields(
    [
      ['ID', p.id],
      ['Also known as', p.aliases?.join('; ')],
      ['Born', p.born],
    ],
    view,
  );
  const credits = (cat.creditsByStaff.get(p.id) ?? []).filter((c) => roleFilter === undefined || roleFilter.roles.includes(c.credit.role));
  const byAnthology = new Map<Anthology, Map<Work, string[]>>();
  for (const { work, credit } of credits) {
    const works = byAnthology.get(work.anthology) ?? new Map<Work, string[]>();
    byAnthology.set(work.anthology, works);
    works.set(work, [...(works.get(work) ?? []), roleLabel(credit.role) + (credit.note ? ` (${credit.note})` : '')]);
  }
  const body = [...byAnthology.entries()]
    // In the order they came out: Robot Carnival (July 1987) before Neo Tokyo (September).
    .sort(([a], [b]) => compareText(a.released ?? String(a.year), b.released ?? String(b.year)) || compareText(a.title, b.title))
    .map(([a, works]) => {
      const rows: Field[] = [...works.entries()].map(([w, roles]) => [
        w.kind === 'anthology' ? '(whole film)' : workRecord(w).title,
        roles.join(', '),
      ]);
      return `  ${view.color.bold(escapeLine(`${a.title} (${a.year})`))}\n${renderFields(rows, view, '    ')}`;
    })
    .join('');
  out += section(roleFilter ? `Filmography (${roleLabel(roleFilter.label)})` : 'Filmography', body || '  no credits\n', view);
  return out + trailer(p, view);
}

/** Every field of a release, laid out for reading. */
export function renderRelease(library: Library, r: Release, view: View): string {
  const { catalogue: cat, collection } = library;
  const field = (key: SpecKey): Field => [SPEC_TEXT[key][0], SPEC_TEXT[key][1](r, library)];
  const held = holding(collection, r.id);
  const work = cat.works.get(r.anthology);
  const title = work ? workLabel(work) : r.anthology;
  // "Memories: US DVD (Columbia TriStar Home Entertainment, 2004)"
  const year = r.released?.slice(0, 4);
  let out = heading(
    `${title}: ${r.country} ${formatLabel(r.format)}${r.title ? `, ${r.title}` : ''}`,
    `(${[r.publisher, year].filter(Boolean).join(', ')})`,
    view,
    releaseMark(collection, r.id),
  );
  out += renderFields(
    [
      ['ID', r.id],
      ['Anthology', `${title} [${r.anthology}]`],
      ...EDITION_SPECS.map(field),
      ['Collection', held === 'owned' ? 'you own it' : held === 'wanted' ? 'on your wishlist' : undefined],
    ],
    view,
  );
  out += section('Picture', r.video ? renderFields(PICTURE_SPECS.map(field), view, '  ') : '', view);
  out += section('Audio', renderBullets((r.audio ?? []).map(audioLine), '  ', view), view);
  out += section(
    'Subtitles',
    r.subtitles?.length ? renderHanging([{ text: r.subtitles.map(languageName).join(', ') }], view, '  ') : '',
    view,
  );
  out += section('Extras', renderBullets(r.extras, '  ', view), view);
  return out + trailer(r, view);
}

/** Reviews, each with its headline and byline, wrapped to the terminal. */
export function renderReviews(cat: Catalogue, reviews: Review[], view: View): string {
  return reviews
    .map((r) => {
      const work = cat.works.get(r.subject);
      const subject = work ? workLabel(work) : r.subject;
      const byline = [r.title ? subject : undefined, r.author, r.date, r.rating === undefined ? undefined : `${r.rating}/10`]
        .filter(Boolean)
        .join(' · ');
      return `${renderLine(r.title ?? subject, view, view.color.bold)}${renderLine(byline, view, view.color.dim)}\n${renderProse(r.text, view)}`;
    })
    .join('\n');
}
