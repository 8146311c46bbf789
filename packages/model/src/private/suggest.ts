/**
 * The choice a person most likely meant, for a "did you mean" hint: same letters ignoring case and
 * `-`/`_` (so `pull_request` finds `pullRequest`), else the closest within two edits.
 */
export function closestChoice(input: string, choices: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const same = choices.find((c) => fold(c) === fold(input));
  if (same !== undefined) return same;
  let best: { choice: string; distance: number } | undefined;
  for (const choice of choices) {
    const distance = editDistance(fold(input), fold(choice));
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { choice, distance };
  }
  return best?.choice;
}

/** `; did you mean "X"?`, or nothing when no choice is close. */
export function didYouMean(input: string, choices: readonly string[]): string {
  const choice = closestChoice(input, choices);
  return choice === undefined || choice === input ? '' : `; did you mean "${choice}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
