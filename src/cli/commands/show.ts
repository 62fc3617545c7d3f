import { Option } from '@commander-js/extra-typings';
import type { Catalogue, Library } from '../../catalogue/catalogue';
import { ROLES } from '../../catalogue/schema';
import { renderJson } from '../../render/json';
import { renderAnthology, renderRelease, renderSegment, renderStaff } from '../../render/show';
import type { RoleFilter } from '../../render/show';
import { FIELD_ALIASES, FIELDS } from '../../query/fields';
import type { FieldDef } from '../../query/fields';
import { escapeLine } from '../../render/escape';
import type { Target } from '../../query/resolve';
import type { View } from '../../render/view';
import { didYouMean } from '../../util/closest';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import { findStored, resolveOrFail } from './resolve';
import { TABLE_VIEWS } from '../../render/records';
import { defineCommand, withExamples } from './command';

export interface ShowOptions {
  ref: string;
  /** --role: the name given, and the roles it takes in (director also takes chief director, as director: does). */
  role?: RoleFilter | undefined;
  json: boolean;
}

/** What --role takes: a role, or a query's field of roles or its alias. */
const ROLE_WORDS: readonly string[] = [...ROLES, 'composer', 'writer'];

export const show = defineCommand(
  'show',
  (command) =>
    withExamples(
      command
        .argument('<ref>', 'an id, a title or name in any of its forms, or a unique prefix')
        .description('Show an anthology, a segment, a person (their filmography) or a release in full')
        // The choices are for help and completion; roleFilter checks the value, with a did-you-mean.
        .addOption(new Option('--role <role>', 'with a person: only credits in this role').choices(ROLE_WORDS).argParser(roleFilter))
        .option('--json', 'print the record as JSON'),
      [
        'memories show memories',
        'memories show "magnetic rose"',
        'memories show 大友克洋',
        'memories show koji-morimoto --role director',
        'memories show memories-us-dvd-2004',
      ],
    ),
  ([ref], flags): ShowOptions => ({ ref, role: flags.role, json: flags.json === true }),
  runShow,
);

/** A --role value as a query's field names it: a role, or a field of roles (director, music, writer) and their aliases (composer). */
function roleFilter(given: string): RoleFilter {
  const name = FIELD_ALIASES[given] ?? given;
  const def = Object.hasOwn(FIELDS.works, name) ? (FIELDS.works as Record<string, FieldDef<unknown>>)[name] : undefined;
  if (def?.credits?.roles) return { label: given, roles: def.credits.roles };
  if ((ROLES as readonly string[]).includes(name)) return { label: name, roles: [name] };
  throw usageError(`--role cannot be "${escapeLine(given)}"${didYouMean(given, ROLE_WORDS)}; roles are: ${ROLE_WORDS.join(', ')}`);
}

function renderTarget(library: Library, t: Target, view: View, role?: RoleFilter): string {
  switch (t.kind) {
    case 'work':
      return t.work.kind === 'anthology' ? renderAnthology(library, t.work.anthology, view) : renderSegment(library, t.work, view);
    case 'staff':
      return renderStaff(library.catalogue, t.staff, view, role);
    case 'release':
      return renderRelease(library, t.release, view);
  }
}

/** The JSON of a target: the record, plus what `show` adds to it (a person's credits, a work's releases). */
function targetJson(cat: Catalogue, t: Target, role?: RoleFilter): unknown {
  switch (t.kind) {
    case 'work':
      if (t.work.kind === 'anthology') {
        return { kind: 'anthology', anthology: t.work.anthology, releases: cat.releasesByAnthology.get(t.id) ?? [] };
      }
      return { kind: 'segment', anthology: t.work.anthology.id, number: t.work.number, segment: t.work.segment };
    case 'staff':
      return {
        kind: 'staff',
        staff: t.staff,
        credits: (cat.creditsByStaff.get(t.id) ?? [])
          .filter((c) => role === undefined || role.roles.includes(c.credit.role))
          .map(({ work, credit }) => ({
            work: work.kind === 'anthology' ? work.anthology.id : work.segment.id,
            role: credit.role,
            note: credit.note,
          })),
      };
    case 'release':
      return { kind: 'release', release: t.release };
  }
}

/** `memories show REF`: the detail view of an anthology, segment, person or release. */
function runShow(ctx: Context, options: ShowOptions): number {
  const answer = (library: Library, target: Target): string => {
    if (options.role !== undefined && target.kind !== 'staff')
      throw usageError('--role applies to a person; this REF names a work or a release');
    return options.json
      ? renderJson(targetJson(library.catalogue, target, options.role))
      : renderTarget(library, target, ctx.out, options.role);
  };
  // Warm, only the records the view prints are read; a REF that names none or several is answered from the files.
  const stored = ctx.fromStore(TABLE_VIEWS, ctx.folders, (views, { collection }) => {
    const found = findStored(views, options.ref);
    if (!found) return undefined;
    const catalogue = views.catalogueFor([found]);
    return answer({ catalogue, collection }, views.target(catalogue, found));
  });
  if (stored !== undefined) ctx.write(stored);
  else {
    const library = ctx.library();
    ctx.write(answer(library, resolveOrFail(library.catalogue, options.ref)));
  }
  return EXIT.ok;
}
