/**
 * `table[key]` for a key the user typed, only when the table itself has it: a plain object
 * also answers "constructor", "toString" and "__proto__" from its prototype.
 */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
