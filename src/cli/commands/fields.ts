import { FIELD_ALIASES, FIELDS } from '../../query/fields';
import type { SearchKind } from '../../query/fields';
import { renderFieldList } from '../../render/fields';
import { didYouMean } from '../../util/closest';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';

const KINDS = Object.keys(FIELDS) as SearchKind[];

/** `memories fields [KIND]`: every field a query can use, per kind. */
export function runFields(ctx: Context, kind: string | undefined): number {
  if (kind !== undefined && !(KINDS as string[]).includes(kind)) {
    throw usageError(`no kind "${kind}"${didYouMean(kind, KINDS)}; kinds are ${KINDS.join(', ')}`);
  }
  const kinds = kind === undefined ? KINDS : [kind as SearchKind];
  ctx.write(renderFieldList(kinds.map((k) => [k, Object.entries(FIELDS[k]).map(([name, def]) => [name, def.kind, def.doc])]), FIELD_ALIASES, ctx.out));
  return EXIT.ok;
}
