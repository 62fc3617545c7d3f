/**
 * The data format, as one table per record kind. The decoder, the JSON Schema for editors
 * and the field list in the docs are all derived from these tables, so they cannot drift apart.
 */

import type { Pos } from '../source/problem';
import { countryCodes, languageCodeFor, languageCodes } from '../util/names';

export type FieldType =
  | { kind: 'text' }
  | { kind: 'longtext' }
  | { kind: 'slug' }
  /** Identifier-like values that YAML would happily turn into numbers or booleans: must be quoted. */
  | {
      kind: 'code';
      pattern?: RegExp;
      hint?: string;
      /** What the user most likely meant by a value that is wrong. */
      suggest?: (written: string) => string | undefined;
      /** Every value known to be right, and what they are: another that fits the pattern is a warning. */
      known?: { codes: () => readonly string[]; what: string };
    }
  | { kind: 'int'; min: number; max: number; unit: string }
  | { kind: 'number'; min: number; max: number; step?: number }
  | { kind: 'date' }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; of: FieldType; min?: number }
  | { kind: 'record'; name: string; fields: Fields }
  | { kind: 'map' };

interface FieldSpec {
  type: FieldType;
  required?: boolean;
  doc: string;
}

export type Fields = Readonly<Record<string, FieldSpec>>;

/** The value a field of this type decodes to: enums are unions of their values. */
type ValueOf<T extends FieldType> = T extends { kind: 'int' | 'number' }
  ? number
  : T extends { kind: 'bool' }
    ? boolean
    : T extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : T extends { kind: 'list'; of: infer O extends FieldType }
        ? ValueOf<O>[]
        : T extends { kind: 'record'; fields: infer F extends Fields }
          ? RecordOf<F>
          : T extends { kind: 'map' }
            ? Record<string, string>
            : string;

type Required<F extends Fields> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The record a table of fields decodes to: required fields are present, the others may be
 * missing, and `at` is where the record starts in its file (it is not part of the data).
 */
export type RecordOf<F extends Fields> = Simplify<
  { -readonly [K in Required<F>]: ValueOf<F[K]['type']> } & {
    -readonly [K in Exclude<keyof F, Required<F>>]?: ValueOf<F[K]['type']>;
  } & { at: Pos }
>;

/** What a document with these top-level keys decodes to: a list of records under each. */
export type DocumentOf<T extends TopLevel> = { -readonly [K in keyof T]: RecordOf<T[K]['fields']>[] };

/** What could be read of a record rejected for a problem: any field, at any depth, may be missing; `at` is always known. */
type PartialOf<T> = T extends readonly (infer E)[]
  ? PartialOf<E>[]
  : T extends { at: Pos }
    ? { [K in Exclude<keyof T, 'at'>]?: PartialOf<T[K]> } & { at: Pos }
    : T;

/** The rejected records of a document, by the same keys. */
export type RejectedOf<T extends TopLevel> = { [K in keyof DocumentOf<T>]: PartialOf<DocumentOf<T>[K][number]>[] };

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The credit roles; extend with care, since queries and filmographies group by them. */
export const ROLES = [
  'director',
  'chief-director',
  'unit-director',
  'screenplay',
  'original-story',
  'music',
  'theme-music',
  'character-design',
  'animation-director',
  'key-animation',
  'art-director',
  'background-art',
  'mechanical-design',
  'cgi-director',
  'cinematography',
  'editor',
  'supervisor',
  'producer',
  'executive-producer',
] as const;

export const FORMATS = ['vhs', 'laserdisc', 'dvd', 'blu-ray', 'uhd-blu-ray', 'digital'] as const;
export const STATUSES = ['in-print', 'out-of-print', 'announced'] as const;
/** How an anthology first came out: not every one is a theatrical film. */
export const MEDIA = ['film', 'direct-to-video', 'tv', 'web', 'streaming'] as const;
/** Disc regions: DVD's 0 (all) to 8, Blu-ray's A to C, and region-free. A disc may carry several ("2/4"). */
export const REGIONS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', 'A', 'B', 'C', 'free'] as const;

