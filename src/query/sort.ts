import type { Library } from '../catalogue/catalogue';
import { didYouMean } from '../util/closest';
import type { FieldDef, SearchKind } from './fields';
import { FIELD_ALIASES, FIELDS } from './fields';
import { compareText } from './fold';
import { QueryError } from './parse';
import { own } from '../util/own';

interface SortKey {
  field: string;
  descending: boolean;
}

/** Parse `--sort year,title-`: fields of the kind, "-" at the end for descending. */
/** Column names (render/records.ts) that are not field names, and the field each sorts by. */
const COLUMN_FIELDS: Record<string, string> = { directors: 'director', studios: 'studio' };

export function parseSort(spec: string, kind: SearchKind): SortKey[] {
  const fields = FIELDS[kind];
  return spec
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((part) => {
      const p = part.trim();
      const descending = p.endsWith('-');
      const name = (descending ? p.slice(0, -1) : p).toLowerCase();
      // A table's column names sort too where they name a field's values: directors, studios.
      const field = own(FIELD_ALIASES, name) ?? own(COLUMN_FIELDS, name) ?? name;
      if (!Object.hasOwn(fields, field)) {
        throw new QueryError(`cannot sort ${kind} by "${name}"${didYouMean(name, Object.keys(fields))}; run memories fields ${kind}`, part);
      }
      return { field, descending };
    });
}

/** Sort items by the first value of each key's field; items without a value go last. Stable. */
export function sortItems<R, T>(rows: R[], subject: (row: R) => T, keys: SortKey[], kind: SearchKind, library: Library): R[] {
  if (keys.length === 0) return rows;
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const keyed = rows.map((row) => ({ row, values: keys.map((k) => fields[k.field]!.values(subject(row), library)[0]) }));
  keyed.sort((a, b) => {
    for (const [i, k] of keys.entries()) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}
