/** Write a synthetic catalogue of `count` anthologies into `dir` (once) and return `dir`. */
export function generate(dir: string, count: number): string;
