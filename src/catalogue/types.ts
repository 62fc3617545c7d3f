import type { Pos } from '../source/problem';

/** Fields every record may carry. `at` is where the record starts; it is not part of the data. */
export interface Common {
  id: string;
  sources?: string[];
  links?: Record<string, string>;
  notes?: string;
  at: Pos;
}

export interface Credit {
  role: string;
  staff: string;
  note?: string;
  at: Pos;
}

export interface Titles {
  title: string;
  native_title?: string;
  romaji_title?: string;
  alt_titles?: string[];
}

export interface Segment extends Common, Titles {
  runtime?: number;
  studios?: string[];
  credits?: Credit[];
  synopsis?: string;
}

export interface Anthology extends Common, Titles {
  year: number;
  released?: string;
  runtime?: number;
  studios?: string[];
  credits?: Credit[];
  segments: Segment[];
  synopsis?: string;
  medium?: string;
  tags?: string[];
}

export interface Staff extends Common {
  name: string;
  native_name?: string;
  aliases?: string[];
  former_ids?: string[];
  born?: string;
}

export interface AudioTrack {
  language: string;
  format?: string;
  note?: string;
}

interface Video {
  aspect_ratio?: string;
  anamorphic?: boolean;
  resolution?: string;
  standard?: string;
  note?: string;
}

export interface Release extends Common {
  anthology: string;
  title?: string;
  format: string;
  country: string;
  region?: string;
  publisher: string;
  distributor?: string;
  released?: string;
  catalog_number?: string;
  barcode?: string;
  discs?: number;
  runtime?: number;
  video?: Video;
  audio?: AudioTrack[];
  subtitles?: string[];
  extras?: string[];
  packaging?: string;
  price?: string;
  status?: string;
}

export interface Review extends Common {
  subject: string;
  author: string;
  date?: string;
  rating?: number;
  title?: string;
  text: string;
  url?: string;
}

/** The four kinds of top-level record, by the key that holds them in a data file. */
export interface RecordsByKind {
  anthologies: Anthology[];
  staff: Staff[];
  releases: Release[];
  reviews: Review[];
  /**
   * What could be read of the records a file holds that were rejected for a problem: they stay
   * out of the catalogue, but their references are checked too, so that validate reports every
   * problem in one run. Partial: any field may be missing.
   */
  rejected?: RecordsByKind;
}

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
