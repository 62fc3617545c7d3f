/**
 * The one rule for dates, shared by the data decoder, the command line and the query language:
 * YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists on the calendar.
 */
export const DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Why `s` is not a date, or undefined when it is one: 'form' (not YYYY[-MM[-DD]]) or 'calendar' (no such day). */
export function dateFault(s: string): 'form' | 'calendar' | undefined {
  const m = DATE.exec(s);
  if (!m) return 'form';
  const [, y, mo, d] = m;
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return month < 1 || month > 12 || day < 1 || day > daysInMonth ? 'calendar' : undefined;
}
