/**
 * English names of language and region codes: "Japanese" for "ja", "United Kingdom" for "GB";
 * the code itself when it has none.
 *
 * Names come from ICU (Intl.DisplayNames), whose first use loads its locale data: about 18 ms,
 * a third of a warm `compare`. So the build asks ICU once for every two-letter code and defines
 * the table it gets (MEMORIES_NAMES, esbuild.config.mjs); a run looks codes up there, and asks
 * ICU only for a code the table does not have, or when running from source (tests).
 */

type Kind = 'language' | 'region';

/** The table as JSON text: a string costs a run nothing until a name is looked up (an object literal was built in every run). */
declare const MEMORIES_NAMES: string | undefined;

let parsed: Record<Kind, Record<string, string>> | undefined;
const built = (): Record<Kind, Record<string, string>> | undefined =>
  typeof MEMORIES_NAMES === 'undefined' ? undefined : (parsed ??= JSON.parse(MEMORIES_NAMES) as Record<Kind, Record<string, string>>);
const icu: Partial<Record<Kind, Intl.DisplayNames>> = {};
const seen: Record<Kind, Map<string, string>> = { language: new Map(), region: new Map() };

function nameOf(kind: Kind, code: string): string {
  const table = built()?.[kind];
  if (table && Object.hasOwn(table, code)) return table[code]!;
  let name = seen[kind].get(code);
  if (name === undefined) {
    try {
      name = (icu[kind] ??= new Intl.DisplayNames('en', { type: kind })).of(code) ?? code;
    } catch {
      // Not a well-formed code: ICU refuses it.
      name = code;
    }
    seen[kind].set(code, name);
  }
  return name;
}

/** "Japanese" for "ja"; the code itself when unknown. */
export const languageName = (code: string): string => nameOf('language', code);

/** "United States" for "US"; the code itself when unknown. */
export const countryName = (code: string): string => nameOf('region', code);

let languages: string[] | undefined;
/** Every language code with a name. */
export const languageCodes = (): readonly string[] => (languages ??= Object.keys(built()?.language ?? namesTable().language));

/**
 * Codes ICU names that ISO 3166-1 only reserves (UK for GB, EU, UN, ...) or leaves to users
 * (QO, XA, XB): not a country a release can be from. Kosovo's XK is in common use and stays.
 */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'TA', 'UK', 'UN', 'QO', 'XA', 'XB']);

let countries: string[] | undefined;
/** Every ISO 3166-1 country code with a name. */
export const countryCodes = (): readonly string[] => (countries ??= regionCodes().filter((c) => !NOT_COUNTRIES.has(c)));

let regions: string[] | undefined;
/** Every region code with a name: what a country can be. */
export const regionCodes = (): readonly string[] => (regions ??= Object.keys(built()?.region ?? namesTable().region));

/** Every two-letter code ICU names, for the build's table: lower case for languages, upper for regions. */
export function namesTable(): Record<Kind, Record<string, string>> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b));
  const table = (kind: Kind, code: (c: string) => string): Record<string, string> =>
    Object.fromEntries(
      codes.map(code).flatMap((c) => {
        const name = nameOf(kind, c);
        return name === c ? [] : [[c, name]];
      }),
    );
  return { language: table('language', (c) => c), region: table('region', (c) => c.toUpperCase()) };
}

/** Country codes often written where a language code belongs: Japan's "jp" for Japanese "ja". */
const COUNTRY_FOR_LANGUAGE: Record<string, string> = { jp: 'ja', kr: 'ko', cn: 'zh', cz: 'cs', dk: 'da', se: 'sv', gr: 'el', ua: 'uk' };

/**
 * The two-letter language code someone most likely meant by `written`: a language's English
 * name ("japanese"), its three-letter code ("jpn"), a country code used for it ("jp"), or the
 * code in capitals ("JA"). Undefined when nothing fits.
 */
export function languageCodeFor(written: string): string | undefined {
  const w = written.trim().toLowerCase();
  if (Object.hasOwn(COUNTRY_FOR_LANGUAGE, w)) return COUNTRY_FOR_LANGUAGE[w];
  const table = built()?.language ?? namesTable().language;
  if (/^[a-z]{2}$/.test(w) && Object.hasOwn(table, w)) return w;
  // A three-letter code has the same English name as its two-letter one.
  const name = (/^[a-z]{3}$/.test(w) ? nameOf('language', w) : w).toLowerCase();
  return Object.keys(table).find((code) => table[code]!.toLowerCase() === name);
}
