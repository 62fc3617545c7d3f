import type { AudioTrack, Release } from '../catalogue/types';
import { countryName, languageName } from './layout';

/** A spec of a release, as `show` and `compare` label and print it. */
export interface ReleaseSpec {
  label: string;
  value: (r: Release) => string | undefined;
}

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

/** The edition: what it is, who put it out and when, and how it comes. */
export const EDITION_SPECS: readonly ReleaseSpec[] = [
  { label: 'Edition', value: (r) => r.title },
  { label: 'Format', value: (r) => formatLabel(r.format) },
  { label: 'Country', value: (r) => `${countryName(r.country)} (${r.country})` },
  { label: 'Region', value: (r) => r.region },
  { label: 'Publisher', value: (r) => r.publisher },
  { label: 'Distributor', value: (r) => r.distributor },
  { label: 'Released', value: (r) => r.released },
  { label: 'Catalog no.', value: (r) => r.catalog_number },
  { label: 'Barcode', value: (r) => r.barcode },
  { label: 'Discs', value: (r) => (r.discs === undefined ? undefined : String(r.discs)) },
  { label: 'Runtime', value: (r) => (r.runtime === undefined ? undefined : `${r.runtime} min`) },
  { label: 'Packaging', value: (r) => r.packaging },
  { label: 'Price', value: (r) => r.price },
  { label: 'Status', value: (r) => r.status },
];

/** The picture. */
export const PICTURE_SPECS: readonly ReleaseSpec[] = [
  { label: 'Aspect ratio', value: (r) => r.video?.aspect_ratio },
  { label: 'Anamorphic', value: (r) => yesNo(r.video?.anamorphic) },
  { label: 'Resolution', value: (r) => r.video?.resolution },
  { label: 'Standard', value: (r) => r.video?.standard },
  { label: 'Picture note', value: (r) => r.video?.note },
];

/** "Japanese, Dolby Digital 5.1, 2023 dub": one audio track on one line. */
export function audioLine(t: AudioTrack): string {
  return [languageName(t.language), t.format, t.note].filter(Boolean).join(', ');
}
