import type { Library } from '../catalogue/catalogue';
import { holding } from '../catalogue/collection';
import type { Release } from '../catalogue/types';

/**
 * Which specs of a set of releases differ, judged on the recorded values rather than on how
 * they print: render/compare.ts labels and formats them. A value is a string, a number, a
 * yes/no or a list of those (an audio track is its language, format and note), so that two
 * values are the same exactly when their JSON is.
 */
type Raw = string | number | boolean | readonly (string | readonly string[])[];

const some = <T>(items: readonly T[] | undefined): readonly T[] | undefined => (items?.length ? items : undefined);

/** Every spec a collector compares, in reading order: the edition, the picture, the lists and the collection. */
const COMPARED_SPECS = {
  // By id: two anthologies of one title are still two.
  anthology: (r) => r.anthology,
  edition: (r) => r.title,
  format: (r) => r.format,
  country: (r) => r.country,
  region: (r) => r.region,
  publisher: (r) => r.publisher,
  distributor: (r) => r.distributor,
  released: (r) => r.released,
  catalog_number: (r) => r.catalog_number,
  barcode: (r) => r.barcode,
  discs: (r) => r.discs,
  runtime: (r) => r.runtime,
  packaging: (r) => r.packaging,
  price: (r) => r.price,
  status: (r) => r.status,
  aspect_ratio: (r) => r.video?.aspect_ratio,
  anamorphic: (r) => r.video?.anamorphic,
  resolution: (r) => r.video?.resolution,
  standard: (r) => r.video?.standard,
  picture_note: (r) => r.video?.note,
  audio: (r) => some(r.audio?.map((t) => [t.language, t.format ?? '', t.note ?? ''])),
  subtitles: (r) => some(r.subtitles),
  extras: (r) => some(r.extras),
  collection: (r, { collection }) => holding(collection, r.id),
} as const satisfies Record<string, (r: Release, library: Library) => Raw | undefined>;

export type SpecKey = keyof typeof COMPARED_SPECS;

/** The specs any of the releases has, in reading order, each with whether their values differ (one without it counts as different). */
export function compareSpecs(library: Library, releases: readonly Release[]): { key: SpecKey; differs: boolean }[] {
  return (Object.keys(COMPARED_SPECS) as SpecKey[]).flatMap((key) => {
    const values = releases.map((r) => {
      const value: Raw | undefined = COMPARED_SPECS[key](r, library);
      return value === undefined ? '' : JSON.stringify(value);
    });
    return values.some((v) => v !== '') ? [{ key, differs: new Set(values).size > 1 }] : [];
  });
}
