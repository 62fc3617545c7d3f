import { renderFields, section } from './layout';
import type { View } from './view';

/** The query fields of each kind, with their value type and meaning, then the aliases. */
export function renderFieldList(kinds: [string, [string, string, string][]][], aliases: Record<string, string>, view: View): string {
  const body = kinds
    .map(([kind, fields]) =>
      section(
        kind,
        renderFields(
          fields.map(([name, type, doc]) => [name, type === 'text' ? doc : `${doc} (${type}; ranges: a..b, ..b, a..)`]),
          view,
          '  ',
        ),
        view,
      ),
    )
    .join('');
  const aliasText = Object.entries(aliases)
    .map(([from, to]) => `  ${from} = ${to}\n`)
    .join('');
  return `${body.replace(/^\n/, '')}${section('aliases', aliasText, view)}`;
}
