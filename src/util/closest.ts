/**
 * Edit distance between two strings, counting a swap of neighbours as one edit (optimal
 * string alignment), since "titel" for "title" is the commonest typo. By UTF-16 unit.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate nearest to `word`, if it is near enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const list = [...candidates];
  for (const c of list) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Allow about one edit in three characters, and at least one; beyond that a guess misleads.
  // A single character is one edit from every other, so it is never a typo of one.
  const limit = w.length < 2 ? 0 : Math.max(1, Math.floor(Math.max(w.length, 3) / 3));
  if (bestDistance <= limit) return best;
  // A word that is one part of a single candidate's name: "aspect" for "aspect_ratio".
  const parts = list.filter((c) => c.toLowerCase().split(/[_-]/).includes(w));
  return w.length >= 3 && parts.length === 1 ? parts[0] : undefined;
}

/**
 * The hint of a problem: "did you mean X?" when a candidate is near, followed by what else to
 * do when one is given; otherwise that alone, or undefined.
 */
export function suggest(word: string, candidates: Iterable<string>, otherwise?: string): string | undefined {
  const near = closest(word, candidates);
  if (near === undefined) return otherwise;
  return otherwise === undefined ? `did you mean "${near}"?` : `did you mean "${near}"? Otherwise, ${otherwise}`;
}

/** " (did you mean X?)" or "", for the tail of a message. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closest(word, candidates);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}
