import type { Catalogue, Library } from '../catalogue/catalogue';
import { FORMATS, MEDIA, REGIONS, ROLES, STATUSES } from '../catalogue/schema';
import type { Credit, Release, Staff, Titles, Work } from '../catalogue/types';
import { latestRating } from '../catalogue/collection';
import type { CollectionIndex } from '../catalogue/collection';
import { workRecord } from '../catalogue/credits';
import { languageName, regionCodes } from '../util/names';

/** How a field's values compare: text is folded, numbers and dates take ranges. */
type FieldKind = 'text' | 'number' | 'date';

export interface FieldDef<T> {
  kind: FieldKind;
  doc: string;
  values(item: T, library: Library): (string | number)[];
  /**
   * For fields whose values are people's names: the staff ids behind them, so that a search
   * matches each person's names once rather than once per credit (see match.ts).
   */
  people?(item: T): string[];
  /**
   * For fields of the people credited on a work: the credits they take from (all of them when
   * `roles` is undefined). people() gives the same ids item by item; a search index fills every
   * such field, one per role, in a single pass over each work's credits.
   */
  credits?: { of: (item: T) => readonly Credit[]; roles: readonly string[] | undefined };
  /**
   * For fields that depend on the user's collection: keys taken from the records (release or
   * work ids), turned into values by the collection of the run. A stored search index keeps
   * the keys, since the collection changes without the data folders changing.
   */
  mine?: { keys(item: T, cat: Catalogue): string[]; values(keys: string[], collection: CollectionIndex | undefined): (string | number)[] };
  /** For an enumerated field, every value it can have: a query for another is refused, with the closest. */
  choices?: () => readonly string[];
  /**
   * For a field of the forms of what a row is shown by (a title, a name), the first value
   * being the one shown: a match on another form names it ("title: 迷宮物語"), see describeHits.
   */
  forms?: true;
}

export type SearchKind = 'works' | 'people' | 'releases';

const text = <T>(doc: string, values: (item: T, cat: Catalogue) => (string | undefined)[]): FieldDef<T> => ({
  kind: 'text',
  doc,
  values: (item, { catalogue }) => values(item, catalogue).filter((v): v is string => typeof v === 'string' && v !== ''),
});

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** A field of the user's collection; `values` is derived from the two halves, so both ways of reading agree. */
function mine<T>(
  kind: FieldKind,
  doc: string,
  keys: (item: T, cat: Catalogue) => string[],
  values: (keys: string[], collection: CollectionIndex | undefined) => (string | number)[],
): FieldDef<T> {
  return { kind, doc, mine: { keys, values }, values: (item, { catalogue, collection }) => values(keys(item, catalogue), collection) };
}

const releasesOf = (w: Work, cat: Catalogue): string[] => (cat.releasesByAnthology.get(w.anthology.id) ?? []).map((r) => r.id);
const workId = (w: Work): string[] => [workRecord(w).id];
const anyOf = (list: 'owned' | 'wanted') => (ids: string[], c: CollectionIndex | undefined) => [
  yesNo(ids.some((id) => c?.[list].has(id) === true)),
];

/** Every form of a person's name. */
export function personNames(staff: Staff | undefined): string[] {
  return staff ? [staff.name, staff.native_name, ...(staff.aliases ?? [])].filter((n): n is string => Boolean(n)) : [];
}

const anthologyCredits = new WeakMap<object, Credit[]>();

/** Every credit of a work; an anthology also carries its segments' credits, so `list director:kon` finds Memories. */
function creditsOf(work: Work): Credit[] {
  if (work.kind === 'segment') return work.segment.credits ?? [];
  let all = anthologyCredits.get(work.anthology);
  if (!all) {
    all = [...(work.anthology.credits ?? []), ...work.anthology.segments.flatMap((s) => s.credits ?? [])];
    anthologyCredits.set(work.anthology, all);
  }
  return all;
}

