import { escapeLine } from '../../render/escape';
import { FIELD_ALIASES, FIELDS } from '../../query/fields';
import type { FieldDef, SearchKind } from '../../query/fields';
import { renderFieldList } from '../../render/fields';
import { renderJson } from '../../render/json';
import { didYouMean } from '../../util/closest';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import { defineCommand, withExamples } from './command';

const KINDS = Object.keys(FIELDS) as SearchKind[];

interface FieldsOptions {
  kinds: SearchKind[];
  json: boolean;
}

export const fields = defineCommand(
  'fields',
  (command) =>
    withExamples(
      command
        .argument('[kind]', 'works, people or releases', kindArgument)
        .description('List the fields a query can use, per kind')
        .option('--json', 'print the fields as JSON'),
      ['memories fields', 'memories fields releases', 'memories fields --json'],
    ),
  ([kind], flags): FieldsOptions => ({ kinds: kind === undefined ? KINDS : [kind], json: flags.json === true }),
  runFields,
);

function kindArgument(kind: string): SearchKind {
  const found = KINDS.find((k) => k === kind);
  if (found === undefined) throw usageError(`no kind "${escapeLine(kind)}"${didYouMean(kind, KINDS)}; kinds are ${KINDS.join(', ')}`);
  return found;
}

/** `memories fields [KIND]`: every field a query can use, per kind. */
function runFields(ctx: Context, { kinds, json }: FieldsOptions): number {
  // Only the aliases of fields these kinds have: releases have no composer.
  const aliases = Object.fromEntries(Object.entries(FIELD_ALIASES).filter(([, to]) => kinds.some((k) => Object.hasOwn(FIELDS[k], to))));
  const list = kinds.map((k): [SearchKind, [string, string, string][]] => [
    k,
    Object.entries(FIELDS[k] as Record<string, FieldDef<unknown>>).map(([name, def]) => [name, def.kind, def.doc]),
  ]);
  if (json) {
    const shape = Object.fromEntries(
      list.map(([k, defs]) => [k, Object.fromEntries(defs.map(([name, type, doc]) => [name, { type, doc }]))]),
    );
    ctx.write(renderJson({ ...shape, aliases }));
  } else ctx.write(renderFieldList(list, aliases, ctx.out));
  return EXIT.ok;
}