// The tables keep their literal types (as const), from which the record types are derived.
const text = (doc: string) => ({ type: { kind: 'text' }, doc }) as const satisfies FieldSpec;
const requiredText = (doc: string) => ({ ...text(doc), required: true }) as const satisfies FieldSpec;
const texts = (doc: string) => ({ type: { kind: 'list', of: { kind: 'text' } }, doc }) as const satisfies FieldSpec;
const minutes = (doc: string) => ({ type: { kind: 'int', min: 1, max: 2000, unit: 'minutes' }, doc }) as const satisfies FieldSpec;
const date = (doc: string) => ({ type: { kind: 'date' }, doc }) as const satisfies FieldSpec;
const language = {
  kind: 'code',
  pattern: /^[a-z]{2}$/,
  hint: 'a two-letter ISO 639-1 code such as "ja" or "en"',
  suggest: languageCodeFor,
  known: { codes: languageCodes, what: 'an ISO 639-1 code' },
} as const satisfies FieldType;

const common = {
  id: { type: { kind: 'slug' }, required: true, doc: 'Unique id: lower-case letters and digits joined by single hyphens.' },
  sources: texts('Where the facts come from: URLs or citations.'),
  links: { type: { kind: 'map' }, doc: 'Other databases: site name to id or URL (anidb, ann, mal, imdb, wikipedia, ...).' },
  notes: { type: { kind: 'longtext' }, doc: 'Caveats, uncertain or conflicting facts, in prose.' },
} as const satisfies Fields;

const credit = {
  kind: 'record',
  name: 'credit',
  fields: {
    role: { type: { kind: 'enum', values: ROLES }, required: true, doc: 'What the person did.' },
    staff: { type: { kind: 'slug' }, required: true, doc: 'The id of a staff record.' },
    note: text('A qualification, such as "opening and ending titles".'),
  },
} as const satisfies FieldType;

const workFields = {
  ...common,
  title: requiredText('English title.'),
  native_title: text('Title in its original script.'),
  romaji_title: text('Romanized original title.'),
  alt_titles: texts('Other titles it is known by.'),
  runtime: minutes('Running time in minutes.'),
  studios: texts('Animation studios.'),
  credits: { type: { kind: 'list', of: credit }, doc: 'Who did what.' },
  synopsis: { type: { kind: 'longtext' }, doc: 'A short synopsis, in our own words.' },
} as const satisfies Fields;

export const segmentFields = workFields;

export const anthologyFields = {
  ...workFields,
  year: { type: { kind: 'int', min: 1900, max: 2100, unit: 'a year' }, required: true, doc: 'Year of first release.' },
  released: date('Date of first release.'),
  segments: {
    type: { kind: 'list', of: { kind: 'record', name: 'segment', fields: segmentFields }, min: 1 },
    required: true,
    doc: 'The segments, in running order.',
  },
  medium: {
    type: { kind: 'enum', values: MEDIA },
    doc: 'How it first came out: film (in cinemas), direct-to-video, tv, web or streaming.',
  },
  tags: texts('Free-form tags.'),
} as const satisfies Fields;

export const staffFields = {
  ...common,
  name: requiredText('Romanized name, given name first ("Katsuhiro Otomo").'),
  native_name: text('Name in its original script ("大友克洋").'),
  aliases: texts('Other spellings and names.'),
  former_ids: {
    type: { kind: 'list', of: { kind: 'slug' } },
    doc: 'Ids the person had before: references and REFs of them still find the person.',
  },
  born: date('Date of birth.'),
} as const satisfies Fields;

