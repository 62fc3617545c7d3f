import type { DocumentOf, RecordOf, RejectedOf } from './schema';
import type { anthologyFields, releaseFields, segmentFields, staffFields, topLevel } from './schema';

// The records are the types of the schema's tables (src/catalogue/schema.ts): a field added
// there is a field here, and an enum is the union of its values.
export type Anthology = RecordOf<typeof anthologyFields>;
export type Segment = RecordOf<typeof segmentFields>;
export type Staff = RecordOf<typeof staffFields>;
export type Release = RecordOf<typeof releaseFields>;
export type Review = DocumentOf<typeof topLevel>['reviews'][number];
export type Credit = NonNullable<Segment['credits']>[number];
export type AudioTrack = NonNullable<Release['audio']>[number];

/** Fields every record may carry. */
export type Common = Pick<Staff, 'id' | 'sources' | 'links' | 'notes' | 'at'>;

/** The titles of a work or an edition. */
export type Titles = Pick<Segment, 'title' | 'native_title' | 'romaji_title' | 'alt_titles'>;

/** The four kinds of top-level record, by the key that holds them in a data file. */
export type RecordsByKind = DocumentOf<typeof topLevel> & {
  /**
   * What could be read of the records a file holds that were rejected for a problem: they stay
   * out of the catalogue, but their references are checked too, so that validate reports every
   * problem in one run. Partial: any field may be missing.
   */
  rejected?: Rejected;
};

/** What could be read of a file's rejected records, by kind: any field may be missing. */
export type Rejected = RejectedOf<typeof topLevel>;

/** A segment together with the anthology it belongs to and its place in the running order. */
export interface SegmentRef {
  kind: 'segment';
  segment: Segment;
  anthology: Anthology;
  number: number;
}

interface AnthologyRef {
  kind: 'anthology';
  anthology: Anthology;
}

/** A work is anything that can be credited or reviewed: an anthology or one of its segments. */
export type Work = AnthologyRef | SegmentRef;
