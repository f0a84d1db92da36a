/** "Did you mean" hints for misspelt names (rule ids, commands). */

/** `; did you mean "health/probes"?` when a known id is close enough, else nothing. */
export function suggestion(id: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  const name = id.slice(id.indexOf('/') + 1);
  for (const candidate of candidates) {
    const candidateName = candidate.slice(candidate.indexOf('/') + 1);
    const distance = Math.min(editDistance(id, candidate), editDistance(name, candidateName) + 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(id.length / 3));
  return best !== undefined && bestDistance <= tolerance ? `; did you mean "${best}"?` : '';
}

/** The candidates, nearest to `name` first (by edit distance, then by code unit order). */
export function nearestFirst(name: string, candidates: Iterable<string>): string[] {
  const scored = [...new Set(candidates)].map((candidate) => ({ candidate, distance: editDistance(name, candidate) }));
  scored.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  return scored.map((entry) => entry.candidate);
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
