import type { Catalogue } from '../../catalogue/catalogue';
import type { SegmentRef } from '../../catalogue/types';
import { renderJson } from '../../render/json';
import { renderAnthologyTable, renderReleaseTable, renderSegmentTable, renderStaffTable } from '../../render/records';
import type { View } from '../../render/view';
import type { Context } from '../context';
import { EXIT } from '../errors';

export interface TableOptions {
  json: boolean;
}

/** One table command: which records it lists, in what order, and how they print. */
export interface TableCommand<T> {
  name: string;
  summary: string;
  example: string;
  rows(cat: Catalogue): T[];
  render(cat: Catalogue, rows: T[], view: View): string;
  json(rows: T[]): unknown;
}

const byTitle = (a: { title: string }, b: { title: string }): number => a.title.localeCompare(b.title);

export const listCommand: TableCommand<Catalogue['anthologies'][number]> = {
  name: 'list',
  summary: 'List the anthologies: title, year, segments, directors, studios',
  example: 'memories list',
  rows: (cat) => [...cat.anthologies].sort((a, b) => (a.released ?? String(a.year)).localeCompare(b.released ?? String(b.year)) || byTitle(a, b)),
  render: renderAnthologyTable,
  json: (rows) => rows,
};

export const segmentsCommand: TableCommand<SegmentRef> = {
  name: 'segments',
  summary: 'List every segment of every anthology, in running order',
  example: 'memories segments',
  rows: (cat) =>
    listCommand.rows(cat).flatMap((anthology) => anthology.segments.map((segment, i): SegmentRef => ({ kind: 'segment', segment, anthology, number: i + 1 }))),
  render: renderSegmentTable,
  json: (rows) => rows.map((r) => ({ anthology: r.anthology.id, number: r.number, ...r.segment })),
};

export const staffCommand: TableCommand<Catalogue['staff'][number]> = {
  name: 'staff',
  summary: 'List the people credited, with how many credits each has',
  example: 'memories staff',
  rows: (cat) => [...cat.staff].sort((a, b) => a.name.localeCompare(b.name)),
  render: renderStaffTable,
  json: (rows) => rows,
};

export const releasesCommand: TableCommand<Catalogue['releases'][number]> = {
  name: 'releases',
  summary: 'List the home-video releases: format, country and region, publisher, date, status',
  example: 'memories releases',
  rows: (cat) => {
    const order = new Map(listCommand.rows(cat).map((a, i) => [a.id, i]));
    return [...cat.releases].sort((a, b) => order.get(a.anthology)! - order.get(b.anthology)! || (a.released ?? '9999').localeCompare(b.released ?? '9999'));
  },
  render: renderReleaseTable,
  json: (rows) => rows,
};

export const tableCommands = [listCommand, segmentsCommand, staffCommand, releasesCommand] as const;

/** Turn commander's flags into options. */
export function tableOptions(flags: Record<string, unknown>): TableOptions {
  return { json: flags.json === true };
}

/** Print the table (or JSON); an empty result is still a success. */
export function runTable<T>(command: TableCommand<T>, ctx: Context, options: TableOptions): number {
  const cat = ctx.catalogue();
  const rows = command.rows(cat);
  ctx.io.stdout.write(options.json ? renderJson(command.json(rows)) : command.render(cat, rows, ctx.out));
  return EXIT.ok;
}