/** A field of the names of the people credited in some roles (all roles when undefined). */
function credited(doc: string, roles: readonly string[] | undefined): FieldDef<Work> {
  const people = (work: Work): string[] => {
    const ids: string[] = [];
    for (const c of creditsOf(work)) if (roles === undefined || roles.includes(c.role)) ids.push(c.staff);
    return ids;
  };
  return {
    kind: 'text',
    doc,
    people,
    credits: { of: creditsOf, roles },
    values: (work, { catalogue }) => people(work).flatMap((id) => personNames(catalogue.staffById.get(id))),
  };
}

/** Every form of a title: the one shown first. */
export function titleForms(r: Titles): string[] {
  return [r.title, r.native_title, r.romaji_title, ...(r.alt_titles ?? [])].filter((t): t is string => Boolean(t));
}

const namedWorkFields: Record<string, FieldDef<Work>> = {
  id: text('the id', (w) => [workRecord(w).id]),
  title: { ...text('any form of the title', (w) => titleForms(workRecord(w))), forms: true },
  director: credited('director or chief director', ['director', 'chief-director']),
  music: credited('composer (music or theme music)', ['music', 'theme-music']),
  writer: credited('screenplay or original story', ['screenplay', 'original-story']),
  staff: credited('anyone credited, in any role', undefined),
  studio: text('animation studio', (w) => [
    ...(workRecord(w).studios ?? []),
    ...(w.kind === 'anthology' ? w.anthology.segments.flatMap((s) => s.studios ?? []) : []),
  ]),
  year: { kind: 'number', doc: 'year of the anthology', values: (w) => [w.anthology.year] },
  runtime: {
    kind: 'number',
    doc: 'running time in minutes',
    values: (w) => (workRecord(w).runtime === undefined ? [] : [workRecord(w).runtime!]),
  },
  anthology: text('the anthology (id or title)', (w) => [w.anthology.id, ...titleForms(w.anthology)]),
  kind: text('anthology or segment', (w) => [w.kind]),
  medium: {
    ...text('how the anthology first came out: film, direct-to-video, tv, web or streaming', (w) => [w.anthology.medium]),
    choices: () => MEDIA,
  },
  segments: {
    kind: 'number',
    doc: 'how many segments an anthology has',
    values: (w) => (w.kind === 'anthology' ? [w.anthology.segments.length] : []),
  },
  owned: mine('text', 'yes when you own a release of its anthology', releasesOf, anyOf('owned')),
  wanted: mine('text', 'yes when a release of its anthology is on your wishlist', releasesOf, anyOf('wanted')),
  watched: mine('text', 'yes when you logged a viewing of it', workId, ([id], c) => [yesNo(c?.viewingsByWork.has(id!) === true)]),
  rating: mine('number', 'your latest rating of it', workId, ([id], c) => {
    const r = latestRating(c, id!);
    return r === undefined ? [] : [r];
  }),
};

// Then a field per role; a role that names a field above (director, music) keeps that field's
// wider meaning: director:otomo finds a chief director too.
const workFields: Record<string, FieldDef<Work>> = {
  ...namedWorkFields,
  ...Object.fromEntries(
    ROLES.filter((role) => !Object.hasOwn(namedWorkFields, role)).map((role) => [role, credited(`credited as ${role}`, [role])]),
  ),
};

const peopleFields: Record<string, FieldDef<Staff>> = {
  id: text('the id', (s) => [s.id]),
  name: { ...text('any form of the name, native script included', (s) => personNames(s)), forms: true },
  role: {
    ...text('a role they are credited in', (s, cat) => (cat.creditsByStaff.get(s.id) ?? []).map((c) => c.credit.role)),
    choices: () => ROLES,
  },
  // A credit on a segment is a credit on its anthology too: work:memories finds everyone on Memories.
  work: text('a work they are credited on, or the anthology of one (id or title)', (s, cat) =>
    (cat.creditsByStaff.get(s.id) ?? []).flatMap(({ work }) => [
      workRecord(work).id,
      ...titleForms(workRecord(work)),
      ...(work.kind === 'segment' ? [work.anthology.id, ...titleForms(work.anthology)] : []),
    ]),
  ),
  anthology: text('an anthology they are credited on, or on one of its segments (id or title)', (s, cat) =>
    (cat.creditsByStaff.get(s.id) ?? []).flatMap(({ work }) => [work.anthology.id, ...titleForms(work.anthology)]),
  ),
  born: { kind: 'date', doc: 'date of birth', values: (s) => (s.born ? [s.born] : []) },
  credits: {
    kind: 'number',
    doc: 'how many credits they have',
    values: (s, { catalogue }) => [catalogue.creditsByStaff.get(s.id)?.length ?? 0],
  },
};

