import { didYouMean } from '../util/closest';
import { FIELD_ALIASES, allFieldNames } from './fields';
import { own } from '../util/own';

/** One search term: `word`, `field:value`, `field:=value`, `field:lo..hi`, any of them negated with `^`. */
export interface Term {
  raw: string;
  field?: string;
  negate: boolean;
  op: 'match' | 'exact' | 'range';
  value: string;
  lo?: string | undefined;
  hi?: string | undefined;
}

/** Terms in a group must all match; a query matches when any group does (groups are split by ","). */
export interface Query {
  groups: Term[][];
}

/** A query the user must fix: what is wrong, with the offending term. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly term: string,
  ) {
    super(message);
  }
}

/** Split an argument like a shell would: spaces separate, quotes group, "," stands alone. */
export function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (const ch of input) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/u.test(ch) || ch === ',') {
      if (started) tokens.push(current);
      if (ch === ',') tokens.push(',');
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new QueryError(`a quote (${quote}) is not closed`, input);
  if (started) tokens.push(current);
  return tokens;
}

const RANGE = /^(.*?)\.\.(.*)$/;

function parseTerm(token: string): Term {
  const negate = token.startsWith('^');
  const body = negate ? token.slice(1) : token;
  const colon = body.search(/:/);
  // A colon inside a value ("1.85:1") only counts as a field separator after a plausible field name.
  const name = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
  if (colon <= 0 || !/^[a-z][a-z-]*$/.test(name)) {
    if (body === '') throw new QueryError('"^" needs a term after it, as in ^otomo', token);
    return { raw: token, negate, op: 'match', value: body };
  }
  const known = allFieldNames();
  if (!known.includes(name)) {
    throw new QueryError(`unknown field "${name}"${didYouMean(name, known)}; run memories fields to list them`, token);
  }
  const field = own(FIELD_ALIASES, name) ?? name;
  let value = body.slice(colon + 1);
  if (value.startsWith('=')) {
    value = value.slice(1);
    if (value === '') throw new QueryError(`"${token}" needs a value after "=", as in ${name}:=value`, token);
    return { raw: token, field, negate, op: 'exact', value };
  }
  if (value === '') throw new QueryError(`"${token}" needs a value, as in ${name}:something`, token);
  const range = RANGE.exec(value);
  if (range) {
    const [, lo, hi] = range;
    if (lo === '' && hi === '') throw new QueryError(`"${token}": a range needs at least one end, as in ${name}:1987..1995`, token);
    return { raw: token, field, negate, op: 'range', value, lo: lo || undefined, hi: hi || undefined };
  }
  return { raw: token, field, negate, op: 'match', value };
}

/**
 * The tokens of one argument: split like a shell would, except an exact term the shell has
 * already made one argument of, which stays whole: `music:="yoko kanno"` typed in a shell
 * arrives as `music:=yoko kanno`, and means the whole name.
 */
function splitArgument(arg: string): string[] {
  return /^\^?[a-z][a-z-]*:=[^"',]*\s/.test(arg) ? [arg.trim()] : tokenize(arg);
}

/** Parse the words of a query (each argument is split like a shell would) into groups of terms. */
export function parseQuery(args: readonly string[]): Query {
  const groups: Term[][] = [[]];
  for (const token of args.flatMap(splitArgument)) {
    if (token === ',') groups.push([]);
    else groups[groups.length - 1]!.push(parseTerm(token));
  }
  if (groups.length > 1 && groups.some((g) => g.length === 0)) {
    throw new QueryError('"," separates alternatives and needs terms on both sides, as in kanno , hisaishi', ',');
  }
  return { groups: groups.filter((g) => g.length > 0) };
}
