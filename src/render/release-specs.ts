import type { AudioTrack, Release } from '../catalogue/types';
import type { Library } from '../catalogue/catalogue';
import { holding } from '../catalogue/collection';
import { anthologyTitle } from '../catalogue/credits';
import type { SpecKey } from '../query/compare';
import { countryName, languageName } from './layout';

const FORMAT_LABELS: Record<string, string> = {
  vhs: 'VHS',
  laserdisc: 'LaserDisc',
  dvd: 'DVD',
  'blu-ray': 'Blu-ray',
  'uhd-blu-ray': '4K Ultra HD Blu-ray',
  digital: 'Digital',
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format;
}

const yesNo = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'yes' : 'no');

const list = (items: readonly string[] | undefined): string | undefined => (items?.length ? items.join('; ') : undefined);

/** How each spec compared (query/compare.ts) is labelled and printed, by `show` and `compare` alike. */
export const SPEC_TEXT: Record<SpecKey, [label: string, text: (r: Release, library: Library) => string | undefined]> = {
  anthology: ['Anthology', (r, { catalogue }) => anthologyTitle(catalogue, r.anthology)],
  edition: ['Edition', (r) => r.title],
  format: ['Format', (r) => formatLabel(r.format)],
  country: ['Country', (r) => `${countryName(r.country)} (${r.country})`],
  region: ['Region', (r) => r.region],
  publisher: ['Publisher', (r) => r.publisher],
  distributor: ['Distributor', (r) => r.distributor],
  released: ['Released', (r) => r.released],
  catalog_number: ['Catalog no.', (r) => r.catalog_number],
  barcode: ['Barcode', (r) => r.barcode],
  discs: ['Discs', (r) => (r.discs === undefined ? undefined : String(r.discs))],
  runtime: ['Runtime', (r) => (r.runtime === undefined ? undefined : `${r.runtime} min`)],
  packaging: ['Packaging', (r) => r.packaging],
  price: ['Price', (r) => r.price],
  status: ['Status', (r) => r.status],
  aspect_ratio: ['Aspect ratio', (r) => r.video?.aspect_ratio],
  anamorphic: ['Anamorphic', (r) => yesNo(r.video?.anamorphic)],
  resolution: ['Resolution', (r) => r.video?.resolution],
  standard: ['Standard', (r) => r.video?.standard],
  picture_note: ['Picture note', (r) => r.video?.note],
  audio: ['Audio', (r) => list(r.audio?.map(audioLine))],
  subtitles: ['Subtitles', (r) => list(r.subtitles?.map(languageName))],
  extras: ['Extras', (r) => list(r.extras)],
  collection: ['In your collection', (r, { collection }) => holding(collection, r.id)],
};

/** The edition, as `show` lists it: what it is, who put it out and when, and how it comes. */
export const EDITION_SPECS: readonly SpecKey[] = [
  'edition',
  'format',
  'country',
  'region',
  'publisher',
  'distributor',
  'released',
  'catalog_number',
  'barcode',
  'discs',
  'runtime',
  'packaging',
  'price',
  'status',
];

/** The picture. */
export const PICTURE_SPECS: readonly SpecKey[] = ['aspect_ratio', 'anamorphic', 'resolution', 'standard', 'picture_note'];

/** "Japanese, Dolby Digital 5.1, 2023 dub": one audio track on one line. */
export function audioLine(t: AudioTrack): string {
  return [languageName(t.language), t.format, t.note].filter(Boolean).join(', ');
}
