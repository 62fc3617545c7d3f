import { FIELD_ALIASES, FIELDS } from '../../query/fields';
import type { FieldDef, SearchKind } from '../../query/fields';
import { renderFieldList } from '../../render/fields';
import { renderJson } from '../../render/json';
import { didYouMean } from '../../util/closest';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';

const KINDS = Object.keys(FIELDS) as SearchKind[];

/** `memories fields [KIND]`: every field a query can use, per kind. */
export function runFields(ctx: Context, kind: string | undefined, json = false): number {
  if (kind !== undefined && !(KINDS as string[]).includes(kind)) {
    throw usageError(`no kind "${kind}"${didYouMean(kind, KINDS)}; kinds are ${KINDS.join(', ')}`);
  }
  const kinds = kind === undefined ? KINDS : [kind as SearchKind];
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