export const releaseFields = {
  ...common,
  anthology: { type: { kind: 'slug' }, required: true, doc: 'The id of the anthology on the release.' },
  title: text('Edition title.'),
  format: { type: { kind: 'enum', values: FORMATS }, required: true, doc: 'Physical or digital format.' },
  country: {
    type: {
      kind: 'code',
      pattern: /^[A-Z]{2}$/,
      hint: 'a two-letter ISO 3166-1 code such as "US" or "JP"',
      suggest: (written) => (written.toUpperCase() === 'UK' ? 'GB' : undefined),
      known: { codes: countryCodes, what: 'an ISO 3166-1 country code' },
    },
    required: true,
    doc: 'Country of release (ISO 3166-1 alpha-2).',
  },
  region: {
    type: {
      kind: 'code',
      pattern: /^(free|[0-8](\/[0-8])*|[ABC](\/[ABC])*)$/,
      hint: 'a disc region: "0" to "8" for DVD, "A", "B" or "C" for Blu-ray, several joined by "/" ("2/4"), or "free"',
    },
    doc: 'Disc region: "0" to "8" for DVD, "A", "B" or "C" for Blu-ray, several joined by "/" ("2/4"), or "free".',
  },
  publisher: requiredText('Publisher (home-video label).'),
  distributor: text('Distributor, where it differs from the publisher.'),
  released: date('Release date.'),
  catalog_number: { type: { kind: 'code' }, doc: 'Catalog number, exactly as printed.' },
  barcode: { type: { kind: 'code', pattern: /^[0-9]{8,14}$/, hint: 'the 8 to 14 digits of the UPC/EAN' }, doc: 'UPC or EAN.' },
  discs: { type: { kind: 'int', min: 1, max: 100, unit: 'discs' }, doc: 'Number of discs.' },
  runtime: minutes('Running time listed on the release.'),
  video: {
    type: {
      kind: 'record',
      name: 'video',
      fields: {
        aspect_ratio: {
          type: { kind: 'code', pattern: /^\d+(\.\d+)?:1$/, hint: 'a ratio such as "1.85:1"' },
          doc: 'Picture aspect ratio.',
        },
        anamorphic: { type: { kind: 'bool' }, doc: 'Anamorphic (16:9-enhanced) picture.' },
        resolution: text('Resolution, such as 1080p or 2160p.'),
        standard: { type: { kind: 'enum', values: ['NTSC', 'PAL'] }, doc: 'Video standard.' },
        note: text('A qualification, such as "windowboxed".'),
      },
    },
    doc: 'Picture specifications.',
  },
  audio: {
    type: {
      kind: 'list',
      of: {
        kind: 'record',
        name: 'audio track',
        fields: {
          language: { type: language, required: true, doc: 'ISO 639-1 language code.' },
          format: text('Encoding and channels, such as "Dolby Digital 5.1".'),
          note: text('A qualification, such as "2023 English dub".'),
        },
      },
    },
    doc: 'Audio tracks.',
  },
  subtitles: { type: { kind: 'list', of: language }, doc: 'Subtitle languages (ISO 639-1 codes).' },
  extras: texts('Bonus features.'),
  packaging: text('Packaging, such as "slipcase" or "LD-sized box".'),
  price: text('List price as published, with its currency: "$26.96", "¥10,290".'),
  status: { type: { kind: 'enum', values: STATUSES }, doc: 'Availability.' },
} as const satisfies Fields;

const reviewFields = {
  ...common,
  subject: { type: { kind: 'slug' }, required: true, doc: 'The id of the anthology or segment reviewed.' },
  author: requiredText('Who wrote the review.'),
  date: date('When it was written.'),
  rating: { type: { kind: 'number', min: 0, max: 10, step: 0.5 }, doc: 'Rating from 0 to 10, in half points.' },
  title: text('Headline.'),
  text: { type: { kind: 'longtext' }, required: true, doc: 'The review; paragraphs separated by blank lines, *emphasis* allowed.' },
  url: text('Where it was first published.'),
} as const satisfies Fields;

/** The top-level keys of a data file and the record each list holds. */
export const topLevel = {
  anthologies: { name: 'anthology', fields: anthologyFields },
  staff: { name: 'staff record', fields: staffFields },
  releases: { name: 'release', fields: releaseFields },
  reviews: { name: 'review', fields: reviewFields },
} as const satisfies TopLevel;

const collectionItem = (what: string) =>
  ({
    release: { type: { kind: 'slug' }, required: true, doc: `The id of the release ${what}.` },
    note: text('A note of your own, such as where it came from.'),
    added: date('When it was added.'),
  }) as const satisfies Fields;

/** The top-level keys of the user's collection file. */
export const collectionTopLevel = {
  owned: { name: 'owned release', fields: collectionItem('you own') },
  wanted: { name: 'wanted release', fields: collectionItem('you want') },
  viewings: {
    name: 'viewing',
    fields: {
      work: { type: { kind: 'slug' }, required: true, doc: 'The id of the anthology or segment watched.' },
      date: date('When you watched it.'),
      rating: { type: { kind: 'number', min: 0, max: 10, step: 0.5 }, doc: 'Your rating, 0 to 10 in half points.' },
      note: text('A note of your own.'),
    },
  },
} as const satisfies TopLevel;

/** A table of top-level keys and the records each list holds. */
export type TopLevel = Readonly<Record<string, { readonly name: string; readonly fields: Fields }>>;
