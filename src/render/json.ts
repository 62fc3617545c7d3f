import { escapeJson } from './escape';

/**
 * Records as JSON, with the field names of the data format. Source positions (`at`) are
 * internal and left out. Output ends with a newline and never carries raw control characters.
 */
export function renderJson(value: unknown): string {
  return `${escapeJson(JSON.stringify(value, (key, v: unknown) => (key === 'at' ? undefined : v), 2))}\n`;
}