const languages = (codes: string[]): string[] => codes.flatMap((c) => [c, languageName(c)]);

const releaseFields: Record<string, FieldDef<Release>> = {
  id: text('the id', (r) => [r.id]),
  title: text('edition title', (r) => [r.title]),
  format: { ...text('vhs, laserdisc, dvd, blu-ray, uhd-blu-ray or digital', (r) => [r.format]), choices: () => FORMATS },
  country: { ...text('country code (ISO 3166, such as JP, US or GB)', (r) => [r.country]), choices: regionCodes },
  publisher: text('publisher or distributor', (r) => [r.publisher, r.distributor]),
  status: { ...text('in-print, out-of-print or announced', (r) => [r.status]), choices: () => STATUSES },
  region: { ...text('disc region: 0 to 8 (DVD), A, B or C (Blu-ray), or free', (r) => r.region?.split('/') ?? []), choices: () => REGIONS },
  audio: text('audio language (code or name) or format', (r) => (r.audio ?? []).flatMap((a) => [...languages([a.language]), a.format])),
  subtitles: text('subtitle language (code or name)', (r) => languages(r.subtitles ?? [])),
  aspect: text('aspect ratio, such as 1.85:1', (r) => [r.video?.aspect_ratio]),
  released: { kind: 'date', doc: 'release date', values: (r) => (r.released ? [r.released] : []) },
  catalog: text('catalog number', (r) => [r.catalog_number]),
  barcode: text('barcode (EAN or UPC)', (r) => [r.barcode]),
  discs: { kind: 'number', doc: 'how many discs', values: (r) => (r.discs === undefined ? [] : [r.discs]) },
  runtime: { kind: 'number', doc: 'running time in minutes', values: (r) => (r.runtime === undefined ? [] : [r.runtime]) },
  standard: { ...text('NTSC or PAL', (r) => [r.video?.standard]), choices: () => ['NTSC', 'PAL'] },
  resolution: text('picture resolution, such as 1080p', (r) => [r.video?.resolution]),
  anamorphic: text('yes when the picture is anamorphic', (r) => (r.video?.anamorphic === undefined ? [] : [yesNo(r.video.anamorphic)])),
  packaging: text('packaging, such as a steelbook or a box set', (r) => [r.packaging]),
  owned: mine('text', 'yes when it is in your collection', (r) => [r.id], anyOf('owned')),
  wanted: mine('text', 'yes when it is on your wishlist', (r) => [r.id], anyOf('wanted')),
  anthology: text('the anthology, or one of its segments (id or title)', (r, cat) => {
    const work = cat.works.get(r.anthology);
    return [
      r.anthology,
      ...(work
        ? [work.anthology, ...work.anthology.segments].flatMap((w) => [...(w === work.anthology ? [] : [w.id]), ...titleForms(w)])
        : []),
    ];
  }),
};

/** The fields each kind can be queried by. */
export const FIELDS = { works: workFields, people: peopleFields, releases: releaseFields } as const;

/** Other names for fields, as fans type them. */
export const FIELD_ALIASES: Record<string, string> = { composer: 'music', directed: 'director', written: 'writer', person: 'staff' };

/** The fields a bare word (no field) looks at, per kind, in the order a match is named by. */
export const BARE: Record<SearchKind, readonly string[]> = {
  works: ['title', 'staff', 'studio'],
  people: ['name'],
  releases: ['title', 'anthology', 'publisher'],
};

/** Every field name a query may use, for suggestions and completion. */
export function allFieldNames(): string[] {
  return [...new Set([...Object.values(FIELDS).flatMap((f) => Object.keys(f)), ...Object.keys(FIELD_ALIASES)])];
}
